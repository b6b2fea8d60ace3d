#!/usr/bin/env python
"""Print, as JSON, what a benchmark run needs from one database: the pages, a
signed-in session key and each page's status and query count (test client).

    DATABASE_URL=postgres://…/perf_scale1 .venv/bin/python benchmarks/probe.py
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(os.environ.get("BENCH_APP_ROOT") or Path(__file__).resolve().parent.parent)
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]
os.chdir(ROOT)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

import pages  # noqa: E402

key_pages = pages.key_pages()
print(
    json.dumps(
        {
            "pages": pages.describe(key_pages),
            "session": pages.session_key(),
            "sessions": pages.sessions(key_pages),
            "queries": pages.count_queries(key_pages),
        }
    )
)
