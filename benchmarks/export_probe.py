#!/usr/bin/env python
"""PERF-07 probe: first byte, total time, rows, queries and memory growth of
the posts CSV export, read the way a WSGI server sends it (chunk by chunk).

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


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


c = Client(HTTP_HOST="127.0.0.1")
c.force_login(pages.bench_user())
c.get("/workforce/posts/")  # warm imports, templates and caches before measuring
rss0 = maxrss_mb()
t = time.perf_counter()
first_byte = None
size = newlines = 0
with CaptureQueriesContext(connection) as ctx:
    r = c.get("/workforce/posts/export.csv")
    chunks = r.streaming_content if r.streaming else [r.content]
    for chunk in chunks:  # as the server would: send each chunk, keep none
        if first_byte is None:
            first_byte = time.perf_counter() - t
        size += len(chunk)
        newlines += chunk.count(b"\n")
total = time.perf_counter() - t
print(
    f"status {r.status_code} streaming={r.streaming} rows={newlines - 1} "
    f"bytes={size:,} first_byte_s={first_byte:.3f} seconds={total:.2f} "
    f"queries={len(ctx)} maxrss_growth_MB={maxrss_mb() - rss0:.0f}"
)
