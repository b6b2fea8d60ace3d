"""A meeting saved for next week: a real worker emails each invitee once per
lead time, and a second scan sends nothing more."""

import time
from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from core import tasks
from network.models import Meeting, MeetingAttendance
from tests.conftest import make_trust, make_user
from tests.integration.conftest import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_meeting_next_week_gets_one_email_per_invitee_per_lead_time(workers, smtp_sink):
    port, inbox = smtp_sink
    workers.start()
    chair = make_user("chair@example.test", "coordinator")
    trusts = [make_trust(f"Trust {n}") for n in "ABC"]
    leads = [
        make_user(f"lead{n}@example.test", "trust_lead", trust=t)
        for n, t in zip("abc", trusts, strict=True)
    ]
    start = timezone.now() + timedelta(days=6, hours=2)
    meeting = Meeting.objects.create(
        title="Network meeting",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        chair=chair,
        location="Preston",
    )
    for lead in leads:
        MeetingAttendance.objects.create(meeting=meeting, user=lead, trust=lead.trust)

    tasks.scan_reminders()
    # Two lead times apply: the invitation, and "papers" (7 days before).
    expected = 2 * (len(leads) + 1)
    assert wait_for(lambda: len(inbox.messages) >= expected, seconds=60)
    tasks.scan_reminders()  # a repeated scan
    time.sleep(2)
    per_person = Counter(rcpt for m in inbox.messages for rcpt in m.rcpt_tos)
    assert {lead.email: per_person[lead.email] for lead in leads} == {
        lead.email: 2 for lead in leads
    }
    # The chair also gets the pre-meeting action digest (R12) for network meetings.
    assert per_person[chair.email] >= 2
    subjects = Counter(
        (m.rcpt_tos[0], m.content.split(b"Subject: ")[1].split(b"\n")[0])
        for m in inbox.messages
    )
    assert all(n == 1 for n in subjects.values()), subjects
