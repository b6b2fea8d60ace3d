"""gunicorn settings for production: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

Used by the Dockerfile and docker-compose's `web`. The load benchmark
(benchmarks/bench.py) runs the same worker class.
"""

import multiprocessing
import os
import sys

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# WEB_CONCURRENCY is gunicorn's own convention; 2 × cores + 1 when unset.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# gthread, not sync: an idle keep-alive connection (wrk, a proxy that reuses
# connections) then waits in the worker's poller instead of holding the worker.
# Four threads per worker: with one, a stalled client could pin a whole worker.
worker_class = "gthread"
threads = 4
keepalive = 5
timeout = 30
graceful_timeout = 30
# Recycle workers now and then so slow memory growth cannot accumulate (PERF-08);
# the jitter stops every worker restarting at the same moment.
max_requests = 5000
max_requests_jitter = 500
accesslog = "-"
# gunicorn's default, stated because the API schema documents the 414 it gives
# for a longer request line (api/schema.py).
limit_request_line = 4094


def on_starting(server):
    """Load the settings in the master, before the port is bound or any worker
    forks: a missing or weak SECRET_KEY in production then stops gunicorn with
    one line and a non-zero exit, instead of workers failing to start for ever
    while the port answers health checks."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.exceptions import ImproperlyConfigured

    try:
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018 - load the settings now
    except ImproperlyConfigured as exc:
        sys.exit(f"Configuration error: {exc}")
