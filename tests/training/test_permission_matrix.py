"""Training pages and actions × every persona: the statuses the access policy
does not declare, and what each action changed (or did not)."""

import pytest

from training.models import TrainingBooking, TrainingOpportunity

pytestmark = pytest.mark.django_db

ALL = ["anonymous", "peer_worker", "lead_a", "lead_b", "coordinator", "admin"]


def expect(**codes):
    """Build {persona: code} from defaults: anonymous→302, signed-in→200."""
    base = {"anonymous": 302, **{p: 200 for p in ALL[1:]}}
    base.update(codes)
    return base


PUBLIC = {p: 200 for p in ALL}
COORD_ONLY = expect(peer_worker=403, lead_a=403, lead_b=403)
OWN_DRAFT_VIEW = {**PUBLIC, "anonymous": 404, "peer_worker": 404, "lead_b": 404}

# The status of every training URL for every role, on the object each URL
# normally serves, is declared once in tests/policies/training.py (checked by
# tests/security/test_policy_inventory.py). Here only what it does not build:
# lead A's unpublished draft seen by others, and a published opportunity,
# which only coordinators change.
PAGES = [
    ("/training/{draft}/", OWN_DRAFT_VIEW),
    ("/training/{draft}/calendar.ics", OWN_DRAFT_VIEW),
    ("/training/{public}/edit/", COORD_ONLY),
    ("/training/{public}/sessions/new/", COORD_ONLY),
]


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("url, codes", PAGES, ids=[p[0] for p in PAGES])
def test_page_access(login, personas, opportunity, draft_a, persona, url, codes):
    client = login(personas[persona])
    response = client.get(url.format(public=opportunity.pk, draft=draft_a.pk))
    assert response.status_code == codes[persona]


SUBMIT = {
    "anonymous": 302,
    "peer_worker": 404,
    "lead_a": 302,
    "lead_b": 404,
    "coordinator": 403,
    "admin": 403,
}
REVIEW = {
    "anonymous": 302,
    "peer_worker": 404,
    "lead_a": 403,
    "lead_b": 404,
    "coordinator": 302,
    "admin": 302,
}


@pytest.mark.parametrize("persona", ALL)
def test_only_the_proposing_lead_submits_a_draft(login, personas, draft_a, persona):
    response = login(personas[persona]).post(f"/training/{draft_a.pk}/submit/")
    assert response.status_code == SUBMIT[persona]
    draft_a.refresh_from_db()
    submitted = SUBMIT[persona] == 302 and persona != "anonymous"
    assert draft_a.status == ("pending_approval" if submitted else "draft")


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize(
    "action, after", [("approve", "booking_open"), ("reject", "draft")]
)
def test_only_coordinators_approve_or_return_proposals(
    login, personas, draft_a, persona, action, after
):
    TrainingOpportunity.objects.filter(pk=draft_a.pk).update(status="pending_approval")
    response = login(personas[persona]).post(f"/training/{draft_a.pk}/{action}/")
    assert response.status_code == REVIEW[persona]
    draft_a.refresh_from_db()
    allowed = persona in ("coordinator", "admin")
    assert draft_a.status == (after if allowed else "pending_approval")


PUBLISH = {
    "anonymous": 302,
    "peer_worker": 404,
    "lead_a": 403,
    "lead_b": 404,
    "coordinator": 302,
    "admin": 302,
}


@pytest.mark.parametrize("persona", ALL)
def test_only_coordinators_publish(login, personas, draft_a, persona):
    response = login(personas[persona]).post(f"/training/{draft_a.pk}/publish/")
    assert response.status_code == PUBLISH[persona]
    draft_a.refresh_from_db()
    assert draft_a.is_public == (persona in ("coordinator", "admin"))


@pytest.mark.parametrize("persona", ALL)
def test_only_coordinators_cancel_training(login, personas, opportunity, persona):
    response = login(personas[persona]).post(
        f"/training/{opportunity.pk}/cancel/", {"reason": "Trainer unwell"}
    )
    allowed = persona in ("coordinator", "admin")
    assert response.status_code == (302 if allowed or persona == "anonymous" else 403)
    opportunity.refresh_from_db()
    assert (opportunity.status == "cancelled") == allowed


@pytest.mark.parametrize("persona", ALL)
def test_anyone_signed_in_can_book_for_themselves(
    login, personas, opportunity, persona
):
    response = login(personas[persona]).post(f"/training/{opportunity.pk}/book/")
    assert response.status_code == 302
    booked = TrainingBooking.objects.filter(opportunity=opportunity).count()
    assert booked == (0 if persona == "anonymous" else 1)
    if persona == "anonymous":
        assert "/accounts/login/" in response["Location"]


ATTENDANCE = {
    "anonymous": 302,
    "peer_worker": 403,
    "lead_a": 404,
    "lead_b": 404,
    "coordinator": 302,
    "admin": 302,
}


@pytest.mark.parametrize("persona", ALL)
def test_only_coordinators_mark_attendance(
    login, personas, opportunity, peer_worker, persona
):
    booking = TrainingBooking.objects.create(
        opportunity=opportunity, user=peer_worker, status="booked"
    )
    response = login(personas[persona]).post(
        f"/training/bookings/{booking.pk}/attendance/", {"outcome": "completed"}
    )
    assert response.status_code == ATTENDANCE[persona]
    booking.refresh_from_db()
    allowed = persona in ("coordinator", "admin")
    assert booking.status == ("completed" if allowed else "booked")


@pytest.mark.parametrize("persona", ALL[1:])
def test_someone_elses_booking_is_not_found(login, personas, opportunity, persona):
    from tests.conftest import make_user

    other = make_user("someone.else@example.test", "peer_worker")
    booking = TrainingBooking.objects.create(
        opportunity=opportunity, user=other, status="booked"
    )
    client = login(personas[persona])
    for action in ("cancel", "accept", "decline"):
        response = client.post(f"/training/bookings/{booking.pk}/{action}/")
        assert response.status_code == 404
    booking.refresh_from_db()
    assert booking.status == "booked"


@pytest.mark.parametrize("persona", ALL)
def test_only_the_owner_withdraws_or_updates_their_interest(
    login, personas, peer_worker, opportunity, persona
):
    from training.models import TrainingInterest

    interest = TrainingInterest.objects.create(
        user=peer_worker, opportunity=opportunity, category="ips_core"
    )
    client = login(personas[persona])
    owner = persona == "peer_worker"
    report = client.post(
        f"/training/interest/{interest.pk}/report/", {"status": "booked_externally"}
    )
    assert report.status_code == (302 if owner or persona == "anonymous" else 404)
    withdraw = client.post(f"/training/interest/{interest.pk}/withdraw/")
    assert withdraw.status_code == (302 if owner or persona == "anonymous" else 404)
    interest.refresh_from_db()
    assert interest.status == ("withdrawn" if owner else "interested")
