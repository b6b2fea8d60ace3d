from celery import shared_task

from audit.retention import purge_expired as run_purge


@shared_task(name="audit.tasks.purge_expired")
def purge_expired() -> dict[str, int]:
    """Daily retention purge (beat entry in config/celery.py)."""
    return run_purge()
