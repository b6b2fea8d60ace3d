"""Coordinator actions on a version through the pages."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from standards.models import CompetenceDomain
from standards.models import StandardVersion as V
from tests.standards.conftest import make_meeting

pytestmark = pytest.mark.django_db
URL = "/standards/NWPSW-S03/versions/1/"


def test_coordinator_opens_consultation(login, coordinator, draft):
    today = timezone.localdate()
    response = login(coordinator).post(
        URL + "consultation/open/",
        {
            "consultation_opens": today.isoformat(),
            "consultation_closes": (today + timedelta(days=28)).isoformat(),
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == V.Status.CONSULTATION
    assert draft.consultation_closes == today + timedelta(days=28)


def test_close_date_before_open_date_is_refused_next_to_the_field(
    login, coordinator, draft
):
    response = login(coordinator).post(
        URL + "consultation/open/",
        {"consultation_opens": "2026-12-10", "consultation_closes": "2026-12-01"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["consultation_closes"] == [
        "The close date must be after the open date"
    ]
    assert response.content.decode().count("<title>Error: ") == 1
    draft.refresh_from_db()
    assert draft.status == V.Status.DRAFT


def test_opening_consultation_on_a_non_draft_is_refused(login, coordinator, approved):
    response = login(coordinator).post(
        URL + "consultation/open/",
        {"consultation_opens": "2026-12-01", "consultation_closes": "2026-12-20"},
        follow=True,
    )
    assert "Only a draft" in response.content.decode()
    approved.refresh_from_db()
    assert approved.status == V.Status.APPROVED


def test_approving_without_a_meeting_shows_a_field_error(
    login, coordinator, in_consultation
):
    response = login(coordinator).post(
        URL + "approve/", {"approved_on": timezone.localdate().isoformat()}
    )
    assert response.context["form"].errors["approved_at"] == [
        "Choose the meeting that approved this version"
    ]
    in_consultation.refresh_from_db()
    assert in_consultation.status == V.Status.CONSULTATION


def test_approving_at_an_inquorate_meeting_shows_why(login, coordinator, draft):
    inquorate = make_meeting(title="Inquorate steering group")
    response = login(coordinator).post(
        URL + "approve/",
        {"approved_at": inquorate.pk, "approved_on": timezone.localdate().isoformat()},
    )
    assert "not quorate" in response.context["form"].errors["approved_at"][0]
    draft.refresh_from_db()
    assert draft.status == V.Status.DRAFT


def test_coordinator_approves_at_a_quorate_meeting(login, coordinator, draft):
    meeting = make_meeting(day=date(2026, 11, 20))
    response = login(coordinator).post(
        URL + "approve/",
        {"approved_at": meeting.pk, "approved_on": "2026-11-20"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == V.Status.APPROVED
    assert str(draft.review_date) == "2028-11-20"


def test_close_consultation_is_post_only_and_works(login, coordinator, in_consultation):
    client = login(coordinator)
    assert client.get(URL + "consultation/close/").status_code == 405
    assert client.post(URL + "consultation/close/").status_code == 302
    in_consultation.refresh_from_db()
    assert in_consultation.status == V.Status.DRAFT


def test_confirm_unchanged_on_an_approved_version_is_refused(
    login, coordinator, approved
):
    review = approved.review_date
    login(coordinator).post(URL + "confirm/")
    approved.refresh_from_db()
    assert approved.review_date == review


def test_a_review_due_within_60_days_can_be_confirmed_early(
    login, coordinator, approved
):
    # The work home lists it as soon as it is 60 days away: it can be acted on.
    review = timezone.localdate() + timedelta(days=20)
    V.objects.filter(pk=approved.pk).update(review_date=review)
    client = login(coordinator)
    assert "Confirm unchanged after review" in client.get(URL).content.decode()
    client.post(URL + "confirm/")
    approved.refresh_from_db()
    assert approved.status == V.Status.APPROVED
    assert approved.review_date > review + timedelta(days=300)


def test_withdraw_needs_a_reason(login, coordinator, draft):
    response = login(coordinator).post(URL + "withdraw/", {"withdrawn_reason": ""})
    assert response.context["form"].errors["withdrawn_reason"]
    login(coordinator).post(URL + "withdraw/", {"withdrawn_reason": "Merged into S01"})
    draft.refresh_from_db()
    assert draft.status == V.Status.WITHDRAWN


def test_coordinator_creates_a_standard_with_a_first_draft(login, coordinator):
    # Normally loaded by a data migration; a transactional test elsewhere in a
    # full run may have flushed them, so make sure the two used here exist.
    for number in (1, 3):
        CompetenceDomain.objects.get_or_create(
            number=number, defaults={"title": f"Domain {number}"}
        )
    response = login(coordinator).post(
        "/standards/new/",
        {
            "code": "NWPSW-S10",
            "title": "Induction",
            "area": "induction",
            "owner": coordinator.pk,
            "review_period_months": 24,
            "hee_domains": list(
                CompetenceDomain.objects.filter(number__in=[1, 3]).values_list(
                    "pk", flat=True
                )
            ),
            "body": "First paragraph.\n\nSecond paragraph.",
        },
    )
    assert response.status_code == 302
    version = V.objects.get(standard__code="NWPSW-S10")
    assert version.number == 1 and version.status == V.Status.DRAFT
    assert list(version.standard.hee_domains.values_list("number", flat=True)) == [1, 3]
    assert version.edits.count() == 1


def test_duplicate_code_is_refused_and_nothing_is_saved(login, coordinator, draft):
    response = login(coordinator).post(
        "/standards/new/",
        {
            "code": "NWPSW-S03",
            "title": "Again",
            "area": "induction",
            "owner": coordinator.pk,
            "review_period_months": 24,
            "body": "Text",
        },
    )
    assert "code" in response.context["form"].errors
    assert V.objects.count() == 1


def test_approval_date_defaults_to_the_meeting_date(login, coordinator, draft, meeting):
    login(coordinator).post(URL + "approve/", {"approved_at": meeting.pk})
    draft.refresh_from_db()
    assert draft.approved_on == timezone.localdate(meeting.starts_at)


def test_approval_before_the_meeting_or_at_a_future_meeting_is_refused(
    login, coordinator, draft, meeting
):
    client = login(coordinator)
    before = timezone.localdate(meeting.starts_at) - timedelta(days=3)
    page = client.post(
        URL + "approve/",
        {"approved_at": meeting.pk, "approved_on": before.isoformat()},
    )
    assert page.context["form"].errors["approved_on"] == [
        "The approval date cannot be before the meeting."
    ]
    future = make_meeting(day=timezone.localdate() + timedelta(days=7))
    page = client.post(URL + "approve/", {"approved_at": future.pk})
    assert page.context["form"].errors["approved_at"] == [
        "The meeting has not happened yet."
    ]
    draft.refresh_from_db()
    assert draft.status == V.Status.DRAFT


def test_new_version_is_not_offered_while_consultation_is_open(
    login, coordinator, in_consultation
):
    client = login(coordinator)
    assert (
        "Start a new version"
        not in client.get("/standards/NWPSW-S03/").content.decode()
    )
    page = client.post(
        "/standards/NWPSW-S03/versions/new/", {"summary_of_changes": "x"}
    )
    assert page.status_code == 200 and page.context["form"].errors
    assert V.objects.count() == 1
