"""Meetings as iCalendar events, for the .ics download, the private and public
feeds and the reminder emails (kept out of the views so non-view code such as
network.reminders does not import a views module)."""

from core.ics import CalendarEvent
from network.models import Meeting

ALARM_MINUTES = 24 * 60  # calendar apps remind the day before


def calendar_event(meeting: Meeting, *, with_link: bool) -> CalendarEvent:
    """The meeting as an iCalendar event; the online link only for members."""
    location = meeting.location
    description = meeting.get_meeting_type_display()
    if with_link and meeting.online_url:
        location = location or meeting.online_url
        description += f"\nJoin online: {meeting.online_url}"
    if meeting.status == Meeting.Status.POSTPONED:
        description += "\nPostponed: see the new date on the website."
    cancelled = meeting.status in (Meeting.Status.CANCELLED, Meeting.Status.POSTPONED)
    return CalendarEvent(
        uid=f"meeting-{meeting.pk}@nwpsw",
        summary=meeting.title,
        start=meeting.starts_at,
        end=meeting.ends_at,
        description=description,
        location=location,
        url=meeting.get_absolute_url(),
        status="CANCELLED" if cancelled else "CONFIRMED",
        alarm_minutes=None if cancelled else ALARM_MINUTES,
        last_modified=meeting.updated_at,
        sequence=meeting.sequence,
    )
