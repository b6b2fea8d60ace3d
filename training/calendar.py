"""Calendar events for training: the web's .ics download, the public feed and
a member's private feed all draw an opportunity the same way."""

from datetime import datetime

from django.utils import timezone

from core.ics import CalendarEvent
from training.models import TrainingBooking, TrainingOpportunity

ALARM_MINUTES = 24 * 60  # calendar apps remind the day before, as for meetings


def opportunity_events(opportunity: TrainingOpportunity) -> list[CalendarEvent]:
    """One event per session, or one all-day span when it has no sessions."""
    status = "CANCELLED" if opportunity.status == "cancelled" else "CONFIRMED"
    common = {
        "summary": opportunity.title,
        "description": f"{opportunity.provider.name}. {opportunity.get_absolute_url()}",
        "location": opportunity.location or opportunity.get_delivery_mode_display(),
        "url": opportunity.get_absolute_url(),
        "status": status,
        "last_modified": opportunity.updated_at,
        "alarm_minutes": ALARM_MINUTES,
        "sequence": opportunity.calendar_sequence,
    }
    sessions = list(opportunity.sessions.all())
    if not sessions:
        end = opportunity.last_date + timezone.timedelta(days=1)
        return [
            CalendarEvent(
                uid=f"training-{opportunity.pk}@nwpsw",
                start=opportunity.start_date,
                end=end,
                **common,
            )
        ]
    tz = timezone.get_current_timezone()
    return [
        CalendarEvent(
            uid=f"training-{opportunity.pk}-session-{session.pk}@nwpsw",
            start=datetime.combine(session.date, session.start_time, tzinfo=tz),
            end=datetime.combine(session.date, session.end_time, tzinfo=tz),
            **common,
        )
        for session in sessions
    ]


def booked_events(user) -> list[CalendarEvent]:
    """Every session of the training this person has a place on (added to their
    meetings calendar feed by TrainingConfig.ready())."""
    bookings = TrainingBooking.objects.filter(
        user=user, status=TrainingBooking.Status.BOOKED
    ).select_related("opportunity__provider")
    events = []
    for booking in bookings:
        events += opportunity_events(booking.opportunity)
    return events
