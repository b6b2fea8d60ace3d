"""Published figures cannot be un-hidden by subtraction.

A visitor can ask the open-data API for any breakdown (by ICB, setting, band
or a coarser one) of any quarter, and the public dashboard for any mix of
trust, ICB, setting and band filters. For every pair of such requests where
one is a part of the other, this subtracts what was published for the other
parts from the whole, exactly as an attacker would, and checks the result is
never the true count of a small cell (1 to 4 posts). The true counts come from
the coordinator's view of the same request.
"""

import csv
import functools
import io
import itertools
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from api.opendata import quarters
from tests.workforce.conftest import make_post
from workforce.disclosure import BASE, publish_count
from workforce.reports import quarter_of

pytestmark = pytest.mark.django_db

OPEN_COUNTS = ("establishment_posts", "filled_posts")
DIMENSIONS = ("icb", "setting", "band")


@pytest.fixture
def small_cells(trust_a, trust_b):
    """Cells of 1 to 4 posts next to larger ones, so that a coarser total
    minus the visible cells used to give the hidden one away (9 − 6 = 3)."""
    mix = [
        (trust_a, "crisis", "afc_3", 6, "filled"),
        (trust_a, "crisis", "afc_4", 3, "filled"),
        (trust_a, "perinatal", "afc_3", 2, "funded"),
        (trust_b, "crisis", "afc_3", 7, "filled"),
        (trust_b, "perinatal", "afc_4", 1, "recruiting"),
        (trust_b, "perinatal", "afc_3", 4, "filled"),
    ]
    for trust, setting, band, n, status in mix:
        for i in range(n):
            make_post(
                trust,
                local_ref=f"{setting}-{band}-{status}-{i}",
                setting=setting,
                band=band,
                status=status,
                wte=Decimal("0.60"),
                status_effective_date=date(2024, 1, 10),
            )
    return quarter_of(quarters()[-1])


def _open_cells(client, quarter, by) -> dict:
    url = f"/api/v1/open-data/workforce/?quarter={quarter}&by={','.join(by)}"
    response = client.get(url)
    assert response.status_code == 200
    return {
        tuple(r[d] for d in by): {k: r[k] for k in OPEN_COUNTS}
        for r in response.json()["results"]
    }


def _true_open_cells(quarter, by) -> dict:
    from api.opendata import cells

    return {
        tuple(getattr(c, d) for d in by): {
            "establishment_posts": c.posts,
            "filled_posts": c.filled_posts,
        }
        for c in cells(quarter, by)
    }


def _number(value):
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


def _attack(whole, parts, truth) -> list[str]:
    """Each small true part that whole − (the other published parts) reveals."""
    found = []
    for name, true in truth.items():
        if not 1 <= (true or 0) <= 4:
            continue
        others = [_number(v) for k, v in parts.items() if k != name]
        if _number(whole) is None or None in others:
            continue
        derived = _number(whole) - sum(others, Decimal(0))
        if derived == true:
            found.append(f"{name}: {whole} − {others} = {true}")
    return found


def test_no_open_data_breakdown_gives_away_a_small_cell(client, small_cells):
    leaks = []
    for size in range(len(DIMENSIONS)):
        for coarse in itertools.combinations(DIMENSIONS, size):
            for extra in set(DIMENSIONS) - set(coarse):
                fine = tuple(d for d in DIMENSIONS if d in {*coarse, extra})
                published = _open_cells(client, small_cells, coarse)
                fine_published = _open_cells(client, small_cells, fine)
                fine_true = _true_open_cells(small_cells, fine)
                at = fine.index(extra)
                for key, whole in published.items():
                    siblings = {
                        k: v
                        for k, v in fine_published.items()
                        if k[:at] + k[at + 1 :] == key
                    }
                    for count in OPEN_COUNTS:
                        leaks += _attack(
                            whole[count],
                            {k: v[count] for k, v in siblings.items()},
                            {k: fine_true[k][count] for k in siblings},
                        )
    assert leaks == []


@functools.cache
def _dashboard_cached(client, slug, filters) -> dict:
    return _dashboard(client, slug, **dict(filters))


def _dashboard(client, slug, **filters) -> dict:
    query = "&".join(f"{k}={v}" for k, v in filters.items())
    response = client.get(reverse("workforce:dashboard-csv", args=[slug]) + "?" + query)
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    return {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}


COUNT_COLUMNS = {
    "by-status": ["Posts", "WTE"],
    "by-setting": ["Funded posts", "Funded WTE", "Filled posts", "Filled WTE"],
    "by-band": ["Funded posts", "Funded WTE", "Filled posts", "Filled WTE"],
}


def test_no_pair_of_dashboard_filters_gives_away_a_small_cell(
    client, login, coordinator, small_cells, trust_a, trust_b
):
    """Whole region minus one trust (or ICB, setting, band) is the other one."""
    filters = {
        "trust": [trust_a.pk, trust_b.pk],
        "icb": [trust_a.icb, trust_b.icb],
        "setting": ["crisis", "perinatal"],
        "band": ["afc_3", "afc_4"],
    }
    insider = Client()
    insider.force_login(coordinator)
    leaks = []
    for name, (one, other) in filters.items():
        for slug, columns in COUNT_COLUMNS.items():
            whole = _dashboard_cached(client, slug, ())
            part = _dashboard_cached(client, slug, ((name, one),))
            truth = _dashboard_cached(insider, slug, ((name, other),))
            for row, cells in truth.items():
                for column in columns:
                    true = _number(cells[column])
                    if true is None or not 1 <= true <= 4 or column.endswith("WTE"):
                        continue
                    leaks += _attack(
                        whole.get(row, {}).get(column),
                        {"part": part.get(row, {}).get(column, "0")},
                        {"other": true},
                    )
    assert leaks == []


def test_every_published_count_is_a_multiple_of_five(client, small_cells):
    """Why subtraction can never reveal 1 to 4: any sum or difference of
    multiples of 5 is a multiple of 5."""
    for size in range(len(DIMENSIONS) + 1):
        for by in itertools.combinations(DIMENSIONS, size):
            for cell in _open_cells(client, small_cells, by).values():
                assert all(v % BASE == 0 for v in cell.values()), cell
    for slug, columns in COUNT_COLUMNS.items():
        for row in _dashboard(client, slug).values():
            for column in columns:
                assert _number(row[column]) % BASE == 0, (slug, row)


@pytest.mark.parametrize(
    ("true", "published"),
    [(0, 0), (1, 0), (2, 0), (3, 5), (4, 5), (7, 5), (8, 10), (12, 10), (13, 15)],
)
def test_counts_round_to_the_nearest_five(true, published):
    assert publish_count(true) == published
