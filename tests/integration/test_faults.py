"""Fault tests: a dead broker never fails a save, and a worker
killed mid-send loses nothing."""

import json
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.utils import timezone

from core import notifications, tasks
from core.models import Notification
from network.models import MemberTrust
from tests.conftest import make_user
from tests.integration.conftest import ROOT, child_env, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

INVITE_WITH_BROKER_DOWN = """
import json, time
from accounts.models import User
from accounts.services import user_invite
from django.template.loader import render_to_string
from django.urls import reverse
coordinator = User.objects.get(email="coordinator@example.test")
reverse("core:home")  # warm the URLconf and templates: time only the save
render_to_string("emails/invitation_body.html", {})
started = time.monotonic()
user_invite(email="while.down@example.test", full_name="While Down",
            role="coordinator", trust=None, actor=coordinator)
print(json.dumps({"seconds": time.monotonic() - started}))
"""


def test_invitation_saves_while_redis_is_down_and_is_sent_when_it_returns(
    settings, coordinator
):
    # A broker address where nothing listens: what a Redis outage looks like.
    env = child_env(settings, CELERY_BROKER_URL="redis://127.0.0.1:6391/0")
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", INVITE_WITH_BROKER_DOWN],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    seconds = json.loads(result.stdout.strip().splitlines()[-1])["seconds"]
    assert seconds < 3, f"the save waited {seconds:.1f}s for the broker"
    note = Notification.objects.get(recipient__email="while.down@example.test")
    assert note.status == Notification.Status.PENDING
    # The broker is back: the next scan sends what waited, once.
    tasks.scan_reminders()
    tasks.scan_reminders()
    assert [m.to for m in mail.outbox] == [["while.down@example.test"]]


def test_worker_killed_mid_send_loses_nothing(workers, smtp_sink, settings):
    port, inbox = smtp_sink
    inbox.delay = 0.3  # slow SMTP, so the kill lands mid-batch
    trust = MemberTrust.objects.create(
        name="Kill Trust", short_name="Kill", icb="other", joined_on="2016-03-15"
    )
    people = [make_user(f"person{i}@example.test", "peer_worker") for i in range(20)]
    ids = [
        Notification.objects.create(
            kind="TEST",
            content_type=ContentType.objects.get_for_model(trust),
            object_id=str(trust.pk),
            recipient=person,
            occurrence="x",
            subject=f"Notice {i}",
            body_text="Hello",
        ).pk
        for i, person in enumerate(people)
    ]
    first = workers.start()
    for pk in ids:
        tasks.enqueue_send(pk)
    assert wait_for(lambda: len(inbox.messages) >= 3)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    delivered_before_restart = len(inbox.messages)
    assert delivered_before_restart < len(ids), (
        "the kill came too late to test anything"
    )

    workers.start()
    settings.NOTIFICATIONS_STALE_CLAIM_SECONDS = (
        0  # what the next scans do after 15 min
    )
    time.sleep(0.1)
    for pk in notifications.outbox_scan(timezone.localdate()):
        tasks.enqueue_send(pk)
    assert wait_for(
        lambda: (
            not Notification.objects.exclude(status=Notification.Status.SENT).exists()
        ),
        seconds=60,
    ), Counter(Notification.objects.values_list("status", flat=True))
    time.sleep(1)
    per_person = Counter(rcpt for m in inbox.messages for rcpt in m.rcpt_tos)
    assert set(per_person) == {p.email for p in people}, "someone got nothing"
    # At-least-once: only the one message in flight at the kill may arrive twice.
    assert sum(n - 1 for n in per_person.values()) <= 1, per_person
