"""Bookings, the waiting list, offers and interest.

Capacity rule: `places_remaining` only ever changes through a conditional UPDATE
(`places_remaining > 0`) inside a transaction that has locked the opportunity
row, so two people taking the last place cannot both get it.
"""

import logging
from datetime import timedelta
from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from core import workhome_cache
from training.bookingmail import booking_notice
from training.models import (
    TrainingBooking,
    TrainingInterest,
    TrainingOpportunity,
)

logger = logging.getLogger(__name__)

OFFER_HOURS = 48

BOOKING_CLOSED = "Booking is closed for this training"
ALREADY_BOOKED = "You already have a place or a waiting-list place on this training"
NOT_BOOKABLE_HERE = "This training is booked on the provider's website"
OFFER_GONE = "This offer has expired or has already been answered"
CANNOT_CANCEL = "This booking cannot be cancelled now"

Status = TrainingOpportunity.Status
BStatus = TrainingBooking.Status


def _lock(opportunity: TrainingOpportunity) -> TrainingOpportunity:
    return TrainingOpportunity.objects.select_for_update().get(pk=opportunity.pk)


def _take_place(opportunity_id: int) -> bool:
    """Claim one place; False if none was left (another booking got there first)."""
    return bool(
        TrainingOpportunity.objects.filter(
            pk=opportunity_id, places_remaining__gt=0
        ).update(places_remaining=F("places_remaining") - 1)
    )


def _free_place(opportunity_id: int) -> None:
    TrainingOpportunity.objects.filter(
        pk=opportunity_id, places_remaining__lt=F("places_total")
    ).update(places_remaining=F("places_remaining") + 1)


def _sync_full_status(opportunity: TrainingOpportunity) -> None:
    opportunity.refresh_from_db(fields=["places_remaining", "status"])
    if opportunity.places_remaining == 0 and opportunity.can_transition("fill"):
        opportunity.transition("fill")
        opportunity.save(update_fields=["status", "updated_at"])
    elif opportunity.places_remaining and opportunity.can_transition("reopen"):
        opportunity.transition("reopen")
        opportunity.save(update_fields=["status", "updated_at"])


@transaction.atomic
def booking_create(*, opportunity: TrainingOpportunity, user) -> TrainingBooking:
    """Book a place, or join the waiting list when none is left."""
    opportunity = _lock(opportunity)
    if not opportunity.book_here:
        raise ValidationError(NOT_BOOKABLE_HERE)
    if not opportunity.accepts_bookings():
        raise ValidationError(BOOKING_CLOSED)
    if TrainingBooking.objects.filter(
        opportunity=opportunity, user=user, status__in=TrainingBooking.ACTIVE
    ).exists():
        raise ValidationError(ALREADY_BOOKED)
    now = timezone.now()
    waiting = TrainingBooking.objects.filter(
        opportunity=opportunity, status=BStatus.WAITLISTED
    ).exists()
    # Nobody jumps the queue: while people wait, a free place goes to them.
    if not waiting and _take_place(opportunity.pk):
        booking = TrainingBooking(opportunity=opportunity, user=user, status="booked")
    else:
        booking = TrainingBooking(
            opportunity=opportunity, user=user, status="waitlisted", waitlisted_at=now
        )
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError:
        raise ValidationError(ALREADY_BOOKED) from None
    while waiting and _offer_next(opportunity, now):
        pass  # a place left free behind the queue goes to its head
    _sync_full_status(opportunity)
    booking.refresh_from_db(fields=["status", "offer_expires_at"])
    TrainingInterest.objects.filter(
        user=user, opportunity=opportunity, status=TrainingInterest.Status.INTERESTED
    ).update(status=TrainingInterest.Status.BOOKED_EXTERNALLY)
    if booking.status in (BStatus.BOOKED, BStatus.WAITLISTED):  # offers: own email
        booking_notice(booking, booking.status)
    workhome_cache.invalidate()
    return booking


def waiting_position(booking: TrainingBooking) -> int | None:
    if booking.status != BStatus.WAITLISTED:
        return None
    ahead = TrainingBooking.objects.filter(
        opportunity_id=booking.opportunity_id,
        status=BStatus.WAITLISTED,
        waitlisted_at__lt=booking.waitlisted_at,
    ).count()
    return ahead + 1


def _offer_next(opportunity: TrainingOpportunity, now) -> TrainingBooking | None:
    """Offer a free place to the first person waiting; they have 48 hours."""
    if not opportunity.accepts_bookings(timezone.localdate(now)):
        return None
    if not _take_place(opportunity.pk):
        return None
    booking = (
        TrainingBooking.objects.filter(
            opportunity=opportunity, status=BStatus.WAITLISTED
        )
        .order_by("waitlisted_at", "pk")
        .first()
    )
    if booking is None:
        _free_place(opportunity.pk)
        return None
    booking.status = BStatus.OFFERED
    booking.offer_expires_at = now + timedelta(hours=OFFER_HOURS)
    booking.save(update_fields=["status", "offer_expires_at"])
    transaction.on_commit(partial(_send_offer_email, booking.pk))
    workhome_cache.invalidate()
    return booking


def _send_offer_email(booking_id: int) -> None:
    """Record the offer in the outbox and send it now: it only lasts 48 hours.

    The reminder scan finds the same offer (same key) if this fails, so a
    broker or mail outage delays the email but never loses or repeats it.
    """
    from core.notifications import outbox_record
    from core.tasks import enqueue_send
    from training.reminders import offer_reminder

    booking = TrainingBooking.objects.select_related("opportunity", "user").get(
        pk=booking_id
    )
    if booking.status != BStatus.OFFERED:
        return
    try:
        note = outbox_record(offer_reminder(booking))
        if note is not None:
            enqueue_send(note.pk)
    except Exception:  # the nightly scan is the backstop
        logger.exception("could not record the offer for booking %s", booking_id)


@transaction.atomic
def booking_cancel(*, booking: TrainingBooking) -> TrainingBooking:
    """Cancel one's own booking or waiting-list place; a freed place is offered on."""
    opportunity = _lock(booking.opportunity)
    booking.refresh_from_db()
    if booking.status not in (BStatus.BOOKED, BStatus.WAITLISTED, BStatus.OFFERED):
        raise ValidationError(CANNOT_CANCEL)
    if opportunity.status in (Status.RUNNING, Status.COMPLETED):
        raise ValidationError(CANNOT_CANCEL)
    freed = booking.holds_place
    now = timezone.now()
    booking.status = BStatus.CANCELLED
    booking.cancelled_at = now
    booking.save(update_fields=["status", "cancelled_at"])
    if freed:
        _free_place(opportunity.pk)
        _offer_next(opportunity, now)
    _sync_full_status(opportunity)
    booking_notice(booking, "cancelled")
    workhome_cache.invalidate()
    return booking


@transaction.atomic
def booking_accept_offer(*, booking: TrainingBooking) -> TrainingBooking:
    _lock(booking.opportunity)
    booking.refresh_from_db()
    now = timezone.now()
    if booking.status != BStatus.OFFERED or booking.offer_expires_at <= now:
        raise ValidationError(OFFER_GONE)
    booking.status = BStatus.BOOKED
    booking.offer_expires_at = None
    booking.save(update_fields=["status", "offer_expires_at"])
    booking_notice(booking, "booked")
    workhome_cache.invalidate()
    return booking


@transaction.atomic
def booking_decline_offer(*, booking: TrainingBooking) -> TrainingBooking:
    opportunity = _lock(booking.opportunity)
    booking.refresh_from_db()
    if booking.status != BStatus.OFFERED:
        raise ValidationError(OFFER_GONE)
    now = timezone.now()
    booking.status = BStatus.CANCELLED
    booking.cancelled_at = now
    booking.save(update_fields=["status", "cancelled_at"])
    _free_place(opportunity.pk)
    _offer_next(opportunity, now)
    _sync_full_status(opportunity)
    booking_notice(booking, "cancelled")
    workhome_cache.invalidate()
    return booking


def offers_expire(*, now=None) -> int:
    """Pass each expired offer on to the next person waiting. Idempotent."""
    now = now or timezone.now()
    count = 0
    expired = TrainingBooking.objects.filter(
        status=BStatus.OFFERED, offer_expires_at__lte=now
    ).values_list("pk", flat=True)
    for pk in list(expired):
        count += _expire_one_offer(pk, now)
    return count


@transaction.atomic
def _expire_one_offer(pk: int, now) -> int:
    booking = TrainingBooking.objects.select_related("opportunity").get(pk=pk)
    opportunity = _lock(booking.opportunity)
    claimed = TrainingBooking.objects.filter(
        pk=pk, status=BStatus.OFFERED, offer_expires_at__lte=now
    ).update(status=BStatus.OFFER_EXPIRED, offer_expires_at=None)
    if claimed != 1:
        return 0  # accepted, or another run got there first
    _free_place(opportunity.pk)
    _offer_next(opportunity, now)
    _sync_full_status(opportunity)
    booking_notice(booking, "offer_expired")
    return 1


@transaction.atomic
def booking_record_attendance(*, booking: TrainingBooking, outcome: str, today=None):
    """Coordinator marks attended / completed / did not attend."""
    allowed = {BStatus.ATTENDED, BStatus.COMPLETED, BStatus.DID_NOT_ATTEND}
    if outcome not in allowed:
        raise ValidationError("Choose attended, completed or did not attend")
    if booking.status not in (*allowed, BStatus.BOOKED):
        raise ValidationError("Only people with a place can be marked")
    booking.status = outcome
    booking.completed_on = (
        (today or timezone.localdate()) if outcome == BStatus.COMPLETED else None
    )
    booking.save(update_fields=["status", "completed_on"])
    return booking


# --- interest -------------------------------------------------------------------


@transaction.atomic
def interest_register(
    *, user, opportunity=None, category=None, wants_reminders=True
) -> TrainingInterest:
    category = opportunity.category if opportunity else category
    interest, created = TrainingInterest.objects.get_or_create(
        user=user,
        opportunity=opportunity,
        category=category,
        defaults={"wants_reminders": wants_reminders},
    )
    if not created:
        interest.status = TrainingInterest.Status.INTERESTED
        interest.wants_reminders = wants_reminders
        interest.save(update_fields=["status", "wants_reminders"])
    return interest


SELF_REPORTED = {
    TrainingInterest.Status.BOOKED_EXTERNALLY,
    TrainingInterest.Status.ATTENDED,
}


@transaction.atomic
def interest_report(*, interest: TrainingInterest, status: str, today=None):
    """A person says they booked with the provider, or attended."""
    today = today or timezone.localdate()
    if status not in SELF_REPORTED or interest.opportunity_id is None:
        raise ValidationError("Choose booked with the provider or attended")
    if status == TrainingInterest.Status.ATTENDED and (
        interest.opportunity.start_date > today
    ):
        raise ValidationError("You can say you attended once the training has started")
    interest.status = status
    interest.save(update_fields=["status"])
    return interest


@transaction.atomic
def interest_withdraw(*, interest: TrainingInterest) -> TrainingInterest:
    interest.status = TrainingInterest.Status.WITHDRAWN
    interest.wants_reminders = False
    interest.save(update_fields=["status", "wants_reminders"])
    return interest
