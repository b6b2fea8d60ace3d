"""Invariants in the database, the state machine, and the nightly date rules."""

from datetime import time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.training.conftest import make_opportunity
from training import services
from training.models import TrainingBooking, TrainingSession

pytestmark = pytest.mark.django_db


def test_a_session_ending_before_it_starts_is_refused_by_the_database(opportunity):
    with pytest.raises(IntegrityError), transaction.atomic():
        TrainingSession.objects.create(
            opportunity=opportunity,
            date=opportunity.start_date,
            start_time=time(14),
            end_time=time(10),
        )


@pytest.mark.parametrize(
    "fields",
    [
        {"cost_gbp": -1},
        {"booking_deadline_after_start": True},
        {"end_before_start": True},
        {"places_remaining": 5},  # more than the 2 places in total
    ],
)
def test_invalid_opportunities_are_refused_by_the_database(provider, fields):
    today = timezone.localdate()
    extra = dict(fields)
    if extra.pop("booking_deadline_after_start", False):
        extra["booking_deadline"] = today + timedelta(days=40)
    if extra.pop("end_before_start", False):
        extra["end_date"] = today
    with pytest.raises(IntegrityError), transaction.atomic():
        make_opportunity(provider, **extra)


def test_model_validation_gives_field_messages(provider):
    opp = make_opportunity(provider)
    opp.booking_deadline = opp.start_date + timedelta(days=1)
    opp.cost_gbp = -5
    with pytest.raises(ValidationError) as error:
        opp.full_clean()
    assert "on or before the start date" in str(
        error.value.message_dict["booking_deadline"]
    )
    assert "cannot be negative" in str(error.value.message_dict["cost_gbp"])


def test_state_machine_refuses_moves_it_does_not_allow(draft_a):
    with pytest.raises(ValidationError, match="Cannot approve"):
        draft_a.transition("approve")
    draft_a.transition("submit")
    assert draft_a.status == "pending_approval" and draft_a.submitted_at
    draft_a.transition("approve")
    assert draft_a.status == "published" and draft_a.published_at
    with pytest.raises(ValidationError):
        draft_a.transition("complete")


def test_running_training_cannot_be_cancelled(opportunity):
    opportunity.status = "running"
    assert not opportunity.can_transition("cancel")


def test_date_rules_open_close_start_and_complete(provider):
    today = timezone.localdate()
    opp = make_opportunity(
        provider, status="published", booking_opens=today - timedelta(days=1)
    )
    assert services.apply_date_rules(today) == 1
    opp.refresh_from_db()
    assert opp.status == "booking_open"
    assert services.apply_date_rules(today) == 0  # idempotent
    services.apply_date_rules(opp.booking_deadline + timedelta(days=1))
    opp.refresh_from_db()
    assert opp.status == "booking_closed"
    services.apply_date_rules(opp.start_date)
    opp.refresh_from_db()
    assert opp.status == "running"
    services.apply_date_rules(opp.start_date + timedelta(days=1))
    opp.refresh_from_db()
    assert opp.status == "completed"


def test_date_rules_wait_for_booking_to_open(provider):
    today = timezone.localdate()
    opp = make_opportunity(
        provider, status="published", booking_opens=today + timedelta(days=3)
    )
    services.apply_date_rules(today)
    opp.refresh_from_db()
    assert opp.status == "published"


def test_date_rules_leave_drafts_and_cancelled_alone(provider):
    past = timezone.localdate() + timedelta(days=365)
    draft = make_opportunity(provider, status="draft")
    cancelled = make_opportunity(
        provider, status="cancelled", cancelled_at=timezone.now()
    )
    services.apply_date_rules(past)
    draft.refresh_from_db()
    cancelled.refresh_from_db()
    assert (draft.status, cancelled.status) == ("draft", "cancelled")


def test_date_rules_expire_offers(opportunity, peer_worker):
    TrainingBooking.objects.create(
        opportunity=opportunity,
        user=peer_worker,
        status="offered",
        offer_expires_at=timezone.now() - timedelta(minutes=1),
    )
    assert services.apply_date_rules(timezone.localdate()) == 1
    assert TrainingBooking.objects.get().status == "offer_expired"


def test_the_nightly_job_runs_the_training_date_rules(provider):
    from core.notifications import apply_all_date_rules

    today = timezone.localdate()
    opp = make_opportunity(provider, status="published")
    assert apply_all_date_rules(today)["training"] == 1
    opp.refresh_from_db()
    assert opp.status == "booking_open"
