"""iCalendar (RFC 5545) files and feeds, with time zones right across BST changes.

Every file describes Europe/London by its rules (last Sunday of March and of
October), the way Outlook and Google Calendar write it themselves. The library's
default, a long list of RDATEs generated from zoneinfo, is misread by Outlook and
by dateutil-based parsers (CalDAV servers), which then show events an hour out.

Emailed invitations carry a METHOD (RFC 5546): REQUEST adds or updates the
event with the same UID when its SEQUENCE is higher; CANCEL removes it.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import (
    Alarm,
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
)

LONDON = ZoneInfo("Europe/London")
REQUEST = "REQUEST"
CANCEL = "CANCEL"


@dataclass
class CalendarEvent:
    uid: str  # stable, globally unique, e.g. "meeting-12@nwpsw"
    summary: str
    start: datetime | date
    end: datetime | date
    description: str = ""
    location: str = ""
    url: str = ""
    status: str = "CONFIRMED"  # or CANCELLED
    alarm_minutes: int | None = None
    last_modified: datetime | None = None
    sequence: int = 0  # goes up each time the event moves or is cancelled
    attendees: list[str] = field(default_factory=list)  # email addresses


def london_vtimezone() -> Timezone:
    """Europe/London as two yearly rules (RFC 5545 §3.6.5): BST from 01:00 GMT
    on the last Sunday in March, GMT from 02:00 BST on the last Sunday in October."""
    tz = Timezone()
    tz.add("tzid", "Europe/London")
    tz.add("x-lic-location", "Europe/London")
    summer = TimezoneDaylight()
    summer.add("tzname", "BST")
    summer.add("dtstart", datetime(1970, 3, 29, 1, 0, 0))
    summer.add("tzoffsetfrom", timedelta(0))
    summer.add("tzoffsetto", timedelta(hours=1))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    winter = TimezoneStandard()
    winter.add("tzname", "GMT")
    winter.add("dtstart", datetime(1970, 10, 25, 2, 0, 0))
    winter.add("tzoffsetfrom", timedelta(hours=1))
    winter.add("tzoffsetto", timedelta(0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    tz.add_component(summer)
    tz.add_component(winter)
    return tz


def build_calendar(
    events: Iterable[CalendarEvent], name: str, method: str | None = None
) -> bytes:
    """A calendar of events. `method` only for emailed invitations (see
    `invitation_method`); downloads and feeds have none."""
    cal = Calendar()
    cal.add("prodid", "-//North West Peer Support Network//nwpsw//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/London")
    cal.add_component(london_vtimezone())
    for item in events:
        cal.add_component(_event(item, method))
    return cal.to_ical()


def invitation_method(event: CalendarEvent) -> str:
    return CANCEL if event.status == "CANCELLED" else REQUEST


def build_invitation(event: CalendarEvent, recipient_email: str) -> bytes:
    """One event as an emailed invitation to one person."""
    return build_invitations([event], recipient_email)


def build_invitations(events: list[CalendarEvent], recipient_email: str) -> bytes:
    """Events sent together (a course's sessions) as one invitation: CANCEL when
    every one is cancelled, otherwise REQUEST. One METHOD per file (RFC 5546)."""
    invites = [replace(event, attendees=[recipient_email]) for event in events]
    method = CANCEL if all(invitation_method(e) == CANCEL for e in events) else REQUEST
    return build_calendar(invites, events[0].summary, method=method)


def method_of(content: str | bytes) -> str | None:
    """The METHOD of a calendar built here, for the attachment's content type."""
    text = content.decode() if isinstance(content, bytes) else content
    for line in text.splitlines():
        if line.startswith("METHOD:"):
            return line.removeprefix("METHOD:").strip()
        if line.startswith("BEGIN:VTIMEZONE"):
            return None
    return None


def _local(value):
    if isinstance(value, datetime):
        return timezone.localtime(value, LONDON)
    return value


def _event(item: CalendarEvent, method: str | None) -> Event:
    event = Event()
    event.add("uid", item.uid)
    # In an invitation DTSTAMP is when it was sent; elsewhere the last change.
    event.add(
        "dtstamp", timezone.now() if method else item.last_modified or timezone.now()
    )
    if item.last_modified:
        event.add("last-modified", item.last_modified)
    event.add("sequence", item.sequence)
    event.add("summary", item.summary)
    event.add("dtstart", _local(item.start))
    event.add("dtend", _local(item.end))
    event.add("status", item.status)
    if item.description:
        event.add("description", item.description)
    if item.location:
        event.add("location", item.location)
    if item.url:
        event.add(
            "url",
            settings.SITE_URL + item.url if item.url.startswith("/") else item.url,
        )
    if method:
        _add_people(event, item)
    if item.alarm_minutes and item.status != "CANCELLED":
        event.add_component(_alarm(item))
    return event


def _add_people(event: Event, item: CalendarEvent) -> None:
    """RFC 5546 needs an organizer and attendees for an invitation to be one."""
    organizer = vCalAddress(f"mailto:{_address(settings.DEFAULT_FROM_EMAIL)}")
    organizer.params["cn"] = settings.SERVICE_NAME
    event.add("organizer", organizer)
    for email in item.attendees:
        attendee = vCalAddress(f"mailto:{email}")
        attendee.params["role"] = "REQ-PARTICIPANT"
        attendee.params["rsvp"] = "FALSE"
        event.add("attendee", attendee)


def _address(from_email: str) -> str:
    """The bare address from "Name <address>"."""
    return from_email.rsplit("<", 1)[-1].rstrip(">").strip()


def _alarm(item: CalendarEvent) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", item.summary)
    alarm.add("trigger", timedelta(minutes=-item.alarm_minutes))
    return alarm


def ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
