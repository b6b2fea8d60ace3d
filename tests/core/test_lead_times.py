"""Coordinators change how many days ahead dated reminders go out."""

from datetime import date

import pytest

from core import leadtimes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "today, expected",
    [
        (date(2026, 11, 16), None),  # 15 days before
        (date(2026, 11, 17), 14),  # 14 days before
        (date(2026, 11, 27), 14),  # 4 days before
        (date(2026, 11, 28), 3),  # 3 days before
        (date(2026, 12, 1), 3),  # on the day
        (date(2026, 12, 2), None),  # after
    ],
)
def test_lead_time_due_at_the_edges(today, expected):
    assert leadtimes.lead_time_due(date(2026, 12, 1), today, (14, 3)) == expected


def test_defaults_until_a_coordinator_changes_them(login, coordinator):
    assert leadtimes.lead_times("R9") == (14, 3)
    response = login(coordinator).post(
        "/notifications/lead-times/",
        {lead.key: ", ".join(map(str, lead.default)) for lead in leadtimes.LEAD_TIMES}
        | {"R9": "21, 7,3"},
    )
    assert response.status_code == 302
    assert leadtimes.lead_times("R9") == (21, 7, 3)


def test_bad_lead_times_get_a_specific_message_and_save_nothing(login, coordinator):
    data = {lead.key: "7" for lead in leadtimes.LEAD_TIMES} | {"R9": "two weeks"}
    response = login(coordinator).post("/notifications/lead-times/", data)
    assert response.status_code == 200
    assert "Enter whole numbers of days" in response.content.decode()
    assert leadtimes.lead_times("R6") == (90, 30)
    data["R9"] = "400"
    response = login(coordinator).post("/notifications/lead-times/", data)
    assert "between 0 and 365" in response.content.decode()


@pytest.mark.parametrize(
    "who, expected",
    [
        ("anonymous", 302),
        ("peer_worker", 403),
        ("lead_a", 403),
        ("lead_b", 403),
        ("coordinator", 200),
        ("admin", 200),
    ],
)
def test_lead_times_page_is_for_coordinators(login, personas, who, expected):
    assert (
        login(personas[who]).get("/notifications/lead-times/").status_code == expected
    )
