"""Meeting series: "Schedule the next meeting" copies the last one and keeps off
weekends and bank holidays; bad dates are refused with nothing stored."""

from datetime import UTC, date, datetime

import pytest
from django.utils import timezone

from network.models import AgendaItem, Meeting, MeetingAttendance, MeetingSeries
from network.models.series import next_working_day
from tests.conftest import date_boxes
from tests.network.conftest import make_meeting, make_tor

pytestmark = pytest.mark.django_db
NOW = datetime(2027, 1, 15, 12, tzinfo=UTC)  # after the last meeting, before the next


@pytest.fixture(autouse=True)
def _fixed_clock(time_machine):
    time_machine.move_to(NOW, tick=False)


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


@pytest.fixture
def series(coordinator, lead_b):
    made = MeetingSeries.objects.create(
        title="Quarterly network meeting",
        every_months=3,
        default_chair=coordinator,
        location="Liverpool",
        online_url="https://meet.example.test/room",
    )
    made.invitees.add(lead_b)
    return made


@pytest.fixture
def last(series, lead_a, coordinator):
    day = date(2026, 12, 29)  # + 3 months = Easter Monday 2027
    meeting = make_meeting(
        title=series.title,
        series=series,
        starts_at=_at(day, 13),
        ends_at=_at(day, 15),
        status="held",
        chair=coordinator,
    )
    MeetingAttendance.objects.create(
        meeting=meeting,
        user=lead_a,
        trust=lead_a.trust,
        response="accepted",
        attended=True,
        role_at_meeting="co_chair",
    )
    AgendaItem.objects.create(meeting=meeting, order=1, title="Welcome", standing=True)
    AgendaItem.objects.create(meeting=meeting, order=2, title="One-off talk")
    return meeting


def test_working_days_skip_weekends_and_bank_holidays():
    assert next_working_day(date(2027, 1, 30)) == date(2027, 2, 1)  # Saturday
    assert next_working_day(date(2027, 3, 29)) == date(2027, 3, 30)  # Easter Monday
    assert next_working_day(date(2027, 12, 25)) == date(2027, 12, 29)  # Christmas
    assert next_working_day(date(2027, 3, 31)) == date(2027, 3, 31)


def test_next_meeting_is_proposed_off_the_bank_holiday(login, coordinator, last):
    page = login(coordinator).get(f"/network/series/{last.series_id}/next/")
    assert page.status_code == 200
    assert page.context["form"].initial == {
        "date": date(2027, 3, 30),
        "start_time": timezone.localtime(last.starts_at).time(),
        "end_time": timezone.localtime(last.ends_at).time(),
    }


def test_schedule_next_copies_the_last_meeting(
    login, coordinator, series, last, lead_a, lead_b
):
    response = login(coordinator).post(
        f"/network/series/{series.pk}/next/",
        {
            **date_boxes("date", "2027-03-30"),
            "start_time": "13:00",
            "end_time": "15:00",
        },
    )
    new = Meeting.objects.exclude(pk=last.pk).get()
    assert (
        response.status_code == 302 and response["Location"] == new.get_absolute_url()
    )
    assert new.series == series and new.status == "scheduled"
    assert timezone.localtime(new.starts_at) == _at(date(2027, 3, 30), 13)
    assert (new.location, new.chair) == ("Liverpool", coordinator)
    invited = {a.user: a for a in new.attendances.all()}
    assert set(invited) == {lead_a, lead_b}
    assert invited[lead_a].response == "invited" and invited[lead_a].attended is None
    assert invited[lead_a].role_at_meeting == "co_chair"
    titles = list(new.agenda_items.values_list("title", flat=True))
    assert titles[0] == "Welcome" and "One-off talk" not in titles
    assert titles[-1].startswith("Matters arising")


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("2026-12-29", "The next meeting must be after the last one, on 29 December"),
        ("2026-11-03", "The next meeting must be after the last one, on 29 December"),
        ("2027-03-29", "29 March 2027 is a weekend or bank holiday"),
        ("2027-04-03", "3 April 2027 is a weekend or bank holiday"),
    ],
)
def test_bad_dates_are_refused_and_nothing_stored(
    login, coordinator, last, day, message
):
    response = login(coordinator).post(
        f"/network/series/{last.series_id}/next/",
        {**date_boxes("date", day), "start_time": "13:00", "end_time": "15:00"},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Meeting.objects.count() == 1


def test_series_with_no_meetings_left(login, coordinator, series, last):
    series.ends_on = date(2026, 12, 31)
    series.save()
    client = login(coordinator)
    page = client.get(f"/network/series/{series.pk}/next/").content.decode()
    assert "This series ends on 31 December 2026" in page
    response = client.post(
        f"/network/series/{series.pk}/next/",
        {
            **date_boxes("date", "2027-03-30"),
            "start_time": "13:00",
            "end_time": "15:00",
        },
    )
    assert "there are no meetings left to schedule" in response.content.decode()
    assert Meeting.objects.count() == 1


def test_date_after_the_series_ends_is_refused(login, coordinator, series, last):
    series.ends_on = date(2027, 4, 30)
    series.save()
    response = login(coordinator).post(
        f"/network/series/{series.pk}/next/",
        {
            **date_boxes("date", "2027-05-04"),
            "start_time": "13:00",
            "end_time": "15:00",
        },
    )
    assert "This series ends on 30 April 2027: choose a date" in (
        response.content.decode()
    )
    assert Meeting.objects.count() == 1


def test_first_meeting_of_a_new_series_invites_its_invitees(login, coordinator, series):
    response = login(coordinator).post(
        f"/network/series/{series.pk}/next/",
        {
            **date_boxes("date", "2027-06-02"),
            "start_time": "10:00",
            "end_time": "12:00",
        },
    )
    assert response.status_code == 302
    meeting = series.meetings.get()
    assert [a.user.email for a in meeting.attendances.all()] == [
        series.invitees.get().email
    ]


def test_series_page_shows_attendance_and_quorum(login, lead_b, last, coordinator):
    make_tor(status="approved", approved_at=last, effective_from=date(2024, 1, 1))
    page = login(lead_b).get(f"/network/series/{last.series_id}/").content.decode()
    assert "1 of 1 came" in page
    assert "Not quorate" in page  # 1 trust present, 2 needed


def test_coordinator_creates_a_series(login, coordinator, lead_a):
    response = login(coordinator).post(
        "/network/series/new/",
        {
            "title": "Standards group",
            "meeting_type": "steering_group",
            "every_months": "2",
            "default_chair": coordinator.pk,
            "invitees": [lead_a.pk],
            "terms_of_reference": "Agree the network's standards.",
        },
    )
    series = MeetingSeries.objects.get(title="Standards group")
    assert response["Location"] == series.get_absolute_url()
    assert list(series.invitees.all()) == [lead_a]


def test_every_months_must_be_one_to_twelve(login, coordinator):
    response = login(coordinator).post(
        "/network/series/new/",
        {"title": "Too rare", "meeting_type": "network", "every_months": "13"},
    )
    assert response.status_code == 200
    assert not MeetingSeries.objects.exists()
