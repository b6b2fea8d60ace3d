"""The Celery app. Tasks live in each app's tasks.py; the beat schedule is here."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Times are UTC. Each entry says when it runs and why.
app.conf.beat_schedule = {
    # every minute: proves the worker and beat are alive (shown on /healthz)
    "heartbeat": {
        "task": "core.tasks.record_heartbeat",
        "schedule": crontab(minute="*"),
    },
}
