"""The Celery app for the fault runs' beat processes (REL-10).

The same app as config.celery, but its schedule holds only the reminder scan,
every FAULT_SCAN_SECONDS (the deployed schedule scans every 5 minutes), so a run
can watch several scans in a minute. Run as `celery -A faultbeat beat` with
benchmarks/ on PYTHONPATH; the worker uses config.celery as deployed.
"""

import os
from datetime import timedelta

from config.celery import app

app.conf.beat_schedule = {
    "scan-reminders": {
        "task": "core.tasks.scan_reminders",
        "schedule": timedelta(seconds=float(os.environ["FAULT_SCAN_SECONDS"])),
    },
}

if os.environ.get("FAULT_HEARTBEAT_SECONDS"):  # the alarm run watches /healthz
    app.conf.beat_schedule["heartbeat"] = {
        "task": "core.tasks.record_heartbeat",
        "schedule": timedelta(seconds=float(os.environ["FAULT_HEARTBEAT_SECONDS"])),
    }
