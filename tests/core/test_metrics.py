"""/metrics: only for configured addresses or the bearer token; outbox and scan
figures computed from the database at scrape time."""

import socket
import uuid
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from config.celery import app as celery_app
from core import tasks
from core.models import Notification
from tests.conftest import TEST_REDIS_URL, require_redis

pytestmark = pytest.mark.django_db


def note(user, status, occurrence):
    return Notification.objects.create(
        kind="test",
        content_type=ContentType.objects.get_for_model(user),
        object_id=str(user.pk),
        recipient=user,
        occurrence=occurrence,
        subject="Reminder",
        body_text="Body",
        status=status,
    )


def test_refused_as_not_found_without_configuration(client, settings):
    settings.METRICS_ALLOWED_IPS = []
    settings.METRICS_TOKEN = ""
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer ")
    assert response.status_code == 404
    assert b"psw_" not in response.content


def test_a_wrong_token_or_other_address_is_refused(client, settings):
    settings.METRICS_TOKEN = "s3cret-token-value"
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/8"]
    for header in ("Bearer wrong", "s3cret-token-value", "Bearer s3cret-token-valu"):
        response = client.get("/metrics", HTTP_AUTHORIZATION=header)
        assert response.status_code == 404
        assert b"psw_" not in response.content


def test_the_token_or_an_allowed_network_may_scrape(client, settings):
    settings.METRICS_TOKEN = "s3cret-token-value"
    settings.METRICS_ALLOWED_IPS = []
    ok = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token-value")
    assert ok.status_code == 200
    assert ok["Content-Type"].startswith("text/plain")
    assert b"s3cret" not in ok.content
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_IPS = ["127.0.0.0/8"]
    assert client.get("/metrics").status_code == 200  # the test client is 127.0.0.1


def test_outbox_states_oldest_pending_and_scan_age(client, settings, peer_worker):
    settings.METRICS_ALLOWED_IPS = ["127.0.0.1"]
    old = note(peer_worker, "pending", "a")
    Notification.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(hours=2)
    )
    note(peer_worker, "pending", "b")
    note(peer_worker, "failed", "c")
    text = client.get("/metrics").content.decode()
    assert 'psw_outbox_messages{state="pending"} 2.0' in text
    assert 'psw_outbox_messages{state="failed"} 1.0' in text
    assert 'psw_outbox_messages{state="sent"} 0.0' in text
    age = float(text.split("\npsw_outbox_oldest_pending_age_seconds ")[1].split()[0])
    assert 7190 < age < 7300
    assert "\npsw_reminder_scan_age_seconds -1.0" in text
    tasks.scan_reminders()
    text = client.get("/metrics").content.decode()
    scan_age = float(text.split("\npsw_reminder_scan_age_seconds ")[1].split()[0])
    assert 0 <= scan_age < 60


def test_failed_sign_ins_in_the_last_hour(client, settings, peer_worker):
    settings.METRICS_ALLOWED_IPS = ["127.0.0.1"]
    client.post("/accounts/login/", {"login": peer_worker.email, "password": "not-it"})
    text = client.get("/metrics").content.decode()
    assert 'psw_sign_in_failures_last_hour{step="password"} 1.0' in text
    assert 'psw_sign_in_failures_last_hour{step="second_step"} 0.0' in text
    assert peer_worker.email not in text


def test_requests_are_counted_and_timed_by_view_name(client, settings):
    settings.METRICS_ALLOWED_IPS = ["127.0.0.1"]

    def count(text, labels):
        line = f"psw_requests_total{{{labels}}} "
        return float(text.split(line)[1].split()[0]) if line in text else 0.0

    home = 'method="GET",status="2xx",view="core:home"'
    before = count(client.get("/metrics").content.decode(), home)
    client.get("/")
    client.get("/")
    client.get("/no-such-page/")
    text = client.get("/metrics").content.decode()
    assert count(text, home) == before + 2
    assert count(text, 'method="GET",status="4xx",view="unresolved"') >= 1
    assert 'psw_request_seconds_count{view="core:home"}' in text


# The real Redis the queue-length test publishes to (its own queue name, removed
# afterwards); CI's Redis answers on the default.


def test_queue_length_is_unknown_on_the_filesystem_broker(client, settings):
    settings.METRICS_ALLOWED_IPS = ["127.0.0.1"]
    settings.CELERY_BROKER_URL = "filesystem://"
    text = client.get("/metrics").content.decode()
    assert "psw_outbox_messages" in text
    assert "psw_celery_queue_length" not in text


def test_queue_length_is_unknown_while_redis_does_not_answer(client, settings):
    settings.METRICS_ALLOWED_IPS = ["127.0.0.1"]
    with socket.socket() as sock:  # a port with nothing listening on it
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{port}/0"
    response = client.get("/metrics")
    assert response.status_code == 200
    assert "psw_celery_queue_length" not in response.content.decode()


def test_queue_length_counts_tasks_waiting_on_the_redis_broker(client, settings):
    connection = require_redis()
    queue = f"metrics-test-{uuid.uuid4().hex[:8]}"
    settings.METRICS_ALLOWED_IPS = ["127.0.0.1"]
    settings.CELERY_BROKER_URL = TEST_REDIS_URL
    settings.NOTIFICATIONS_QUEUE = queue
    celery_app.conf.task_always_eager = False  # really publish, as the web does
    try:
        with celery_app.connection_for_write(TEST_REDIS_URL) as broker:
            for pk in (1, 2, 3):
                tasks.send_notifications.apply_async(
                    ([pk],), queue=queue, connection=broker
                )
            tasks.send_notifications.apply_async(
                ([4],), queue=queue, connection=broker, priority=9
            )
        text = client.get("/metrics").content.decode()
    finally:
        connection.delete(*connection.keys(f"*{queue}*"))
    assert f'psw_celery_queue_length{{queue="{queue}"}} 4.0' in text
    assert 'psw_celery_queue_length{queue="celery"}' in text
