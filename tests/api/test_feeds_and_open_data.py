"""Public calendar feeds and the open regional figures."""

from datetime import date

import pytest
from django.utils import timezone
from icalendar import Calendar

from api.opendata import quarters
from tests.csv_helpers import csv_rows, csv_text
from workforce.reports import quarter_of

from .conftest import make_post


def _calendar(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "public" in response["Cache-Control"]
    return Calendar.from_ical(response.content)


@pytest.mark.django_db
def test_training_feed_has_each_public_session(client, opportunity):
    cal = _calendar(client.get("/api/v1/feeds/training.ics"))
    events = cal.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [opportunity.title]
    assert events[0]["DTSTART"].dt.date() == opportunity.start_date
    assert cal.walk("VTIMEZONE")


@pytest.mark.django_db
def test_training_feed_leaves_out_drafts(client, opportunity):
    opportunity.status = "draft"
    opportunity.save()
    cal = _calendar(client.get("/api/v1/feeds/training.ics"))
    assert cal.walk("VEVENT") == []


@pytest.mark.django_db
def test_network_feed_has_only_public_events_and_no_links(client, meetings):
    cal = _calendar(client.get("/api/v1/feeds/network-events.ics"))
    titles = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    assert titles == ["Annual celebration event"]
    assert (
        b"meet.example.test"
        not in client.get("/api/v1/feeds/network-events.ics").content
    )


def _posts(trust, n, prefix, **extra):
    for i in range(n):
        make_post(trust, local_ref=f"{prefix}-{i}", **extra)


@pytest.fixture
def figures(trust_a, trust_b):
    """Trust A (Cheshire and Merseyside): 6 crisis posts, 2 of them filled.
    Trust B (Greater Manchester): 3 crisis posts, a small number."""
    _posts(trust_a, 4, "A", status_effective_date=date(2024, 1, 10))
    _posts(trust_a, 2, "AF", status="filled", status_effective_date=date(2024, 1, 10))
    _posts(trust_b, 3, "B", status_effective_date=date(2024, 1, 10))
    return quarter_of(quarters()[-1])


@pytest.mark.django_db
def test_open_json_rounds_every_count_to_the_nearest_five(client, figures):
    response = client.get(f"/api/v1/open-data/workforce/?quarter={figures}")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert "nearest 5" in response.json()["rounding"]
    rows = {r["icb"]: r for r in response.json()["results"]}
    cm = rows["cheshire_merseyside"]
    assert (cm["establishment_posts"], cm["establishment_wte"]) == (5, "5")  # 6
    assert (cm["filled_posts"], cm["filled_wte"]) == (0, "0")  # 2 filled
    gm = rows["greater_manchester"]
    assert gm["establishment_posts"] == 5  # 3 posts


@pytest.mark.django_db
def test_open_json_is_the_same_for_signed_in_people(api, coordinator, figures):
    """No token makes the open figures exact: they are the public view."""
    body = api(coordinator).get(f"/api/v1/open-data/workforce/?quarter={figures}")
    gm = [r for r in body.json()["results"] if r["icb"] == "greater_manchester"]
    assert gm[0]["establishment_posts"] == 5


@pytest.mark.django_db
def test_open_csv_matches_the_dashboard_rounding(client, figures):
    response = client.get(f"/api/v1/open-data/workforce.csv?quarter={figures}")
    assert response.status_code == 200
    rows = csv_rows(response)
    assert rows[0][:3] == ["Quarter", "As at", "ICB"]
    by_icb = {r[2]: r for r in rows[1:]}
    assert by_icb["Cheshire and Merseyside"][5:] == ["5", "5", "0", "0"]
    assert by_icb["Greater Manchester"][5:7] == ["5", "5"]


@pytest.mark.django_db
def test_open_data_counts_posts_as_at_each_quarter_end(client, trust_a):
    """A post added after a quarter end is not in that quarter's figures."""
    today = timezone.localdate()
    _posts(trust_a, 5, "N", status_effective_date=today)
    old = quarter_of(quarters()[-2])
    body = client.get(f"/api/v1/open-data/workforce/?quarter={old}").json()
    assert body["results"] == []


@pytest.mark.django_db
def test_open_data_bad_quarter_is_400(client):
    assert client.get("/api/v1/open-data/workforce/?quarter=Q5").status_code == 400
    assert client.get("/api/v1/open-data/workforce.csv?quarter=x").status_code == 400


@pytest.mark.django_db
def test_coarser_breakdowns_total_over_the_left_out_dimensions(client, figures):
    by_icb = client.get(f"/api/v1/open-data/workforce/?quarter={figures}&by=icb")
    rows = by_icb.json()["results"]
    assert {r["icb"] for r in rows} == {"cheshire_merseyside", "greater_manchester"}
    assert all(r["setting"] is None and r["band"] is None for r in rows)
    region = client.get(f"/api/v1/open-data/workforce/?quarter={figures}&by=")
    (total,) = region.json()["results"]
    assert (total["establishment_posts"], total["filled_posts"]) == (10, 0)  # 9, 2
    csv_total = client.get(f"/api/v1/open-data/workforce.csv?quarter={figures}&by=")
    assert "All,All,All,10,10,0,0" in csv_text(csv_total)


@pytest.mark.django_db
def test_unknown_breakdown_is_400(client):
    response = client.get("/api/v1/open-data/workforce/?by=postcode")
    assert response.status_code == 400
    assert "by" in response.json()["errors"]
