"""Sentry gets errors without personal data: checked on the envelope a real
sentry-sdk client posts to an HTTP server on loopback."""

import gzip
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import brotli
import pytest
import sentry_sdk

from core.errors import init_sentry


@pytest.fixture
def sentry_sink():
    bodies = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            encoding = self.headers.get("Content-Encoding")
            if encoding == "gzip":
                raw = gzip.decompress(raw)
            elif encoding == "br":  # sentry-sdk prefers Brotli when it is installed
                raw = brotli.decompress(raw)
            bodies.append(raw.decode())
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    init_sentry(f"http://publickey@127.0.0.1:{server.server_port}/1", "test")
    yield bodies
    sentry_sdk.init(dsn=None)  # switch reporting off again for other tests
    server.shutdown()
    server.server_close()


def test_an_error_reaches_sentry_without_personal_data(sentry_sink):
    with sentry_sdk.new_scope() as scope:
        scope.set_user({"id": 7, "email": "jo.bloggs@nhs.net", "username": "jo"})
        scope.add_event_processor(
            lambda event, hint: {
                **event,
                "request": {
                    "url": "http://127.0.0.1/accounts/login/",
                    "method": "POST",
                    "data": {"login": "jo.bloggs@nhs.net", "password": "hunter2"},
                    "cookies": {"sessionid": "cookie-value-123"},
                    "headers": {
                        "Authorization": "Bearer token-xyz",
                        "Cookie": "sessionid=cookie-value-123",
                        "User-Agent": "test",
                    },
                },
            }
        )
        try:
            raise ValueError("no account for jo.bloggs@nhs.net")
        except ValueError:
            sentry_sdk.capture_exception()
    sentry_sdk.flush(timeout=5)
    assert sentry_sink, "nothing reached the local Sentry server"
    sent = "\n".join(sentry_sink)
    event = json.loads(
        next(line for line in sent.splitlines() if '"exception"' in line)
    )
    assert event["exception"]["values"][0]["type"] == "ValueError"
    assert event["request"]["url"] == "http://127.0.0.1/accounts/login/"
    assert event["request"]["headers"] == {"User-Agent": "test"}
    # The SDK's _meta may name a removed key ("sessionid"), never its value.
    secrets = ("jo.bloggs@nhs.net", "hunter2", "token-xyz", "cookie-value-123")
    for secret in (*secrets, '"jo"'):
        assert secret not in sent, secret
    assert "user" not in event


def test_healthz_answering_503_is_not_reported_as_an_error():
    from core.errors import before_send

    # As Django logs it: log_response("%s: %s", reason, path)
    entry = {"message": "%s: %s", "params": ["Service Unavailable", "/healthz"]}
    probe = {"logger": "django.request", "logentry": entry}
    assert before_send(probe, {}) is None
    other = {"logger": "django.request", "logentry": {"message": "Error: /x/"}}
    assert before_send(other, {}) is not None
