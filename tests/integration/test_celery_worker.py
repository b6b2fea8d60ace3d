"""A real Celery worker (on the configured broker: filesystem or Redis) sends
reminder emails to a real SMTP server (aiosmtpd) on localhost, exactly once."""

import time

import pytest
from django.contrib.contenttypes.models import ContentType

from core import tasks
from core.models import Notification
from network.models import MemberTrust
from tests.conftest import make_user
from tests.integration.conftest import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_real_worker_sends_each_notification_once(workers, smtp_sink):
    port, inbox = smtp_sink
    workers.start()
    trust = MemberTrust.objects.create(
        name="Sink Trust", short_name="Sink", icb="other", joined_on="2016-03-15"
    )
    user = make_user("reminded@example.test", "trust_lead", trust=trust)
    note = Notification.objects.create(
        kind="TEST",
        content_type=ContentType.objects.get_for_model(trust),
        object_id=str(trust.pk),
        recipient=user,
        occurrence="x",
        subject="Papers are due",
        body_text="Please send your papers",
    )
    tasks.enqueue_send(note.pk)
    tasks.enqueue_send(note.pk)  # a duplicate delivery must not send twice
    assert wait_for(lambda: len(inbox.messages) >= 1)
    assert wait_for(
        lambda: Notification.objects.get(pk=note.pk).status == Notification.Status.SENT
    )
    time.sleep(1.5)  # give the duplicate time to (not) arrive
    assert len(inbox.messages) == 1
    assert inbox.messages[0].rcpt_tos == ["reminded@example.test"]
    assert b"Papers are due" in inbox.messages[0].content
