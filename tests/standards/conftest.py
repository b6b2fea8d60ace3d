"""Standards fixtures: a standard with versions in each state, and meetings.

Quorum belongs to the network app; here it is stubbed by title so the tests
exercise the standards rules ("Inquorate" in the title → not quorate).
"""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from network.models import Meeting, QuorumStatus
from standards.models import ConsultationResponse, Standard, StandardVersion

BODY = (
    "## Purpose\n\nEvery peer support worker has regular supervision.\n\n"
    "Supervision is at least monthly and lasts an hour.\n\n"
    "Supervisors have peer support experience or training."
)


@pytest.fixture(autouse=True)
def _quorum_by_title(monkeypatch):
    def quorum_status(self):
        if "inquorate" in self.title.lower():
            return QuorumStatus(is_quorate=False, reasons=["2 of the 4 trusts"])
        return QuorumStatus(is_quorate=True)

    monkeypatch.setattr(Meeting, "quorum_status", quorum_status)


def make_meeting(title="Network meeting", day=None, **extra) -> Meeting:
    day = day or timezone.localdate() - timedelta(days=1)
    start = timezone.make_aware(datetime(day.year, day.month, day.day, 10))
    return Meeting.objects.create(
        title=title,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        status=Meeting.Status.HELD,
        **extra,
    )


@pytest.fixture
def meeting(db):
    return make_meeting()


@pytest.fixture
def standard(coordinator):
    return Standard.objects.create(
        code="NWPSW-S03",
        title="Supervision for peer support workers",
        area=Standard.Area.SUPERVISION,
        owner=coordinator,
    )


@pytest.fixture
def draft(standard):
    return StandardVersion.objects.create(standard=standard, number=1, body=BODY)


def open_consultation(version, days_open=14):
    today = timezone.localdate()
    version.status = StandardVersion.Status.CONSULTATION
    version.consultation_opens = today - timedelta(days=1)
    version.consultation_closes = today + timedelta(days=days_open)
    version.save()
    return version


@pytest.fixture
def in_consultation(draft):
    return open_consultation(draft)


def approve(version, meeting, approved_on=None):
    approved_on = approved_on or timezone.localdate() - timedelta(days=1)
    version.status = StandardVersion.Status.APPROVED
    version.approved_at = meeting
    version.approved_on = approved_on
    version.review_date = approved_on + timedelta(days=730)
    version.save()
    return version


@pytest.fixture
def approved(standard, meeting):
    version = StandardVersion.objects.create(standard=standard, number=1, body=BODY)
    return approve(version, meeting)


def respond(version, user, **extra):
    fields = {
        "position": ConsultationResponse.Position.SUPPORT_WITH_CHANGES,
        "comments": "Monthly is too rare in the first three months.",
    }
    fields.update(extra)
    trust = user.trust if user.is_trust_lead else None
    return ConsultationResponse.objects.create(
        version=version,
        respondent=user,
        trust=trust,
        respondent_type="trust_lead" if trust else "psw",
        **fields,
    )


FIXED_TODAY = date(2026, 11, 26)
