"""Production gunicorn with a missing or weak SECRET_KEY exits promptly with
one line, with the port never bound (issue 16, low 4: workers crash-looped
for ever while the port looked healthy)."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.integration.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def port_is_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.parametrize(
    ("key", "says"),
    [
        (None, "SECRET_KEY (a random string of 50+ characters)"),
        ("short-and-weak", "SECRET_KEY (at least 50 characters)"),
    ],
)
def test_gunicorn_exits_with_the_message(key, says):
    port = free_port()
    unset = ("DEBUG", "TESTING", "SECRET_KEY")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    if key is not None:
        env["SECRET_KEY"] = key
    env.update(
        DJANGO_ENV="production",
        ALLOWED_HOSTS="psw.example.nhs.uk",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
    )
    process = subprocess.Popen(
        [GUNICORN, "-c", "config/gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    bound = False
    while process.poll() is None and time.monotonic() < deadline:
        bound = bound or port_is_open(port)
        time.sleep(0.1)
    if process.poll() is None:
        process.kill()
        process.wait(timeout=10)
        pytest.fail("gunicorn was still running after 30 s: " + process.stderr.read())
    stderr = process.stderr.read()
    assert process.returncode != 0
    assert "Configuration error: Production mode" in stderr and says in stderr
    assert not bound, "the port was bound although the settings were refused"
    assert "Booting worker" not in stderr
