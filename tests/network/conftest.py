"""Network fixtures: a held meeting with an agenda, an approved ToR, an active plan."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from network.models import (
    ActionItem,
    ActionPlan,
    AgendaItem,
    Meeting,
    MeetingAttendance,
    Objective,
    TermsOfReference,
)


def at(y, m, d, hh=10, mm=0):
    return timezone.make_aware(datetime(y, m, d, hh, mm))


def make_meeting(**extra) -> Meeting:
    fields = {
        "title": "Network meeting",
        "starts_at": at(2025, 6, 10, 10),
        "ends_at": at(2025, 6, 10, 12),
    }
    fields.update(extra)
    return Meeting.objects.create(**fields)


def make_tor(version="1.0", **extra) -> TermsOfReference:
    fields = {
        "version": version,
        "purpose": "Bring trusts together.",
        "objectives": "Share practice.",
        "membership": "One lead per trust.",
        "chair_arrangements": "Chair and co-chair.",
        "decision_making": "Consensus.",
        "quorum_min_trusts": 2,
        "quorum_requires_chair": True,
        "quorum_min_lived_experience": 1,
    }
    fields.update(extra)
    return TermsOfReference.objects.create(**fields)


@pytest.fixture
def meeting(db, coordinator):
    m = make_meeting(
        location="Online",
        online_url="https://meet.example.test/secret-room",
        is_public=False,
        chair=coordinator,
    )
    AgendaItem.objects.create(
        meeting=m,
        order=1,
        title="Peer supervision",
        minutes="Agreed: draft a standard.",
    )
    return m


@pytest.fixture
def public_meeting(db):
    return make_meeting(
        title="Annual event",
        is_public=True,
        online_url="https://meet.example.test/public-room",
        starts_at=at(2030, 3, 1, 10),
        ends_at=at(2030, 3, 1, 16),
    )


@pytest.fixture
def approved_tor(db, meeting):
    return make_tor(
        status="approved", approved_at=meeting, effective_from=date(2024, 1, 1)
    )


@pytest.fixture
def draft_tor(db, approved_tor):
    return make_tor(version="2.0", membership="One lead and a deputy per trust.")


@pytest.fixture
def plan(db, meeting):
    return ActionPlan.objects.create(
        title="Action plan 2024-27",
        period_start=date(2024, 1, 1),
        period_end=date(2027, 12, 31),
        status="active",
        approved_at=meeting,
    )


@pytest.fixture
def objective(plan):
    return Objective.objects.create(
        plan=plan, ref="4", title="Standards", strand=Objective.Strand.STANDARDS
    )


def make_item(objective, owner, ref="4.1", **extra) -> ActionItem:
    fields = {
        "objective": objective,
        "ref": ref,
        "action": "Write the supervision standard",
        "owner": owner,
        "due_date": timezone.localdate() + timedelta(days=60),
        "status": ActionItem.Status.IN_PROGRESS,
        "rag": ActionItem.Rag.GREEN,
    }
    fields.update(extra)
    return ActionItem.objects.create(**fields)


@pytest.fixture
def item_a(objective, lead_a, trust_a):
    """Owned by lead A, led by Trust A."""
    return make_item(objective, lead_a, lead_trust=trust_a)


@pytest.fixture
def item_b(objective, lead_b, trust_b):
    return make_item(objective, lead_b, ref="4.2", lead_trust=trust_b)


@pytest.fixture
def invite(meeting):
    def _invite(user, **extra):
        return MeetingAttendance.objects.create(
            meeting=meeting, user=user, trust=user.trust, **extra
        )

    return _invite
