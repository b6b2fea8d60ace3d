"""PERF-07 / SEC-28: CSV exports stream instead of building the file in memory."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import csvexport
from tests.csv_helpers import csv_rows
from tests.workforce.conftest import make_post
from workforce.csvimport import LABELS

pytestmark = pytest.mark.django_db


def _make_posts(trust, prefix: str, n: int) -> None:
    for i in range(n):
        make_post(trust, local_ref=f"{prefix}-{i:04d}")


def test_header_arrives_before_any_post_is_read(login, lead_a, trust_a):
    _make_posts(trust_a, "P", 3)
    response = login(lead_a).get(reverse("workforce:post-export"))
    assert response.streaming and response["Content-Type"].startswith("text/csv")
    chunks = iter(response.streaming_content)
    with CaptureQueriesContext(connection) as first:
        header = next(chunks).decode("utf-8")
    assert first.captured_queries == []  # nothing read from the database yet
    assert header == "\ufeff" + ",".join(LABELS) + "\r\n"
    with CaptureQueriesContext(connection) as rest:
        body = b"".join(chunks).decode("utf-8")
    assert body.count("\r\n") == 3 and len(rest.captured_queries) >= 1


def _export_queries(client) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        rows = csv_rows(client.get(reverse("workforce:post-export")))
    # The per-minute export limit's counter (database cache) costs a query more or
    # less depending on whether a new minute began between requests: not counted.
    counted = [
        q
        for q in ctx.captured_queries
        if "django_cache" not in q["sql"] and "SAVEPOINT" not in q["sql"]
    ]
    return len(rows) - 1, len(counted)


def test_export_query_count_does_not_grow_with_rows(login, lead_a, trust_a):
    client = login(lead_a)
    client.get(reverse("workforce:post-export"))  # warm per-process caches first
    _make_posts(trust_a, "S", 5)
    small = _export_queries(client)
    _make_posts(trust_a, "L", 120)
    large = _export_queries(client)
    assert (small[0], large[0]) == (5, 125)
    assert small[1] == large[1]


def test_rows_go_out_in_batches_and_stay_formula_safe(monkeypatch):
    monkeypatch.setattr(csvexport, "ROWS_PER_CHUNK", 2)
    rows = [["=1+1", "-2"], ["@SUM(A1)", "ok"], ["plain", None]]
    chunks = list(csvexport.csv_lines(["a", "b"], iter(rows)))
    assert chunks == [
        "\ufeffa,b\r\n",
        "'=1+1,-2\r\n'@SUM(A1),ok\r\n",
        "plain,\r\n",
    ]
