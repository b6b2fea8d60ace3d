"""Dates that come from a URL are bounded in one place (core.dates): a silly
date gets a clear message, never a 500 (issue 16, low 3: `as_at=0001-01-01`
on the workforce dashboard raised OverflowError)."""

import pytest
from django.utils import timezone

from core.dates import EARLIEST, LATEST, bounds_message

pytestmark = pytest.mark.django_db
SILLY = ["0001-01-01", "0999-12-31", "9999-12-31"]
MESSAGE = bounds_message()


def dashboard_slugs() -> list[str]:
    from workforce.reports import build_dashboard

    today = timezone.localdate()
    tables = build_dashboard(on=today, today=today, filters={}, suppress=True)
    return [t.slug for t in tables]


def test_the_bounds_are_sensible():
    assert EARLIEST.year <= 2000 and LATEST.year >= 2099
    assert MESSAGE == "Enter a date between 1 January 2000 and 31 December 2099"


@pytest.mark.parametrize("when", SILLY)
def test_dashboard_as_at(client, when):
    response = client.get("/workforce/dashboard/", {"as_at": when})
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()


def test_dashboard_as_at_typed_in_the_boxes(client):
    query = {"as_at_day": "1", "as_at_month": "1", "as_at_year": "0001"}
    response = client.get("/workforce/dashboard/", query)
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()


@pytest.mark.parametrize("when", SILLY)
def test_every_dashboard_csv(client, when):
    for slug in dashboard_slugs():
        response = client.get(f"/workforce/dashboard/{slug}.csv", {"as_at": when})
        assert response.status_code in (200, 404), (slug, response.status_code)


@pytest.mark.parametrize("field", ["date_from", "date_to"])
@pytest.mark.parametrize("when", SILLY)
def test_training_catalogue(client, field, when):
    response = client.get("/training/", {field: when})
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()


@pytest.mark.parametrize("when", SILLY)
def test_training_api(client, when):
    response = client.get("/api/v1/training/opportunities/", {"date_from": when})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"]["date_from"] == [MESSAGE]


@pytest.mark.parametrize("field", ["date_from", "date_to"])
@pytest.mark.parametrize("when", SILLY)
def test_audit_search(client_for, field, when):
    response = client_for("coordinator").get("/audit/", {field: when})
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()


@pytest.mark.parametrize("quarter", ["0001-Q1", "9999-Q4"])
@pytest.mark.parametrize("fmt", ["", ".csv"])
def test_open_data_quarter(client, quarter, fmt):
    response = client.get(
        f"/api/v1/open-data/workforce{fmt or '/'}", {"quarter": quarter}
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "from 2000 to 2099" in str(response.json())


def test_the_earliest_date_itself_is_answered(client):
    response = client.get("/workforce/dashboard/", {"as_at": EARLIEST.isoformat()})
    assert response.status_code == 200
    assert MESSAGE not in response.content.decode()
    for slug in dashboard_slugs():
        csv = client.get(f"/workforce/dashboard/{slug}.csv", {"as_at": "2000-01-01"})
        assert csv.status_code in (200, 404)
