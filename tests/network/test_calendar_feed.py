"""The private calendar feed: valid iCalendar, right across BST, revocable."""

import pytest
from icalendar import Calendar

from network.models import CalendarFeedToken, MeetingAttendance
from tests.network.conftest import at, make_meeting

pytestmark = pytest.mark.django_db


def _token(client):
    client.post("/network/calendar/new-link/")
    return CalendarFeedToken.objects.get(revoked_at__isnull=True)


def test_feed_lists_only_my_meetings_and_parses(login, client, lead_a, meeting):
    winter = make_meeting(
        title="Winter", starts_at=at(2026, 1, 13, 10), ends_at=at(2026, 1, 13, 12)
    )
    make_meeting(
        title="Not invited", starts_at=at(2026, 2, 1), ends_at=at(2026, 2, 1, 12)
    )
    for m in (meeting, winter):
        MeetingAttendance.objects.create(meeting=m, user=lead_a, trust=lead_a.trust)
    token = _token(login(lead_a))
    client.logout()
    response = client.get(f"/network/calendar/{token.token}.ics")
    assert response.status_code == 200
    cal = Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {"Network meeting", "Winter"}
    summer = events["Network meeting"]["dtstart"].dt  # 10 June 2025, BST
    assert (summer.hour, summer.utcoffset().total_seconds()) == (10, 3600)
    january = events["Winter"]["dtstart"].dt  # GMT
    assert (january.hour, january.utcoffset().total_seconds()) == (10, 0)
    assert cal.walk("VTIMEZONE")
    assert "secret-room" in str(events["Network meeting"]["description"])  # invitee


def test_new_link_revokes_the_old_one(login, client, lead_a):
    member = login(lead_a)
    old = _token(member)
    member.post("/network/calendar/new-link/")
    new = CalendarFeedToken.objects.get(revoked_at__isnull=True)
    assert new.token != old.token
    assert client.get(f"/network/calendar/{old.token}.ics").status_code == 404
    assert client.get(f"/network/calendar/{new.token}.ics").status_code == 200


def test_revoked_link_stops_working(login, lead_a):
    member = login(lead_a)
    token = _token(member)
    member.post("/network/calendar/revoke/")
    assert member.get(f"/network/calendar/{token.token}.ics").status_code == 404


def test_deactivated_user_feed_stops_working(login, client, lead_a):
    token = _token(login(lead_a))
    lead_a.is_active = False
    lead_a.save()
    assert client.get(f"/network/calendar/{token.token}.ics").status_code == 404


def test_cancelled_meeting_shows_as_cancelled(login, client, lead_a, meeting):
    MeetingAttendance.objects.create(meeting=meeting, user=lead_a, trust=lead_a.trust)
    meeting.status = "cancelled"
    meeting.save()
    token = _token(login(lead_a))
    cal = Calendar.from_ical(client.get(f"/network/calendar/{token.token}.ics").content)
    assert str(next(iter(cal.walk("VEVENT")))["status"]) == "CANCELLED"


def test_feed_events_remind_the_day_before(login, client, lead_a, meeting):
    MeetingAttendance.objects.create(meeting=meeting, user=lead_a, trust=lead_a.trust)
    token = _token(login(lead_a))
    cal = Calendar.from_ical(client.get(f"/network/calendar/{token.token}.ics").content)
    alarm = next(iter(cal.walk("VALARM")))
    assert alarm["trigger"].dt.days == -1


def test_coordinator_feed_includes_the_tor_review_date(
    login, client, coordinator, approved_tor
):
    token = _token(login(coordinator))
    cal = Calendar.from_ical(client.get(f"/network/calendar/{token.token}.ics").content)
    reviews = [e for e in cal.walk("VEVENT") if "due for review" in str(e["summary"])]
    assert reviews[0]["dtstart"].dt == approved_tor.review_due


def test_feed_adds_my_action_due_dates_and_booked_training(
    login, client, lead_a, objective
):
    from datetime import timedelta

    from django.utils import timezone

    from tests.network.conftest import make_item
    from tests.training.conftest import make_opportunity
    from training.models import TrainingBooking, TrainingProvider

    due = timezone.localdate() + timedelta(days=30)
    make_item(objective, lead_a, ref="4.7", due_date=due)
    provider = TrainingProvider.objects.create(
        name="Recovery College", provider_type="recovery_college"
    )
    course = make_opportunity(provider, title="Peer trainer course")
    TrainingBooking.objects.create(user=lead_a, opportunity=course, status="booked")
    token = _token(login(lead_a))
    client.logout()
    cal = Calendar.from_ical(client.get(f"/network/calendar/{token.token}.ics").content)
    summaries = [str(e["summary"]) for e in cal.walk("VEVENT")]
    assert "Action 4.7 due" in summaries
    assert "Peer trainer course" in summaries
    [action] = [e for e in cal.walk("VEVENT") if str(e["summary"]) == "Action 4.7 due"]
    assert action["dtstart"].dt == due
