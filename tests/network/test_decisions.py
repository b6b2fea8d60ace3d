"""The decision register: minuted decisions with their actions, filtered, as
CSV, and only what each person may read."""

import csv
import io
from datetime import date

import pytest

from network.models import AgendaItem, MeetingSeries
from tests.network.conftest import at, make_item, make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(coordinator, lead_a, objective):
    series = MeetingSeries.objects.create(title="Standards group")
    approved = make_meeting(
        title="Standards group",
        series=series,
        starts_at=at(2026, 3, 10, 10),
        ends_at=at(2026, 3, 10, 12),
        status="held",
        is_public=True,
    )
    later = make_meeting(
        title="Network meeting", starts_at=at(2026, 6, 9), ends_at=at(2026, 6, 9, 12)
    )
    approved.minutes_status, approved.minutes_approved_at = "approved", later
    approved.save()
    item = AgendaItem.objects.create(
        meeting=approved,
        order=1,
        title="Supervision standard",
        minutes="Agreed: adopt the supervision standard.",
    )
    make_item(
        objective,
        lead_a,
        ref="4.2",
        action="Publish the supervision standard",
        source_meeting=approved,
        source_agenda_item=item,
        status="completed",
        rag="blue",
        completed_on=date(2026, 5, 1),
    )
    draft = make_meeting(
        title="Network meeting",
        starts_at=at(2025, 11, 4),
        ends_at=at(2025, 11, 4, 12),
        status="held",
        minutes_status="draft",
    )
    AgendaItem.objects.create(
        meeting=draft, order=1, title="Budget", minutes="Agreed: draft budget."
    )
    return series


def test_coordinator_sees_every_decision_with_its_action(login, coordinator, register):
    page = login(coordinator).get("/network/decisions/").content.decode()
    assert "Agreed: adopt the supervision standard." in page
    assert "Agreed: draft budget." in page  # draft minutes too
    assert "Action 4.2: Publish the supervision standard" in page
    assert "Completed on 1 May 2026" in page


def test_filters_by_series_year_strand_and_words(login, coordinator, register):
    client = login(coordinator)

    def titles(query):
        response = client.get("/network/decisions/?" + query)
        return [d.title for d in response.context["page"]]

    assert titles(f"series={register.pk}") == ["Supervision standard"]
    assert titles("year=2025") == ["Budget"]
    assert titles("strand=standards") == ["Supervision standard"]
    assert titles("strand=workforce_growth") == []
    assert titles("q=budget") == ["Budget"]


def test_visitor_sees_public_approved_decisions_without_actions(client, register):
    page = client.get("/network/decisions/").content.decode()
    assert "Agreed: adopt the supervision standard." in page
    assert "draft budget" not in page
    assert "Publish the supervision standard" not in page


def test_peer_worker_sees_approved_minutes_only(login, peer_worker, register):
    page = login(peer_worker).get("/network/decisions/").content.decode()
    assert "adopt the supervision standard" in page
    assert "draft budget" not in page


def test_csv_has_one_row_per_action(login, coordinator, register):
    response = login(coordinator).get("/network/decisions/export.csv?year=2026")
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:4] == ["Meeting date", "Meeting", "Series", "Agenda item"]
    assert rows[1] == [
        "2026-03-10",
        "Standards group",
        "Standards group",
        "Supervision standard",
        "Agreed: adopt the supervision standard.",
        "4.2 Publish the supervision standard",
        "Completed",
        "Completed on 1 May 2026",
    ]
    assert len(rows) == 2


def test_bad_filter_values_are_shown_as_errors_not_a_crash(client, register):
    response = client.get("/network/decisions/?year=abc&series=999&strand=x")
    assert response.status_code == 200
    assert len(response.context["page"]) == 1  # the unfiltered public register
    assert "from the list" in response.content.decode()
