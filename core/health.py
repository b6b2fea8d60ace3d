"""Checks for /healthz (is the whole service working, scheduled work included?)
and /livez (is this web process answering?), and the dead man's switch ping."""

import logging
import time
import urllib.request
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection

logger = logging.getLogger(__name__)

HEARTBEAT_KEY = "celery-heartbeat"
PING_TIMEOUT = 5  # seconds: a slow monitoring service must not hold up the scan


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


def broker_eviction_warning() -> str | None:
    """Why the broker Redis could drop queued tasks, in words an operator can act
    on, or None. Under any maxmemory-policy but noeviction a full Redis deletes
    keys, and a queue is a key: tasks vanish with no error (sends wait for the
    next scan; a scan, digest or date-rule task is simply lost). Checked when
    the worker starts and by `manage.py check --deploy`. An unreachable broker
    gives None: /healthz and the worker's own retries report that."""
    url = settings.CELERY_BROKER_URL
    if not url.startswith(("redis://", "rediss://", "unix://")):
        return None
    import redis

    try:
        client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        policy = client.config_get("maxmemory-policy").get("maxmemory-policy")
    except redis.ResponseError as exc:  # CONFIG turned off, as some hosts do
        return (
            f"Could not read the broker Redis maxmemory-policy ({exc}). Make sure "
            "it is noeviction: otherwise a full Redis deletes queued tasks."
        )
    except (redis.RedisError, OSError):
        return None
    if policy == "noeviction":
        return None
    return (
        f"The broker Redis maxmemory-policy is {policy}, not noeviction: when it "
        "is full, Redis deletes queued tasks without an error. Set "
        "maxmemory-policy noeviction on the broker (keep any cache in another Redis)."
    )


def age_in_seconds(seen: str | None) -> float | None:
    if not seen:
        return None
    return time.time() - datetime.fromisoformat(seen).timestamp()


def _cached(key: str) -> str | None:
    try:
        return cache.get(key)
    except Exception:  # cache unreachable: treated as never seen
        return None


def last_heartbeat() -> dict:
    """The worker runs record_heartbeat every minute (beat sends it)."""
    seen = _cached(HEARTBEAT_KEY)
    age = age_in_seconds(seen)
    return {
        "last_seen": seen,
        "stale": age is None or age > settings.HEALTH_HEARTBEAT_MAX_AGE,
    }


def reminder_scan() -> dict:
    """When the reminder scan last ran; stale after its limit (beat or worker down)."""
    from core.notifications import LAST_SCAN_KEY

    seen = _cached(LAST_SCAN_KEY)
    age = age_in_seconds(seen)
    return {
        "last_run": seen,
        "stale": age is None or age > settings.HEALTH_SCAN_MAX_AGE,
    }


def problems(report: dict) -> list[str]:
    """What makes /healthz answer 503, in words an operator can act on. A broker
    outage alone does not: saves still work and the outbox keeps the emails;
    if it lasts, the heartbeat goes stale and that does."""
    found = []
    if not report["database"]["ok"]:
        found.append("database unreachable")
    limits = (
        ("worker", "last_seen", "worker heartbeat", settings.HEALTH_HEARTBEAT_MAX_AGE),
        ("reminder_scan", "last_run", "reminder scan", settings.HEALTH_SCAN_MAX_AGE),
    )
    for key, field, words, limit in limits:
        if report[key].get("stale", True) and report["database"]["ok"]:
            seen = report[key][field]
            when = f"last at {seen}" if seen else "never seen"
            found.append(f"{words} older than {limit} seconds ({when})")
    return found


def check_all() -> dict:
    database = check_database()
    broker = check_broker()
    report = {
        "database": database,
        "broker": broker,
        "worker": last_heartbeat() if database["ok"] else {"last_seen": None},
        "reminder_scan": reminder_scan() if database["ok"] else {"last_run": None},
    }
    report["problems"] = problems(report)
    if report["problems"]:
        status = "failing"
    else:
        status = "ok" if broker["ok"] else "degraded"
    return {"status": status, **report}


def ping(suffix: str = "", body: str = "") -> bool:
    """Tell the dead man's switch (HEALTHCHECKS_PING_URL, Healthchecks.io style:
    `/start`, the bare URL for success, `/fail`) how the scan went. Never raises:
    an unreachable monitor must not stop reminders going out."""
    base = settings.HEALTHCHECKS_PING_URL.rstrip("/")
    if not base:
        return False
    request = urllib.request.Request(
        base + suffix, data=body.encode()[:10_000], method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=PING_TIMEOUT) as response:
            return 200 <= response.status < 300
    except Exception as exc:
        logger.warning("health check ping %s failed: %s", suffix or "/", exc)
        return False
