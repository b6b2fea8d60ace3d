"""Celery entry points. Thin: they take ids and call core.notifications."""

import logging

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from core import health, notifications
from core.health import HEARTBEAT_KEY

logger = logging.getLogger(__name__)


@shared_task(ignore_result=True)
def record_heartbeat() -> str:
    """Beat runs this every minute; /healthz shows when the worker last ran it."""
    now = timezone.now().isoformat()
    cache.set(HEARTBEAT_KEY, now, timeout=None)
    return now


@shared_task(ignore_result=True, soft_time_limit=240, time_limit=300)
def scan_reminders() -> int:
    """Record due reminders in the outbox and queue each ready message; the dead
    man's switch hears of each start, success and failure."""
    health.ping("/start")
    try:
        ready = notifications.outbox_scan()
    except Exception as exc:
        health.ping("/fail", f"{exc.__class__.__name__}: {exc}")
        raise
    health.ping()
    size = notifications.BATCH_SIZE
    for start in range(0, len(ready), size):
        enqueue_batch(ready[start : start + size])
    return len(ready)


@shared_task(ignore_result=True, soft_time_limit=540, time_limit=600)
def nightly_date_rules() -> dict:
    """RAG to red, reviews falling due, training statuses: before the reminders."""
    changed = notifications.apply_all_date_rules(timezone.localdate())
    logger.info("date rules applied: %s", changed)
    scan_reminders.delay()
    return changed


@shared_task(ignore_result=True, soft_time_limit=240, time_limit=300)
def send_notifications(pks: list[int]) -> dict:
    return notifications.notifications_send(pks)


def enqueue_send(pk: int) -> None:
    enqueue_batch([pk])


def enqueue_batch(pks: list[int]) -> None:
    """Queue a send; if the broker is down the rows stay pending for the next scan."""
    try:
        send_notifications.apply_async((pks,), queue=settings.NOTIFICATIONS_QUEUE)
    except Exception as exc:  # broker unreachable: the outbox keeps the messages
        logger.warning("could not queue notifications %s: %s", pks[:5], exc)


@shared_task(ignore_result=True, soft_time_limit=540, time_limit=600)
def send_digests() -> int:
    """Monday mornings: one email per person with their waiting digest items."""
    sent = 0
    for recipient_id in notifications.digest_recipients():
        send_digest.delay(recipient_id)
        sent += 1
    return sent


@shared_task(
    ignore_result=True,
    autoretry_for=notifications.TRANSIENT_ERRORS,
    retry_backoff=60,
    max_retries=5,
)
def send_digest(recipient_id: int) -> int:
    return notifications.digest_send(recipient_id)
