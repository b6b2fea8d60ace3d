"""Training reminders R18–R22 (docs/reminders.md): pure reads of what is due today.

Each reminder is due from its lead time until the next one (or the event), so a
scan that runs late still finds it; the outbox's unique key stops repeats.
"""

from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from core.leadtimes import lead_time_due, lead_times
from core.reminders import DueReminder, register
from core.workdays import working_days_between
from training import services
from training.bookingmail import calendar_events
from training.calendar import opportunity_events
from training.models import TrainingBooking, TrainingInterest, TrainingOpportunity

Status = TrainingOpportunity.Status
IStatus = TrainingInterest.Status
CANCEL_NOTICE_DAYS = 7  # a cancelled course is still worth telling people about


def due_reminders(today: date) -> Iterable[DueReminder]:
    yield from booking_deadline_reminders(today)
    yield from start_reminders(today)
    yield from cancellation_notices(today)
    yield from change_notices(today)
    yield from new_training_digest(today)
    yield from proposal_reminders(today)
    yield from offer_reminders()


def offer_reminder(booking: TrainingBooking) -> DueReminder:
    """R20 (a change for this person): a waiting-list place is offered to them."""
    return DueReminder(
        kind="R20-training-place-offered",
        obj=booking.opportunity,
        recipient=booking.user,
        occurrence=f"offer:{booking.pk}:{booking.offer_expires_at:%Y%m%d%H%M}",
        template="training_place_offered",
        context={
            "booking": booking,
            "calendar_events": calendar_events(booking, "offered"),
        },
        # They asked for a place; an offer they never see would just expire.
        mandatory=True,
    )


def offer_reminders() -> Iterator[DueReminder]:
    """Open offers, in case the email at the time of the offer failed."""
    offers = TrainingBooking.objects.filter(
        status=TrainingBooking.Status.OFFERED, offer_expires_at__gt=timezone.now()
    ).select_related("opportunity__provider", "user")
    for booking in offers:
        yield offer_reminder(booking)


def booking_deadline_reminders(today: date) -> Iterator[DueReminder]:
    """R18: before the booking deadline at the lead times coordinators set
    (default −14 and −3 days), to people interested who have not booked."""
    deadline_days = lead_times("R18")
    opportunities = TrainingOpportunity.objects.filter(
        status__in=[Status.PUBLISHED, Status.BOOKING_OPEN],
        booking_deadline__gte=today,
        booking_deadline__lte=today + timedelta(days=max(deadline_days)),
    )
    for opportunity in opportunities:
        days = lead_time_due(opportunity.booking_deadline, today, deadline_days)
        interests = opportunity.interests.filter(
            status=IStatus.INTERESTED, wants_reminders=True
        ).select_related("user")
        booked = set(
            opportunity.bookings.filter(status__in=TrainingBooking.ACTIVE).values_list(
                "user_id", flat=True
            )
        )
        for interest in interests:
            if interest.user_id in booked:
                continue
            yield DueReminder(
                kind="R18-training-booking-deadline",
                obj=opportunity,
                recipient=interest.user,
                occurrence=f"deadline-{days}d:{opportunity.booking_deadline}",
                template="training_booking_deadline",
                context={"days": days},
            )


def _people_going(opportunity) -> dict:
    """Users booked, plus users interested who still want emails, by id."""
    people = {
        b.user_id: b.user
        for b in opportunity.bookings.filter(
            status=TrainingBooking.Status.BOOKED
        ).select_related("user")
    }
    for interest in opportunity.interests.filter(
        status__in=[IStatus.INTERESTED, IStatus.BOOKED_EXTERNALLY],
        wants_reminders=True,
    ).select_related("user"):
        people.setdefault(interest.user_id, interest.user)
    return people


def start_reminders(today: date) -> Iterator[DueReminder]:
    """R19: before the start at the lead times coordinators set (default −7 and
    −1 days), to everyone booked or interested."""
    start_days = lead_times("R19")
    opportunities = TrainingOpportunity.objects.filter(
        status__in=[
            Status.PUBLISHED,
            Status.BOOKING_OPEN,
            Status.FULL,
            Status.BOOKING_CLOSED,
        ],
        start_date__gte=today,
        start_date__lte=today + timedelta(days=max(start_days)),
    )
    for opportunity in opportunities:
        days = lead_time_due(opportunity.start_date, today, start_days)
        for user in _people_going(opportunity).values():
            yield DueReminder(
                kind="R19-training-start",
                obj=opportunity,
                recipient=user,
                occurrence=f"start-{days}d:{opportunity.start_date}",
                template="training_start",
                context={"days": days},
            )


def cancellation_notices(today: date) -> Iterator[DueReminder]:
    """R20: everyone who was booked, waiting or interested hears of a cancellation."""
    since = today - timedelta(days=CANCEL_NOTICE_DAYS)
    opportunities = TrainingOpportunity.objects.filter(
        status=Status.CANCELLED, cancelled_at__date__gte=since
    )
    for opportunity in opportunities:
        people = {
            b.user_id: b.user
            for b in opportunity.bookings.filter(
                Q(cancelled_at__gte=opportunity.cancelled_at)
                | ~Q(status=TrainingBooking.Status.CANCELLED)
            ).select_related("user")
        }
        booked = set(people)
        for interest in opportunity.interests.exclude(
            status=IStatus.WITHDRAWN
        ).select_related("user"):
            people.setdefault(interest.user_id, interest.user)
        events = opportunity_events(opportunity)
        for user in people.values():
            yield DueReminder(
                kind="R20-training-cancelled",
                obj=opportunity,
                recipient=user,
                occurrence=f"cancelled:{opportunity.cancelled_at.date()}",
                template="training_cancelled",
                **_booking_email(user.pk in booked, events),
            )


def _booking_email(has_place: bool, events: list) -> dict:
    """People with a place get the calendar update straight away (they are in
    their calendar); people only interested get the notice as they chose."""
    if not has_place:
        return {}
    return {"context": {"calendar_events": events}, "mandatory": True}


def change_notices(today: date) -> Iterator[DueReminder]:
    """R20: a published course's dates, times or place changed."""
    since = today - timedelta(days=CANCEL_NOTICE_DAYS)
    opportunities = TrainingOpportunity.objects.filter(
        status__in=[
            Status.PUBLISHED,
            Status.BOOKING_OPEN,
            Status.FULL,
            Status.BOOKING_CLOSED,
        ],
        schedule_changed_at__date__gte=since,
        start_date__gte=today,
    )
    for opportunity in opportunities:
        stamp = f"{opportunity.schedule_changed_at:%Y%m%d%H%M}"
        booked = set(
            opportunity.bookings.filter(
                status=TrainingBooking.Status.BOOKED
            ).values_list("user_id", flat=True)
        )
        events = opportunity_events(opportunity)
        for user in _people_going(opportunity).values():
            yield DueReminder(
                kind="R20-training-changed",
                obj=opportunity,
                recipient=user,
                occurrence=f"changed:{stamp}",
                template="training_changed",
                **_booking_email(user.pk in booked, events),
            )


def new_training_digest(today: date) -> Iterator[DueReminder]:
    """R21: each week, new training in the categories someone asked to hear about."""
    monday = today - timedelta(days=today.weekday())
    new = TrainingOpportunity.objects.filter(
        status__in=TrainingOpportunity.PUBLIC_STATUSES,
        published_at__date__gte=monday - timedelta(days=7),
        published_at__date__lt=monday,
    ).select_related("provider")
    by_category: dict[str, list] = {}
    for opportunity in new:
        by_category.setdefault(opportunity.category, []).append(opportunity)
    if not by_category:
        return
    wanted = TrainingInterest.objects.filter(
        opportunity__isnull=True,
        category__in=by_category,
        status=IStatus.INTERESTED,
        wants_reminders=True,
    ).select_related("user")
    for interest in wanted:
        for opportunity in by_category[interest.category]:
            yield DueReminder(
                kind="R21-new-training",
                obj=opportunity,
                recipient=interest.user,
                occurrence=f"week:{monday}",
                template="training_new",
                context={"category": interest.get_category_display()},
            )


def proposal_reminders(today: date) -> Iterator[DueReminder]:
    """R22: coordinators, on the submission day and every 5 working days after."""
    pending = TrainingOpportunity.objects.filter(
        status=Status.PENDING, submitted_at__isnull=False
    )
    coordinators = list(
        get_user_model().objects.filter(
            Q(role="coordinator") | Q(is_superuser=True), is_active=True
        )
    )
    for opportunity in pending:
        submitted = opportunity.submitted_at.date()
        chase = working_days_between(submitted, today) // 5
        for coordinator in coordinators:
            yield DueReminder(
                kind="R22-training-proposal",
                obj=opportunity,
                recipient=coordinator,
                occurrence=f"submitted:{submitted}:chase-{chase}",
                template="training_proposal_pending",
                context={"chase": chase},
                mandatory=True,
            )


# What the outbox scan sends and what the nightly job changes (core.reminders).
register("training", due_reminders, date_rules=services.apply_date_rules)
