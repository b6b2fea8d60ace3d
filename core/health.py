"""Reachability checks for /healthz: database, broker and the last worker heartbeat."""

import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection

HEARTBEAT_KEY = "celery-heartbeat"
SCAN_STALE_AFTER = 30 * 60  # seconds


def check_database() -> dict:
    started = time.monotonic()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means "not reachable"
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": True, "ms": round((time.monotonic() - started) * 1000, 1)}


def check_broker() -> dict:
    url = settings.CELERY_BROKER_URL
    started = time.monotonic()
    try:
        if url.startswith("filesystem"):
            folder = Path(settings.CELERY_QUEUE_DIR)
            ok = folder.is_dir()
            transport = "filesystem"
        else:
            import redis

            client = redis.Redis.from_url(
                url, socket_timeout=1, socket_connect_timeout=1
            )
            ok = bool(client.ping())
            transport = "redis"
    except Exception as exc:
        return {"ok": False, "error": exc.__class__.__name__}
    return {
        "ok": ok,
        "transport": transport,
        "ms": round((time.monotonic() - started) * 1000, 1),
    }


def last_heartbeat() -> dict:
    try:
        seen = cache.get(HEARTBEAT_KEY)
    except Exception:
        seen = None
    return {"last_seen": seen}


def reminder_scan() -> dict:
    """When the reminder scan last ran; stale after 30 minutes (beat or worker down)."""
    from datetime import datetime

    try:
        seen = cache.get("notifications-last-scan")
    except Exception:
        seen = None
    stale = True
    if seen:
        age = time.time() - datetime.fromisoformat(seen).timestamp()
        stale = age > SCAN_STALE_AFTER
    return {"last_run": seen, "stale": stale}


def check_all() -> dict:
    database = check_database()
    broker = check_broker()
    return {
        "status": "ok" if database["ok"] and broker["ok"] else "degraded",
        "database": database,
        "broker": broker,
        "worker": last_heartbeat() if database["ok"] else {"last_seen": None},
        "reminder_scan": reminder_scan() if database["ok"] else {"last_run": None},
    }
