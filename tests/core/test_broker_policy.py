"""The broker Redis must not evict queued tasks: the worker says so when it
starts, and `manage.py check --deploy` warns, unless maxmemory-policy is
noeviction. Against a private redis-server on a free loopback port."""

import shutil
import socket
import subprocess
import time

import pytest
import redis
from django.core.checks import run_checks

from core.health import broker_eviction_warning


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def broker(settings):
    """A private Redis as the broker; yields a client to change its policy."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed: cannot check a real broker")
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port, socket_timeout=2)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.1)
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{port}/0"
    yield client
    server.terminate()
    server.wait(timeout=10)


def test_noeviction_gives_no_warning(broker):
    broker.config_set("maxmemory-policy", "noeviction")
    assert broker_eviction_warning() is None
    assert not [
        w for w in run_checks(include_deployment_checks=True) if w.id == "core.W001"
    ]


def test_an_evicting_policy_is_named_with_what_to_set(broker):
    broker.config_set("maxmemory-policy", "allkeys-lru")
    warning = broker_eviction_warning()
    assert "allkeys-lru" in warning and "noeviction" in warning
    found = [
        w for w in run_checks(include_deployment_checks=True) if w.id == "core.W001"
    ]
    assert [w.msg for w in found] == [warning]


def test_deployment_checks_only(broker):
    broker.config_set("maxmemory-policy", "volatile-lru")
    assert not [w for w in run_checks() if w.id == "core.W001"]


def test_a_broker_that_hides_config_is_a_warning_too(broker):
    broker.execute_command("ACL", "SETUSER", "default", "-config")
    warning = broker_eviction_warning()
    assert "Could not read" in warning and "noeviction" in warning


def test_a_filesystem_broker_is_not_checked(settings):
    settings.CELERY_BROKER_URL = "filesystem://"
    assert broker_eviction_warning() is None
