"""Quorum from the terms of reference in force (the API other apps use)."""

from datetime import date

import pytest

from network.models import MeetingAttendance
from tests.conftest import make_trust, make_user
from tests.network.conftest import make_tor

pytestmark = pytest.mark.django_db


@pytest.fixture
def rules(meeting):
    return make_tor(
        status="approved",
        approved_at=meeting,
        effective_from=date(2024, 1, 1),
        quorum_min_trusts=2,
        quorum_requires_chair=True,
        quorum_min_lived_experience=1,
    )


def _attend(meeting, user, trust=None, **extra):
    return MeetingAttendance.objects.create(
        meeting=meeting, user=user, trust=trust or user.trust, **extra
    )


def test_no_tor_means_quorum_unknown(meeting):
    status = meeting.quorum_status()
    assert status.is_quorate is None and status.reasons


def test_quorate_with_two_trusts_chair_and_lived_experience(
    meeting, rules, lead_a, lead_b, peer_worker, coordinator
):
    meeting.status = "held"
    meeting.save()
    _attend(meeting, lead_a, attended=True)
    _attend(meeting, lead_b, attended=True)
    _attend(meeting, coordinator, attended=True)  # the meeting's chair
    _attend(meeting, peer_worker, role_at_meeting="psw_rep", attended=True)
    status = meeting.quorum_status()
    assert status.is_quorate and status.reasons == [] and meeting.is_quorate
    assert status.tor == rules


def test_not_quorate_says_why(meeting, rules, lead_a):
    meeting.status = "held"
    meeting.chair = None
    meeting.save()
    _attend(meeting, lead_a, attended=True)
    _attend(
        meeting,
        make_user("obs@example.test", "trust_lead", trust=make_trust("C")),
        role_at_meeting="observer",
        attended=True,
    )
    status = meeting.quorum_status()
    assert status.is_quorate is False
    assert status.trusts_present == 1  # observers do not count
    assert len(status.reasons) == 3


def test_before_the_meeting_accepted_replies_count(
    meeting, rules, lead_a, lead_b, peer_worker
):
    _attend(meeting, lead_a, response="accepted")
    _attend(meeting, lead_b, response="apologies")
    _attend(meeting, peer_worker, lived_experience=True, response="accepted")
    status = meeting.quorum_status()
    assert status.counted == "accepted" and status.trusts_present == 1


def test_percentage_rule_uses_active_full_members(meeting, rules):
    for n in range(6):
        make_trust(f"T{n}")
    rules.quorum_min_trust_percent = 50
    rules.save()
    assert rules.trusts_required() == 3
