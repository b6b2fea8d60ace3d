"""Public figures never show counts from 1 to 4 (re-identification risk).

Anyone in a PSW post has lived experience of mental health issues: a count of
one or two posts in a setting can point at a person. The public dashboard's
CSVs and the open-data endpoint round every count to the nearest 5
(tests/workforce/test_disclosure.py shows subtraction cannot undo it).
"""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db
SMALL = {"1", "2", "3", "4"}


@pytest.fixture
def three_posts(trust_a, lead_a):
    from workforce.models import Post
    from workforce.services import post_create

    for n in range(3):
        post_create(
            post=Post(
                trust=trust_a,
                local_ref=f"SMALL-{n}",
                role_type="psw",
                job_title="Peer Support Worker",
                band="afc_4",
                wte=Decimal("1.00"),
                delivery_model="embedded_in_team",
                setting="perinatal",
                lived_experience_basis="service_user",
                contract_type="permanent",
                funding_source="trust_baseline",
                status="filled",
                status_effective_date=date(2024, 1, 10),
            ),
            actor=lead_a,
        )


def _cells(response) -> list[dict]:
    body = b"".join(response) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


COUNT_COLUMNS = (
    "posts",
    "Posts",
    "Funded posts",
    "Filled posts",
    "Establishment posts",
)


def _small_counts(rows: list[dict]) -> list[dict]:
    return [
        row
        for row in rows
        for key, value in row.items()
        if key and key.strip() in COUNT_COLUMNS and (value or "").strip() in SMALL
    ]


@pytest.mark.parametrize("slug", ["by-band", "by-setting"])
def test_public_dashboard_csv_hides_counts_under_five(three_posts, slug):
    response = Client().get(reverse("workforce:dashboard-csv", args=[slug]))
    assert response.status_code == 200
    rows = _cells(response)
    assert rows, "expected some rows"
    assert _small_counts(rows) == []
    assert any("5" in row.values() for row in rows)  # three posts, rounded up


def test_open_data_hides_counts_under_five(three_posts):
    response = Client().get(reverse("api:open-workforce-csv"))
    assert response.status_code == 200
    rows = _cells(response)
    assert rows and _small_counts(rows) == []
    assert any(row["Filled posts"] == "5" for row in rows)
    results = Client().get(reverse("api:open-workforce")).json()["results"]
    assert results
    for result in results:
        for key in ("establishment_posts", "filled_posts"):
            assert result[key] not in (1, 2, 3, 4)
