"""iCalendar (RFC 5545) files and feeds, with time zones right across BST changes."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Alarm, Calendar, Event


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


def build_calendar(events: Iterable[CalendarEvent], name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//North West Peer Support Network//nwpsw//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for item in events:
        cal.add_component(_event(item))
    cal.add_missing_timezones()
    return cal.to_ical()


def _local(value):
    if isinstance(value, datetime):
        return timezone.localtime(value)  # Europe/London with a VTIMEZONE
    return value


def _event(item: CalendarEvent) -> Event:
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", item.last_modified or timezone.now())
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
    if item.alarm_minutes:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", item.summary)
        alarm.add("trigger", timezone.timedelta(minutes=-item.alarm_minutes))
        event.add_component(alarm)
    return event


def ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
