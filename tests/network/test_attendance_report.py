"""Report W13: trusts x the year's held meetings, with attendance rates."""

import csv
import io

import pytest

from network.models import MeetingAttendance
from tests.conftest import make_trust, make_user
from tests.network.conftest import at, make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2026(trust_a, trust_b, lead_a, lead_b):
    trust_c = make_trust("Trust C")
    deputy_a = make_user("deputy.a@example.test", "trust_lead", trust=trust_a)
    january = make_meeting(
        title="Network meeting",
        starts_at=at(2026, 1, 13),
        ends_at=at(2026, 1, 13, 12),
        status="held",
    )
    june = make_meeting(
        title="Network meeting",
        starts_at=at(2026, 6, 9),
        ends_at=at(2026, 6, 9, 12),
        status="held",
    )
    make_meeting(  # cancelled and next year's meetings are not counted
        title="Cancelled",
        starts_at=at(2026, 9, 8),
        ends_at=at(2026, 9, 8, 12),
        status="cancelled",
    )
    make_meeting(
        title="Next year",
        starts_at=at(2027, 1, 12),
        ends_at=at(2027, 1, 12, 12),
        status="held",
    )

    def invite(meeting, user, trust, **extra):
        MeetingAttendance.objects.create(
            meeting=meeting, user=user, trust=trust, **extra
        )

    invite(january, lead_a, trust_a, attended=False)
    invite(january, deputy_a, trust_a, attended=True)  # the deputy came for A
    invite(january, lead_b, trust_b, response="apologies", attended=False)
    invite(june, lead_a, trust_a, attended=False)
    invite(june, lead_b, trust_b, attended=True)
    return trust_c


def test_trusts_by_meetings_with_rates(login, coordinator, year_2026):
    response = login(coordinator).get("/network/attendance/?year=2026")
    table = response.context["table"]
    assert [m.starts_at.month for m in table.meetings] == [1, 6]
    rows = {r.trust.short_name: r for r in table.rows}
    assert rows["Trust A"].cells == ["Attended", "Absent"]
    assert rows["Trust A"].rate == 50
    assert rows["Trust B"].cells == ["Apologies", "Attended"]
    assert rows["Trust B"].rate == 50
    assert rows["Trust C"].cells == ["", ""] and rows["Trust C"].rate is None
    page = response.content.decode()
    assert "Not invited" in page and "50%" in page


def test_csv(login, coordinator, year_2026):
    response = login(coordinator).get("/network/attendance/export.csv?year=2026")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == [
        "Trust",
        "2026-01-13 Network meeting",
        "2026-06-09 Network meeting",
        "Invited to",
        "Attended",
        "Attendance rate (%)",
    ]
    assert ["Trust A", "Attended", "Absent", "2", "1", "50"] in rows
    assert ["Trust C", "Not invited", "Not invited", "0", "0", ""] in rows


def test_unknown_year_falls_back_with_a_message(login, coordinator, year_2026):
    response = login(coordinator).get("/network/attendance/?year=1999")
    assert response.status_code == 200
    assert "from the list" in response.content.decode()


@pytest.mark.parametrize("persona", ["peer_worker", "lead_a"])
def test_only_coordinators(login, request, persona, year_2026):
    client = login(request.getfixturevalue(persona))
    assert client.get("/network/attendance/").status_code == 403
    assert client.get("/network/attendance/export.csv").status_code == 403
