"""The alarm when scheduled work stops: /healthz and /livez, the dead man's
switch ping around each scan, and the one catch-up email after a gap."""

import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from core import health, notifications, tasks
from core.models import Notification

pytestmark = pytest.mark.django_db


class PingServer:
    """A real HTTP server on loopback that records each ping (path, body)."""

    def __init__(self, status=200, delay=0.0):
        received = self.received = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                received.append((self.path, self.rfile.read(length).decode()))
                time.sleep(delay)
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"OK")
                except OSError:
                    pass  # the client gave up waiting, as it should

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/ping/check-uuid"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def paths(self):
        return [path for path, _ in self.received]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def ping_server(settings):
    server = PingServer()
    settings.HEALTHCHECKS_PING_URL = server.url
    yield server
    server.close()


def ago(**delta) -> str:
    return (timezone.now() - timedelta(**delta)).isoformat()


def test_healthz_is_503_naming_both_when_no_scan_or_heartbeat_has_run(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failing"
    assert [p.split(" older")[0] for p in body["problems"]] == [
        "worker heartbeat",
        "reminder scan",
    ]
    assert all("never seen" in p for p in body["problems"])


def test_healthz_is_200_once_the_worker_and_scan_have_run(client):
    tasks.record_heartbeat()
    tasks.scan_reminders()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["problems"] == []


def test_a_stale_scan_alone_is_named_with_its_limit(client, settings):
    settings.HEALTH_SCAN_MAX_AGE = 600
    tasks.record_heartbeat()
    cache.set(notifications.LAST_SCAN_KEY, ago(seconds=601))
    response = client.get("/healthz")
    assert response.status_code == 503
    (problem,) = response.json()["problems"]
    assert problem.startswith("reminder scan older than 600 seconds (last at ")
    cache.set(notifications.LAST_SCAN_KEY, ago(seconds=500))
    assert client.get("/healthz").status_code == 200


def test_a_stopped_worker_is_named_when_its_heartbeat_is_stale(client, settings):
    settings.HEALTH_HEARTBEAT_MAX_AGE = 300
    tasks.scan_reminders()
    cache.set(health.HEARTBEAT_KEY, ago(seconds=301))
    response = client.get("/healthz")
    assert response.status_code == 503
    (problem,) = response.json()["problems"]
    assert problem.startswith("worker heartbeat older than 300 seconds")


def test_livez_answers_while_the_worker_and_database_are_down(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    assert client.get("/healthz").status_code == 503
    response = client.get("/livez")
    assert response.status_code == 200
    assert response.json() == {"status": "alive"}


def test_each_scan_pings_start_then_success(ping_server):
    tasks.scan_reminders()
    assert ping_server.paths() == ["/ping/check-uuid/start", "/ping/check-uuid"]


def test_a_failed_scan_pings_fail_with_the_error(ping_server, monkeypatch):
    def broken_scan():
        raise RuntimeError("reminder source exploded")

    monkeypatch.setattr(notifications, "outbox_scan", broken_scan)
    with pytest.raises(RuntimeError):
        tasks.scan_reminders()
    assert ping_server.paths() == ["/ping/check-uuid/start", "/ping/check-uuid/fail"]
    assert ping_server.received[-1][1] == "RuntimeError: reminder source exploded"


@pytest.mark.parametrize("status,delay", [(500, 0.0), (200, 3.0)])
def test_a_failing_or_slow_monitor_never_stops_the_scan(
    settings, monkeypatch, status, delay
):
    server = PingServer(status=status, delay=delay)
    settings.HEALTHCHECKS_PING_URL = server.url
    monkeypatch.setattr(health, "PING_TIMEOUT", 0.5)
    try:
        started = time.monotonic()
        tasks.scan_reminders()
        assert time.monotonic() - started < 2.5  # two pings, each cut off
    finally:
        server.close()
    assert notifications.last_scan() is not None


def test_an_unreachable_monitor_never_stops_the_scan(settings):
    server = PingServer()
    settings.HEALTHCHECKS_PING_URL = server.url
    server.close()  # nothing listens on the port now
    tasks.scan_reminders()
    assert notifications.last_scan() is not None


def test_after_a_gap_coordinators_get_one_catch_up_email(
    settings, coordinator, admin_user, peer_worker
):
    settings.HEALTH_SCAN_MAX_AGE = 1800
    stopped = timezone.now() - timedelta(hours=3)
    cache.set(notifications.LAST_SCAN_KEY, stopped.isoformat())
    tasks.scan_reminders()
    cache.set(notifications.LAST_SCAN_KEY, stopped.isoformat())  # a repeat of it
    tasks.scan_reminders()
    tasks.scan_reminders()  # and a normal scan after

    notes = Notification.objects.filter(kind="scans-caught-up")
    assert sorted(n.recipient.email for n in notes) == sorted(
        [coordinator.email, admin_user.email]
    )
    emails = [m for m in mail.outbox if "caught up" in m.subject]
    assert sorted(m.to[0] for m in emails) == sorted(
        [coordinator.email, admin_user.email]
    )
    text = emails[0].body
    assert "did not check for due reminders between" in text
    assert timezone.localtime(stopped).strftime("%-d %B %Y, %H:%M") in text
    assert "have caught up" in text


def test_a_gap_within_the_limit_sends_nothing(settings, coordinator):
    settings.HEALTH_SCAN_MAX_AGE = 1800
    cache.set(notifications.LAST_SCAN_KEY, ago(seconds=1700))
    tasks.scan_reminders()
    assert not Notification.objects.filter(kind="scans-caught-up").exists()
