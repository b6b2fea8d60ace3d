"""Meeting reminders carry the meeting as a calendar file, right across BST."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from core import tasks
from network.models import MeetingAttendance
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
        [(name, content, mimetype)] = message.attachments
        assert mimetype == "text/calendar" and name == "invite.ics"
        [event] = Calendar.from_ical(content).walk("VEVENT")
        assert str(event["SUMMARY"]) == "Network meeting"
        assert (
            event.decoded("DTSTART") == start
        )  # the same instant, whatever the offset
