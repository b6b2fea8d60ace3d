"""Celery entry points for training. Thin: they call the services."""

from celery import shared_task

from training import services


@shared_task(ignore_result=True, soft_time_limit=120, time_limit=180)
def expire_training_offers() -> int:
    """Pass expired waiting-list offers on (hourly, so a 48-hour offer is not kept
    waiting for the nightly job). Idempotent."""
    return services.offers_expire()
