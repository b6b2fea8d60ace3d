"""Real parts for the integration tests: an SMTP sink and Celery worker processes."""

import asyncio
import os
import socket
import subprocess
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from config.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]


class Inbox:
    """Collects what the SMTP server accepted; `delay` slows each message down."""

    def __init__(self, delay: float = 0.0):
        self.messages = []
        self.delay = delay

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        self.messages.append(envelope)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_sink():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller.port, inbox
    controller.stop()


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = db["USER"] or "postgres"
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def child_env(settings, **extra) -> dict:
    """The environment for a child process that shares the test database."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
    }
    env.pop("DJANGO_ENV", None)
    env.update(extra)
    return env


class Workers:
    """Start and stop real `celery worker` processes on a private queue."""

    def __init__(self, settings, smtp_port: int):
        self.queue = f"itest-{os.getpid()}"
        self.env = child_env(
            settings,
            EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}",
            NOTIFICATIONS_QUEUE=self.queue,
        )
        self.processes = []
        settings.NOTIFICATIONS_QUEUE = self.queue
        celery_app.conf.task_always_eager = False

    def start(self) -> subprocess.Popen:
        process = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "celery"),
                "-A",
                "config",
                "worker",
                "-Q",
                self.queue,
                "--pool",
                "solo",
                "--loglevel",
                "WARNING",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.processes.append(process)
        return process

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture
def workers(settings, smtp_sink):
    pool = Workers(settings, smtp_sink[0])
    yield pool
    pool.stop_all()


def wait_for(predicate, seconds: float = 40.0) -> bool:
    """Poll a condition with a bounded loop."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False
