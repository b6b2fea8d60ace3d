"""The version state machine, its database invariants and the date rule."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.dates import add_months
from standards import services
from standards.models import StandardVersion as V
from tests.standards.conftest import BODY, approve, make_meeting

pytestmark = pytest.mark.django_db


def test_database_refuses_two_approved_versions_of_one_standard(approved, meeting):
    second = V.objects.create(
        standard=approved.standard, number=2, body=BODY, status=V.Status.SUPERSEDED
    )
    second.status = V.Status.DUE_FOR_REVIEW
    second.approved_at, second.approved_on = meeting, date(2026, 1, 1)
    second.review_date = date(2027, 1, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_database_refuses_approved_version_without_a_meeting(draft):
    draft.status = V.Status.APPROVED
    draft.approved_on, draft.review_date = date(2026, 1, 1), date(2028, 1, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        draft.save()


def test_database_refuses_consultation_closing_before_it_opens(draft):
    draft.status = V.Status.CONSULTATION
    draft.consultation_opens = date(2026, 5, 1)
    draft.consultation_closes = date(2026, 4, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        draft.save()


def test_approval_sets_review_date_from_the_standards_period(draft):
    meeting = make_meeting(day=date(2026, 1, 31))
    draft.standard.review_period_months = 12
    draft.standard.save()
    services.standard_version_approve(
        version=draft,
        meeting=meeting,
        approved_on=date(2026, 1, 31),
        review_date=None,
        actor=None,
    )
    draft.refresh_from_db()
    assert draft.status == V.Status.APPROVED
    assert draft.review_date == date(2027, 1, 31)
    assert draft.approved_at == meeting


def test_default_review_period_is_24_months(draft):
    meeting = make_meeting(day=date(2026, 3, 1))
    services.standard_version_approve(
        version=draft,
        meeting=meeting,
        approved_on=date(2026, 3, 1),
        review_date=None,
        actor=None,
    )
    assert draft.review_date == date(2028, 3, 1)


def test_add_months_keeps_the_end_of_short_months():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


def test_approving_a_new_version_supersedes_the_one_in_force(approved, meeting):
    v2 = services.standard_version_start_next(
        standard=approved.standard, summary_of_changes="Clearer wording", actor=None
    )
    services.standard_version_approve(
        version=v2,
        meeting=meeting,
        approved_on=timezone.localdate(),
        review_date=None,
        actor=None,
    )
    approved.refresh_from_db()
    assert approved.status == V.Status.SUPERSEDED
    assert approved.superseded_by == v2
    assert approved.standard.current_version() == v2


def test_approval_at_an_inquorate_meeting_is_refused_and_nothing_changes(draft):
    inquorate = make_meeting(title="Inquorate network meeting")
    with pytest.raises(ValidationError) as error:
        services.standard_version_approve(
            version=draft,
            meeting=inquorate,
            approved_on=timezone.localdate(),
            review_date=None,
            actor=None,
        )
    assert "not quorate" in str(error.value)
    draft.refresh_from_db()
    assert draft.status == V.Status.DRAFT and draft.approved_at is None


def test_approval_without_a_meeting_is_refused(draft):
    with pytest.raises(ValidationError, match="Choose the meeting"):
        services.standard_version_approve(
            version=draft,
            meeting=None,
            approved_on=timezone.localdate(),
            review_date=None,
            actor=None,
        )


def test_opening_consultation_on_an_approved_version_is_refused(approved):
    with pytest.raises(ValidationError):
        services.consultation_open(
            version=approved,
            opens=date(2026, 1, 1),
            closes=date(2026, 2, 1),
            actor=None,
        )
    approved.refresh_from_db()
    assert approved.status == V.Status.APPROVED


def test_closing_consultation_returns_the_version_to_draft(in_consultation):
    services.consultation_close(version=in_consultation, actor=None)
    in_consultation.refresh_from_db()
    assert in_consultation.status == V.Status.DRAFT
    assert in_consultation.consultation_closes == timezone.localdate()


def test_starting_a_revision_supersedes_the_consulted_draft(in_consultation):
    services.consultation_close(version=in_consultation, actor=None)
    v2 = services.standard_version_start_next(
        standard=in_consultation.standard,
        summary_of_changes="After consultation",
        actor=None,
    )
    in_consultation.refresh_from_db()
    assert in_consultation.status == V.Status.SUPERSEDED
    assert in_consultation.superseded_by == v2
    assert v2.body == in_consultation.body and v2.status == V.Status.DRAFT


def test_a_new_version_needs_a_summary_of_changes(approved):
    with pytest.raises(ValidationError):
        services.standard_version_start_next(
            standard=approved.standard, summary_of_changes=" ", actor=None
        )
    assert approved.standard.versions.count() == 1


def test_date_rule_makes_approved_versions_due_for_review_once(approved):
    review = approved.review_date
    assert services.apply_date_rules(review - timedelta(days=1)) == 0
    assert services.apply_date_rules(review) == 1
    assert services.apply_date_rules(review) == 0
    approved.refresh_from_db()
    assert approved.status == V.Status.DUE_FOR_REVIEW


def test_confirming_unchanged_moves_the_review_date_on(approved):
    services.apply_date_rules(approved.review_date)
    approved.refresh_from_db()
    old_review = approved.review_date
    services.standard_version_confirm_unchanged(
        version=approved, actor=None, today=old_review
    )
    approved.refresh_from_db()
    assert approved.status == V.Status.APPROVED
    assert approved.review_date == add_months(old_review, 24)


def test_withdrawn_is_terminal(draft):
    services.standard_version_withdraw(version=draft, reason="Merged", actor=None)
    with pytest.raises(ValidationError):
        draft.move_to(V.Status.DRAFT)


def test_superseded_version_cannot_be_withdrawn(approved, meeting):
    v2 = V.objects.create(standard=approved.standard, number=2, body=BODY)
    approved.status = V.Status.SUPERSEDED
    approved.save()
    approve(v2, meeting)
    assert not approved.can_transition(V.Status.WITHDRAWN)
