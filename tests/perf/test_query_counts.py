"""PERF-01: each key page runs the same number of queries at two data sizes."""

import importlib.util
from datetime import date
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from benchmarks import loaddata
from workforce import figures_cache

pytestmark = pytest.mark.perf

ROOT = Path(__file__).resolve().parents[2]
ANCHOR = date(2026, 11, 26)


def benchmark_pages():
    spec = importlib.util.spec_from_file_location(
        "bench_pages", ROOT / "benchmarks" / "pages.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def counts_at(scale: float, login) -> dict:
    pages = benchmark_pages()
    with transaction.atomic():
        loaddata.generate(scale=scale, seed=5, anchor=ANCHOR, log=lambda _: None)
        # The loader writes in bulk, not through the services: start each size
        # with the cached figures stale, as they would be after real writes.
        figures_cache.invalidate()
        result = {}
        for page in pages.key_pages():
            if page.baseline:  # /_perf/ is only routed in benchmark runs
                continue
            client = login(pages.bench_user(page.user))
            client.get(page.path)  # warm what a running server has warm
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(page.path)
            assert response.status_code == 200, page.path
            result[page.name] = len(ctx)
        transaction.set_rollback(True)
    return result


@pytest.mark.django_db
def test_key_pages_run_the_same_number_of_queries_at_two_data_sizes(login):
    small, larger = counts_at(0.02, login), counts_at(0.06, login)
    differing = {
        name: (small[name], larger[name])
        for name in small
        if small[name] != larger[name]
    }
    assert not differing, f"query count grows with data (N+1?): {differing}"
