"""Security fixtures: the policy world, a fresh client per persona and a real
gunicorn serving the test database."""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.test import Client

from tests.conftest import _login_with_mfa
from tests.integration.conftest import database_url, free_port
from tests.policies import World

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def world(personas, trust_a, trust_b):
    return World(personas, trust_a, trust_b)


@pytest.fixture
def client_for(personas):
    """`client_for("lead_a")` is a new client signed in as that persona."""

    def make(role: str, **client_kwargs) -> Client:
        client = Client(**client_kwargs)
        user = personas[role]
        if user is not None:
            _login_with_mfa(client, user)
        return client

    return make


@pytest.fixture
def gunicorn_server():
    """Two workers, as deployed; needs django_db(transaction=True) so they
    see the test's rows."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_ENV": "development",
        "DEBUG": "false",
        "TESTING": "true",
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_MANIFEST": "false",
    }
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/accessibility/", timeout=5)
            break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("gunicorn did not start: " + process.stderr.read().decode()[-2000:])
    yield base
    process.terminate()
    process.wait(timeout=20)
