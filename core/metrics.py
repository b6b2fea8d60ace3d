"""Prometheus metrics, computed from the database at scrape time so every
gunicorn worker answers the same (no per-process state to merge)."""

import hmac
import ipaddress
import time

from django.conf import settings
from django.db.models import Count, Min
from django.utils import timezone
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily

from core.health import age_in_seconds
from core.middleware import client_ip


def may_scrape(request) -> bool:
    """Only from METRICS_ALLOWED_IPS (addresses or networks) or with the bearer
    token METRICS_TOKEN; with neither configured nobody may."""
    token = settings.METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(header.encode(), f"Bearer {token}".encode()):
        return True
    address = client_ip(request)
    if not address or not settings.METRICS_ALLOWED_IPS:
        return False
    ip = ipaddress.ip_address(address)
    return any(
        ip in ipaddress.ip_network(net, strict=False)
        for net in settings.METRICS_ALLOWED_IPS
    )


class OutboxCollector:
    def collect(self):
        from core.models import Notification
        from core.notifications import last_scan

        by_state = GaugeMetricFamily(
            "psw_outbox_messages", "Outbox messages by state", labels=["state"]
        )
        counts = dict(
            Notification.objects.values_list("status").annotate(n=Count("pk"))
        )
        for state in Notification.Status.values:
            by_state.add_metric([state], counts.get(state, 0))
        yield by_state
        oldest = Notification.objects.filter(
            status=Notification.Status.PENDING
        ).aggregate(at=Min("created_at"))["at"]
        age = (timezone.now() - oldest).total_seconds() if oldest else 0
        yield GaugeMetricFamily(
            "psw_outbox_oldest_pending_age_seconds",
            "Age of the oldest pending outbox message (0 when none)",
            value=age,
        )
        seen = last_scan()
        yield GaugeMetricFamily(
            "psw_reminder_scan_age_seconds",
            "Seconds since the last reminder scan (-1 when never)",
            value=age_in_seconds(seen) if seen else -1,
        )


REDIS_BROKERS = ("redis://", "rediss://", "unix://")


def queue_lengths() -> dict[str, int] | None:
    """Messages waiting in each Celery queue, when the broker is Redis (kombu keeps
    a queue as a list, plus one per priority step); None for the filesystem
    broker or a broker that does not answer within a second."""
    url = settings.CELERY_BROKER_URL
    if not url.startswith(REDIS_BROKERS):
        return None
    import redis
    from kombu.transport.redis import PRIORITY_STEPS, Channel

    queues = sorted({settings.CELERY_TASK_DEFAULT_QUEUE, settings.NOTIFICATIONS_QUEUE})
    try:
        client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
        pipe = client.pipeline(transaction=False)
        for queue in queues:
            for step in PRIORITY_STEPS:
                pipe.llen(f"{queue}{Channel.sep}{step}" if step else queue)
        sizes = pipe.execute()
    except (redis.RedisError, OSError):
        return None
    per_queue = len(PRIORITY_STEPS)
    return {
        queue: sum(sizes[i * per_queue : (i + 1) * per_queue])
        for i, queue in enumerate(queues)
    }


class QueueCollector:
    def collect(self):
        lengths = queue_lengths()
        if lengths is None:
            return  # unknown: the filesystem broker, or Redis not answering
        family = GaugeMetricFamily(
            "psw_celery_queue_length",
            "Tasks waiting in each Celery queue on the Redis broker",
            labels=["queue"],
        )
        for queue, length in lengths.items():
            family.add_metric([queue], length)
        yield family


# Request figures are counted in each gunicorn worker process: a scrape sees
# the worker that answered it (the README says so).
PROCESS = CollectorRegistry(auto_describe=True)
REQUESTS = Counter(
    "psw_requests",
    "Requests answered by this process, by view",
    ["view", "method", "status"],
    registry=PROCESS,
)
LATENCY = Histogram(
    "psw_request_seconds",
    "Time to answer, by view (this process)",
    ["view"],
    registry=PROCESS,
)
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


class RequestMetricsMiddleware:
    """Counts and times each request by URL name: two label look-ups, no I/O."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        view = (match.view_name or "unnamed") if match else "unresolved"
        method = request.method if request.method in METHODS else "other"
        status = f"{response.status_code // 100}xx"
        REQUESTS.labels(view, method, status).inc()
        LATENCY.labels(view).observe(time.perf_counter() - started)
        return response


# Collectors computed at scrape time; apps above core add theirs from their
# AppConfig.ready() (the audit trail adds failed sign-ins).
COLLECTORS: list[type] = [OutboxCollector, QueueCollector]


def register_collector(collector: type) -> None:
    if collector not in COLLECTORS:
        COLLECTORS.append(collector)


def exposition() -> bytes:
    registry = CollectorRegistry(auto_describe=False)
    for collector in COLLECTORS:
        registry.register(collector())
    return generate_latest(registry) + generate_latest(PROCESS)
