#!/usr/bin/env python
"""PERF-07 probe: time, rows, queries and memory growth of the posts CSV export.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/perf_scale10 DJANGO_ENV=production \\
        SECRET_KEY=<50+ chars> ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false \\
        STATIC_MANIFEST=false .venv/bin/python benchmarks/export_probe.py
"""

import os
import resource
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [ROOT, os.path.join(ROOT, "benchmarks")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django  # noqa: E402

django.setup()
import pages  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

c = Client(HTTP_HOST="127.0.0.1")
c.force_login(pages.bench_user())
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
with CaptureQueriesContext(connection) as ctx:
    r = c.get("/workforce/posts/export.csv")
    body = b"".join(r.streaming_content) if r.streaming else r.content
t1 = time.perf_counter() - t
nl = body.count(bytes([10])) - 1
rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(
    f"status {r.status_code} streaming={r.streaming} rows={nl} bytes={len(body):,} "
    f"seconds={t1:.2f} queries={len(ctx)} maxrss_growth_MB={(rss1 - rss0) / 1024:.0f}"
)
