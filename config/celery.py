"""The Celery app. Tasks live in each app's tasks.py; the beat schedule is here."""

import logging
import os

from celery import Celery
from celery.schedules import crontab
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

if os.environ.get("CELERY_BROKER_URL", "").startswith("redis"):
    # Imported now, not on a web worker's first save: that import (0.7 s here)
    # on top of the publish timeout took a save past 3 s with Redis hung (REL-02).
    import kombu.transport.redis  # noqa: F401


@worker_ready.connect
def warn_if_the_broker_may_evict(**kwargs):
    """Said once at start-up, where whoever deploys the worker will see it."""
    from core.health import broker_eviction_warning

    problem = broker_eviction_warning()
    if problem:
        logging.getLogger("core.health").warning(problem)


# Times are UTC (shown to people in Europe/London). Each entry says why.
app.conf.beat_schedule = {
    # every minute: proves the worker and beat are alive (shown on /healthz)
    "heartbeat": {
        "task": "core.tasks.record_heartbeat",
        "schedule": crontab(minute="*"),
    },
    # every 5 minutes: record due reminders and send what is waiting; a missed
    # run catches up on the next one, and a repeated run sends nothing twice
    "scan-reminders": {
        "task": "core.tasks.scan_reminders",
        "schedule": crontab(minute="*/5"),
    },
    # 05:30 UTC daily (06:30 BST / 05:30 GMT): date rules first, then reminders
    "nightly-date-rules": {
        "task": "core.tasks.nightly_date_rules",
        "schedule": crontab(hour=5, minute=30),
    },
    # 03:15 UTC daily: retention purge (audit 6 years, closed accounts 90 days,
    # email bodies 1 year; periods in settings); a second run changes nothing
    "purge-expired": {
        "task": "audit.tasks.purge_expired",
        "schedule": crontab(hour=3, minute=15),
    },
    # hourly at :20: a training place offered 48 hours ago passes to the next person
    "expire-training-offers": {
        "task": "training.tasks.expire_training_offers",
        "schedule": crontab(minute=20),
    },
    # Mondays 07:00 UTC (07:00 GMT / 08:00 BST): weekly digests
    "weekly-digests": {
        "task": "core.tasks.send_digests",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
    },
}
