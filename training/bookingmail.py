"""Emails about a person's own booking, each with a calendar file.

Recorded in the notification outbox inside the booking's transaction (so each is
sent exactly once, after commit, and never for a change that rolled back). The
calendar file uses the same UIDs as the training's .ics download: a booking or
an offer adds the sessions, a later change updates them (higher SEQUENCE) and a
cancellation removes them (METHOD:CANCEL).
"""

from dataclasses import replace

from core.leads import reminder_leads
from core.notifications import notify
from core.reminders import DueReminder
from training.calendar import opportunity_events

# What happened -> (whether the sessions stay in the person's calendar).
STAGES = {
    "booked": True,
    "waitlisted": True,  # tentative until they have a place
    "offered": True,
    "offer_expired": False,
    "cancelled": False,
}


def calendar_events(booking, stage: str) -> list:
    """The sessions as this person's calendar should now hold them."""
    events = opportunity_events(booking.opportunity)
    if not STAGES.get(stage, True) or booking.opportunity.status == "cancelled":
        return [replace(e, status="CANCELLED") for e in events]
    if stage in ("waitlisted", "offered"):
        return [replace(e, status="TENTATIVE") for e in events]
    return events


def booking_notice(booking, stage: str, occurrence: str = "") -> None:
    """Tell the person (and their trust lead, if they asked) what happened."""
    occurrence = occurrence or f"{stage}:{booking.pk}"
    notify(
        DueReminder(
            kind=f"training-{stage.replace('_', '-')}",
            obj=booking,
            recipient=booking.user,
            occurrence=occurrence,
            template="training_booking",
            context={
                "booking": booking,
                "opportunity": booking.opportunity,
                "stage": stage,
                "calendar_events": calendar_events(booking, stage),
            },
            mandatory=True,  # about something they did: never held for a digest
        )
    )
    for lead in _leads_to_copy(booking.user):
        notify(
            DueReminder(
                kind=f"training-{stage.replace('_', '-')}-copy",
                obj=booking,
                recipient=lead,
                occurrence=occurrence,
                template="training_booking",
                context={
                    "booking": booking,
                    "opportunity": booking.opportunity,
                    "stage": stage,
                    "copy_of": booking.user,
                },
            )
        )


def _leads_to_copy(user) -> list:
    if not (user.copy_lead_on_bookings and user.employer_trust_id):
        return []
    trust_id = user.employer_trust_id
    return [
        lead for lead in reminder_leads([trust_id]).get(trust_id, []) if lead != user
    ]
