"""Opportunity life cycle: save, sessions, approval, cancellation, date rules."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from training.models import TrainingBooking, TrainingOpportunity, TrainingSession
from training.services.bookings import (
    BStatus,
    Status,
    _lock,
    _offer_next,
    _sync_full_status,
    offers_expire,
)

# --- opportunity life cycle -------------------------------------------------------


@transaction.atomic
def opportunity_transition(
    *, opportunity: TrainingOpportunity, action: str, actor, today=None, note=""
) -> TrainingOpportunity:
    """submit / approve / reject / publish, then any date rule that already applies."""
    opportunity = _lock(opportunity)
    opportunity.transition(action)
    if note:
        opportunity.review_note = note
    opportunity.updated_by = actor
    opportunity.save()
    if opportunity.status == Status.PUBLISHED:
        _apply_dates_to(opportunity, today or timezone.localdate())
    return opportunity


@transaction.atomic
def opportunity_cancel(
    *, opportunity: TrainingOpportunity, actor, reason: str
) -> TrainingOpportunity:
    """Cancel; bookings end and R20 tells everyone booked or interested."""
    opportunity = _lock(opportunity)
    opportunity.transition("cancel")
    opportunity.calendar_sequence += 1  # calendars remove the sessions
    opportunity.cancellation_reason = reason
    opportunity.updated_by = actor
    opportunity.save()
    TrainingBooking.objects.filter(
        opportunity=opportunity,
        status__in=[BStatus.BOOKED, BStatus.WAITLISTED, BStatus.OFFERED],
    ).update(status=BStatus.CANCELLED, cancelled_at=opportunity.cancelled_at)
    return opportunity


@transaction.atomic
def opportunity_save(
    *, opportunity: TrainingOpportunity, actor, domains=None
) -> TrainingOpportunity:
    """Create or edit; places_remaining follows a change to places_total."""
    if opportunity.pk is not None:
        _note_schedule_change(opportunity)
    if opportunity.pk is None:
        opportunity.created_by = actor
        if actor.is_trust_lead:
            opportunity.proposed_by_trust_id = actor.trust_id
        opportunity.places_remaining = opportunity.places_total
    else:
        held = TrainingBooking.objects.filter(
            opportunity=opportunity, status__in=TrainingBooking.HOLDS_PLACE
        ).count()
        if opportunity.places_total is not None and opportunity.places_total < held:
            raise ValidationError({"places_total": f"{held} places are already booked"})
        opportunity.places_remaining = (
            None
            if opportunity.places_total is None
            else opportunity.places_total - held
        )
    opportunity.updated_by = actor
    opportunity.full_clean()
    opportunity.save()
    if domains is not None:
        opportunity.hee_domains.set(domains)
    if opportunity.is_public:
        now = timezone.now()
        while _offer_next(opportunity, now):  # new places go to people waiting
            pass
        _sync_full_status(opportunity)
    return opportunity


SCHEDULE_FIELDS = ("start_date", "end_date", "location", "delivery_mode")


def _note_schedule_change(opportunity: TrainingOpportunity) -> None:
    """Mark a published course whose when or where changed, so people are told."""
    before = TrainingOpportunity.objects.get(pk=opportunity.pk)
    changed = any(
        getattr(before, f) != getattr(opportunity, f) for f in SCHEDULE_FIELDS
    )
    if changed and before.is_public:
        opportunity.schedule_changed_at = timezone.now()
        opportunity.calendar_sequence = before.calendar_sequence + 1


@transaction.atomic
def session_add(*, session: TrainingSession) -> TrainingSession:
    session.full_clean()
    session.save()
    _touch_schedule(session.opportunity)
    return session


@transaction.atomic
def session_change(*, session: TrainingSession) -> TrainingSession:
    """New date or times for a session; people booked get an updated calendar."""
    session.full_clean()
    session.save()
    _touch_schedule(session.opportunity)
    return session


@transaction.atomic
def session_remove(*, session: TrainingSession) -> None:
    opportunity = session.opportunity
    session.delete()
    _touch_schedule(opportunity)


def _touch_schedule(opportunity: TrainingOpportunity) -> None:
    if opportunity.is_public:
        TrainingOpportunity.objects.filter(pk=opportunity.pk).update(
            schedule_changed_at=timezone.now(),
            calendar_sequence=F("calendar_sequence") + 1,
        )


# --- date-driven statuses -----------------------------------------------------------


def _apply_dates_to(opportunity: TrainingOpportunity, today: date) -> bool:
    """Move one opportunity along the date-driven part of its state machine."""
    before = opportunity.status
    if opportunity.can_transition("open_booking") and (
        opportunity.booking_opens is None or opportunity.booking_opens <= today
    ):
        opportunity.transition("open_booking")
    if (
        opportunity.booking_deadline
        and opportunity.booking_deadline < today
        and opportunity.status in (Status.BOOKING_OPEN, Status.FULL)
    ):
        opportunity.transition("close_booking")
    if opportunity.start_date <= today and opportunity.can_transition("start"):
        opportunity.transition("start")
    if opportunity.last_date < today and opportunity.can_transition("complete"):
        opportunity.transition("complete")
    if opportunity.status == Status.BOOKING_OPEN and opportunity.places_remaining == 0:
        opportunity.transition("fill")
    if opportunity.status != before:
        opportunity.save(update_fields=["status", "updated_at"])
        return True
    return False


def apply_date_rules(today: date) -> int:
    """Nightly: date-driven statuses and expired offers. Running it twice changes nothing."""
    changed = 0
    live = TrainingOpportunity.objects.filter(
        status__in=[
            Status.PUBLISHED,
            Status.BOOKING_OPEN,
            Status.FULL,
            Status.BOOKING_CLOSED,
            Status.RUNNING,
        ]
    )
    for opportunity in live:
        with transaction.atomic():
            changed += _apply_dates_to(opportunity, today)
    return changed + offers_expire()
