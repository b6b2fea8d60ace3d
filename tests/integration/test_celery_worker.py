"""A real Celery worker (on the configured broker: filesystem or Redis) sends
reminder emails to a real SMTP server (aiosmtpd) on localhost, exactly once."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection

from config.celery import app as celery_app
from core import tasks
from core.models import Notification
from network.models import MemberTrust
from tests.conftest import make_user

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
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
    return f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker(smtp_sink, settings):
    """A real worker process on a private queue, pointed at the test database."""
    queue = f"itest-{os.getpid()}"
    settings.NOTIFICATIONS_QUEUE = queue
    celery_app.conf.task_always_eager = False
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_sink[0]}",
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "NOTIFICATIONS_QUEUE": queue,
    }
    env.pop("DJANGO_ENV", None)
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "celery"),
            "-A",
            "config",
            "worker",
            "-Q",
            queue,
            "--pool",
            "solo",
            "--loglevel",
            "WARNING",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield process
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


def wait_for(predicate, seconds=40.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_real_worker_sends_each_notification_once(worker, smtp_sink):
    port, inbox = smtp_sink
    trust = MemberTrust.objects.create(
        name="Sink Trust", short_name="Sink", icb="other", joined_on="2016-03-15"
    )
    user = make_user("reminded@example.test", "trust_lead", trust=trust)
    note = Notification.objects.create(
        kind="TEST",
        content_type_id=1,
        object_id=str(trust.pk),
        recipient=user,
        occurrence="x",
        subject="Papers are due",
        body_text="Please send your papers",
    )
    tasks.enqueue_send(note.pk)
    tasks.enqueue_send(note.pk)  # a duplicate delivery must not send twice
    assert wait_for(lambda: len(inbox.messages) >= 1), _worker_output(worker)
    assert wait_for(
        lambda: Notification.objects.get(pk=note.pk).status == Notification.Status.SENT
    )
    time.sleep(1.5)  # give the duplicate time to (not) arrive
    assert len(inbox.messages) == 1
    assert inbox.messages[0].rcpt_tos == ["reminded@example.test"]
    assert b"Papers are due" in inbox.messages[0].content


def _worker_output(process) -> str:
    if process.poll() is None:
        process.terminate()
    out, _ = process.communicate(timeout=10)
    return f"worker output:\n{out[-3000:]}\nbroker={settings.CELERY_BROKER_URL} python={sys.executable}"
