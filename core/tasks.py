from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

from core.health import HEARTBEAT_KEY


@shared_task(ignore_result=True)
def record_heartbeat() -> str:
    """Beat runs this every minute; /healthz shows when the worker last ran it."""
    now = timezone.now().isoformat()
    cache.set(HEARTBEAT_KEY, now, timeout=None)
    return now
