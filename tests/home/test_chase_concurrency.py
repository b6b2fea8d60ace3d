"""Two coordinators pressing "Send reminders" at the same moment: one email each.

Real threads, each with its own database connection. On PostgreSQL the second
press waits on the meeting's row lock; on SQLite (a file, transactions begun
IMMEDIATE with a busy timeout) it waits for the first writer to commit. Either
way the second press must find everyone already chased and send nothing."""

import threading
from datetime import timedelta

import pytest
from django.db import connections
from django.utils import timezone

from core.models import Notification
from home import chase
from network.models import Meeting, MeetingAttendance
from tests.conftest import make_trust, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def _race(meeting_id: int, actors: list) -> list:
    barrier = threading.Barrier(len(actors))
    results, errors = [], []

    def press(actor):
        try:
            meeting = Meeting.objects.get(pk=meeting_id)
            barrier.wait(timeout=10)
            result = chase.chase_send(
                kind=chase.KINDS["meeting"], parent=meeting, actor=actor
            )
            results.append(len(result.sent))
        except Exception as exc:  # surfaced in the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=press, args=(a,)) for a in actors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    return results


@pytest.mark.parametrize("attempt", range(3))
def test_a_concurrent_double_chase_sends_once_to_each_person(attempt):
    trust = make_trust(f"R{attempt}")
    invitees = [
        make_user(f"inv{attempt}{n}@example.test", "trust_lead", trust=trust)
        for n in range(3)
    ]
    coordinators = [
        make_user(f"co{attempt}{n}@example.test", "coordinator") for n in range(2)
    ]
    start = timezone.now() + timedelta(days=7)
    meeting = Meeting.objects.create(
        title="Race", starts_at=start, ends_at=start + timedelta(hours=1)
    )
    for user in invitees:
        MeetingAttendance.objects.create(meeting=meeting, user=user, trust=trust)
    results = _race(meeting.pk, coordinators)
    assert sorted(results) == [0, 3]  # one press sent all three, the other none
    sent = Notification.objects.filter(kind="chase-meeting", object_id=str(meeting.pk))
    assert sorted(sent.values_list("recipient_id", flat=True)) == sorted(
        u.pk for u in invitees
    )
