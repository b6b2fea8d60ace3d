"""Terms of reference: versions, approval, the single approved version, review, diff."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction

from network.models import MeetingAttendance, TermsOfReference
from network.services import apply_date_rules
from tests.conftest import date_boxes
from tests.network.conftest import make_tor

pytestmark = pytest.mark.django_db


def _quorate(meeting, coordinator, lead_a, lead_b):
    """Held, chaired, two trusts and a peer support worker representative."""
    for user, role in ((coordinator, "chair"), (lead_a, "psw_rep"), (lead_b, "member")):
        MeetingAttendance.objects.create(
            meeting=meeting,
            user=user,
            trust=user.trust,
            role_at_meeting=role,
            attended=True,
        )
    meeting.status = "held"
    meeting.save()
    return meeting


def test_approving_supersedes_the_old_version_with_review_in_12_months(
    login, coordinator, approved_tor, draft_tor, meeting, lead_a, lead_b
):
    _quorate(meeting, coordinator, lead_a, lead_b)
    response = login(coordinator).post(
        f"/network/terms-of-reference/{draft_tor.pk}/approve/",
        {"meeting": meeting.pk, **date_boxes("effective_from", "2030-03-01")},
    )
    assert response.status_code == 302
    draft_tor.refresh_from_db()
    approved_tor.refresh_from_db()
    assert draft_tor.status == "approved" and approved_tor.status == "superseded"
    assert draft_tor.approved_at == meeting
    assert draft_tor.review_due == date(2031, 3, 1)
    assert draft_tor.supersedes == approved_tor


def test_approval_needs_a_quorate_meeting_as_standards_do(
    login, coordinator, approved_tor, draft_tor, meeting, lead_a
):
    MeetingAttendance.objects.create(
        meeting=meeting, user=lead_a, trust=lead_a.trust, attended=True
    )
    meeting.status = "held"
    meeting.save()
    response = login(coordinator).post(
        f"/network/terms-of-reference/{draft_tor.pk}/approve/",
        {"meeting": meeting.pk},
    )
    assert response.status_code == 200
    assert (
        "The meeting was not quorate, so it cannot approve terms of reference"
        in response.context["form"].errors["meeting"][0]
    )
    draft_tor.refresh_from_db()
    assert draft_tor.status == "draft"


def test_approval_at_a_meeting_still_to_come_is_refused(
    login, coordinator, approved_tor, draft_tor, public_meeting
):
    response = login(coordinator).post(
        f"/network/terms-of-reference/{draft_tor.pk}/approve/",
        {"meeting": public_meeting.pk},
    )
    assert "Choose a meeting that has already taken place" in response.text
    draft_tor.refresh_from_db()
    assert draft_tor.status == "draft"


def test_consultation_is_no_longer_offered(login, coordinator, draft_tor):
    page = login(coordinator).get(f"/network/terms-of-reference/{draft_tor.pk}/edit/")
    statuses = [c[0] for c in page.context["form"].fields["status"].choices]
    assert "consultation" not in statuses


def test_approval_without_a_meeting_is_a_field_error(
    login, coordinator, draft_tor, approved_tor
):
    response = login(coordinator).post(
        f"/network/terms-of-reference/{draft_tor.pk}/approve/", {"meeting": ""}
    )
    assert response.context["form"].errors["meeting"]
    assert "Choose the meeting that approved this version" in response.text
    draft_tor.refresh_from_db()
    approved_tor.refresh_from_db()
    assert draft_tor.status == "draft" and approved_tor.status == "approved"


def _tor_form(**extra):
    data = {
        "version": "3.0",
        "status": "approved",
        "purpose": "p",
        "objectives": "o",
        "membership": "m",
        "chair_arrangements": "c",
        "meeting_frequency": "quarterly",
        "quorum_min_trusts": 3,
        "quorum_requires_chair": "on",
        "quorum_min_lived_experience": 1,
        "decision_making": "d",
    }
    data.update(extra)
    return data


def test_approved_status_in_the_form_needs_meeting_and_date(login, coordinator):
    response = login(coordinator).post("/network/terms-of-reference/new/", _tor_form())
    errors = response.context["form"].errors
    assert "approved_at" in errors and "effective_from" in errors
    assert not TermsOfReference.objects.exists()


def test_second_approved_version_is_a_field_error(
    login, coordinator, approved_tor, meeting
):
    response = login(coordinator).post(
        "/network/terms-of-reference/new/",
        _tor_form(approved_at=meeting.pk, effective_from="2025-01-01"),
    )
    assert "is already approved" in str(response.context["form"].errors["status"])
    assert TermsOfReference.objects.count() == 1


def test_database_allows_only_one_approved_version(approved_tor, meeting):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_tor(
            "9.0",
            status="approved",
            approved_at=meeting,
            effective_from=date(2025, 1, 1),
        )


def test_review_overdue_is_flagged(login, peer_worker, approved_tor):
    approved_tor.review_due = date(2025, 1, 1)
    approved_tor.save()
    assert apply_date_rules(date(2024, 12, 31)) == 0
    assert apply_date_rules(date(2025, 1, 1)) == 1
    assert apply_date_rules(date(2025, 1, 1)) == 0
    approved_tor.refresh_from_db()
    assert approved_tor.review_overdue
    page = login(peer_worker).get(approved_tor.get_absolute_url()).text
    assert "Due for review" in page


def test_confirming_a_review_moves_the_date_on(login, coordinator, approved_tor):
    approved_tor.review_due, approved_tor.review_overdue = date(2025, 1, 1), True
    approved_tor.save()
    login(coordinator).post(
        f"/network/terms-of-reference/{approved_tor.pk}/review/",
        date_boxes("reviewed_on", "2025-02-03"),
    )
    approved_tor.refresh_from_db()
    assert (
        approved_tor.review_due == date(2026, 2, 3) and not approved_tor.review_overdue
    )


def test_public_sees_only_the_approved_version(client, approved_tor, draft_tor):
    versions = client.get("/network/terms-of-reference/").context["versions"]
    assert list(versions) == [approved_tor]


def test_side_by_side_diff_marks_changes(login, peer_worker, approved_tor, draft_tor):
    response = login(peer_worker).get(
        f"/network/terms-of-reference/compare/?a={approved_tor.pk}&b={draft_tor.pk}"
    )
    html = response.text
    # Marked by text for screen readers as well as by shape and colour.
    assert (
        '<ins class="app-diff__ins"><span class="nhsuk-u-visually-hidden">added: '
        in html
    )
    assert "and a deputy" in html
    membership = next(d for d in response.context["diff"] if d.label == "Membership")
    assert membership.changed
    purpose = next(d for d in response.context["diff"] if d.label == "Purpose")
    assert not purpose.changed


def test_diff_escapes_html(login, peer_worker, approved_tor):
    evil = make_tor("2.5", purpose="<script>alert(1)</script>")
    html = (
        login(peer_worker)
        .get(f"/network/terms-of-reference/compare/?a={approved_tor.pk}&b={evil.pk}")
        .text
    )
    assert "<script>alert(1)" not in html


def test_new_version_copies_the_source(login, coordinator, approved_tor):
    response = login(coordinator).post(
        f"/network/terms-of-reference/{approved_tor.pk}/new-version/",
        {"version": "1.1"},
    )
    draft = TermsOfReference.objects.get(version="1.1")
    assert response.status_code == 302 and draft.status == "draft"
    assert draft.purpose == approved_tor.purpose and draft.supersedes == approved_tor


def test_approved_version_cannot_be_edited(login, coordinator, approved_tor):
    url = f"/network/terms-of-reference/{approved_tor.pk}/edit/"
    assert login(coordinator).get(url).status_code == 403


def test_review_date_defaults_to_a_year_after_it_takes_effect(meeting):
    tor = make_tor(
        "5.0",
        status="superseded",
        approved_at=meeting,
        effective_from=date(2024, 2, 29),
    )
    assert tor.review_due == date(2025, 2, 28)
    assert tor.review_due - tor.effective_from <= timedelta(days=366)


def test_approved_version_points_to_the_draft_replacing_it(
    login, peer_worker, approved_tor
):
    draft = make_tor("2.0", supersedes=approved_tor)
    html = login(peer_worker).get(approved_tor.get_absolute_url()).text
    assert (
        "A new version is being prepared" in html and draft.get_absolute_url() in html
    )
