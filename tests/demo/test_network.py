"""The governance demo data: the network's story since 2016, and idempotent."""

import pytest
from django.utils import timezone

from demo import network as demo
from network.models import (
    ActionItem,
    ActionPlan,
    AgendaItem,
    Meeting,
    MeetingAttendance,
    TermsOfReference,
)

pytestmark = pytest.mark.django_db

MODELS = [
    Meeting,
    MeetingAttendance,
    AgendaItem,
    TermsOfReference,
    ActionPlan,
    ActionItem,
]


def test_demo_seed_tells_the_story_and_is_idempotent():
    demo.seed()
    counts = [m.objects.count() for m in MODELS]
    demo.seed()
    assert [m.objects.count() for m in MODELS] == counts
    workshop = Meeting.objects.get(meeting_type="workshop")
    assert timezone.localdate(workshop.starts_at).isoformat() == "2016-03-15"
    v1, v2 = (
        TermsOfReference.objects.get(version="1.0"),
        TermsOfReference.objects.get(version="2.0"),
    )
    assert (v1.status, v2.status, v2.supersedes) == ("superseded", "approved", v1)
    assert ActionPlan.objects.get(status="closed").title.endswith("2016–18")
    active = ActionPlan.objects.get(status="active")
    rags = set(active.items.values_list("rag", flat=True))
    assert {"red", "amber", "green", "na"} <= rags
    recent = Meeting.objects.get(title="Network meeting: supervision standard")
    assert recent.quorum_status().is_quorate
