"""Meeting reminders carry the meeting as a calendar file, right across BST."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from core import tasks
from network.models import MeetingAttendance
from tests.conftest import date_boxes
from tests.network.conftest import make_meeting

pytestmark = pytest.mark.django_db


def test_meeting_invitation_email_has_a_calendar_file(lead_a, coordinator):
    start = timezone.now().replace(microsecond=0) + timedelta(days=10)
    meeting = make_meeting(
        title="Network meeting",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        chair=coordinator,
        location="Liverpool",
    )
    MeetingAttendance.objects.create(meeting=meeting, user=lead_a, trust=lead_a.trust)
    tasks.scan_reminders()
    to_lead = [m for m in mail.outbox if m.to == [lead_a.email]]
    assert to_lead, "the invitee got no email"
    for message in to_lead:
        [part] = message.attachments
        assert part.get_content_type() == "text/calendar"
        assert part.get_filename() == "invite.ics"
        assert part.get_param("method") == "REQUEST"  # updates, not a copy
        [event] = Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")
        assert str(event["SUMMARY"]) == "Network meeting"
        assert (
            event.decoded("DTSTART") == start
        )  # the same instant, whatever the offset


def test_moved_meeting_sends_an_update_with_a_higher_sequence(
    login, lead_a, coordinator
):
    start = timezone.localtime(timezone.now() + timedelta(days=20)).replace(
        hour=13, minute=0, second=0, microsecond=0
    )
    meeting = make_meeting(
        starts_at=start, ends_at=start + timedelta(hours=2), chair=coordinator
    )
    MeetingAttendance.objects.create(meeting=meeting, user=lead_a, trust=lead_a.trust)
    tasks.scan_reminders()
    moved = start + timedelta(days=1)
    response = login(coordinator).post(
        f"/network/meetings/{meeting.pk}/edit/",
        {
            "title": meeting.title,
            "meeting_type": meeting.meeting_type,
            **date_boxes("date", moved.date()),
            "start_time": "13:00",
            "end_time": "15:00",
            "location": "Liverpool",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    mail.outbox.clear()
    tasks.scan_reminders()
    [message] = [m for m in mail.outbox if m.to == [lead_a.email]]
    [event] = Calendar.from_ical(message.attachments[0].get_payload(decode=True)).walk(
        "VEVENT"
    )
    assert str(event["UID"]) == f"meeting-{meeting.pk}@nwpsw"  # same entry
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == moved
