"""Every calendar file the service makes reads as the same instant in two
independent parsers: icalendar and vobject (python-dateutil's tz rules, as CalDAV
servers use). Outlook misreads RDATE-list time zones; both of these read the
rule-based VTIMEZONE the same way, in winter, summer and around both 2027
clock changes (28 March and 31 October)."""

from datetime import UTC, datetime, time

import pytest
import vobject
from django.core import mail
from django.utils import timezone as dj_timezone
from icalendar import Calendar

from core import tasks
from network.models import Meeting, MeetingAttendance
from tests.network.conftest import make_meeting
from tests.training.conftest import make_opportunity
from training.models import TrainingProvider, TrainingSession

pytestmark = pytest.mark.django_db

# Winter, summer, and the day before, of and after each clock change.
DAYS = [
    (2027, 1, 14),
    (2027, 7, 14),
    (2027, 3, 27),
    (2027, 3, 28),
    (2027, 3, 29),
    (2027, 10, 30),
    (2027, 10, 31),
    (2027, 11, 1),
]
FIXED_NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)  # before every event, in range


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch):
    monkeypatch.setattr(dj_timezone, "now", lambda: FIXED_NOW)


def _local(y, m, d, hh, mm=0):
    return dj_timezone.make_aware(datetime(y, m, d, hh, mm))


@pytest.fixture
def meetings(lead_a, coordinator):
    made = []
    for y, m, d in DAYS:
        meeting = make_meeting(
            title=f"Meeting {y}-{m:02}-{d:02}",
            starts_at=_local(y, m, d, 13),
            ends_at=_local(y, m, d, 15),
            chair=coordinator,
            is_public=True,
            location="Liverpool",
        )
        MeetingAttendance.objects.create(
            meeting=meeting, user=lead_a, trust=lead_a.trust, response="accepted"
        )
        made.append(meeting)
    return made


@pytest.fixture
def training(db):
    provider = TrainingProvider.objects.create(
        name="Mersey Recovery College", provider_type="recovery_college"
    )
    opportunity = make_opportunity(
        provider,
        start_date=datetime(*DAYS[0]).date(),
        booking_deadline=datetime(2026, 12, 20).date(),
    )
    for y, m, d in DAYS:
        TrainingSession.objects.create(
            opportunity=opportunity,
            date=datetime(y, m, d).date(),
            start_time=time(9, 30),
            end_time=time(16),
        )
    return opportunity


def _forget_vobject_zones() -> None:
    """vobject keeps the first VTIMEZONE it sees for a TZID for the life of the
    process; each file must be read from its own definition."""
    registry = getattr(vobject.icalendar, "__tzidMap")
    registry.clear()
    vobject.icalendar.registerTzid("UTC", vobject.icalendar.utc)


@pytest.fixture(autouse=True)
def _leave_vobject_zones_clean():
    """The old RDATE zone read here must not stay registered for later tests
    in the process (the booking email tests read Europe/London with vobject)."""
    yield
    _forget_vobject_zones()


def _instants(content: bytes | str) -> dict[str, tuple[datetime, datetime]]:
    """UID -> the start as icalendar reads it and as vobject reads it, in UTC."""
    text = content.decode() if isinstance(content, bytes) else content
    first = {
        str(e["UID"]): e.decoded("DTSTART").astimezone(UTC)
        for e in Calendar.from_ical(text).walk("VEVENT")
    }
    _forget_vobject_zones()
    second = {
        e.uid.value: e.dtstart.value.astimezone(UTC)
        for e in vobject.readOne(text).vevent_list
    }
    assert first.keys() == second.keys()
    return {uid: (first[uid], second[uid]) for uid in first}


def _check(content, expected: dict[str, datetime]) -> None:
    assert b"RDATE" not in (content if isinstance(content, bytes) else content.encode())
    read = _instants(content)
    for uid, instant in expected.items():
        assert read[uid] == (instant, instant), uid


def _meeting_starts(meetings):
    return {f"meeting-{m.pk}@nwpsw": m.starts_at for m in meetings}


def _session_starts(opportunity):
    return {
        f"training-{opportunity.pk}-session-{s.pk}@nwpsw": dj_timezone.make_aware(
            datetime.combine(s.date, s.start_time)
        )
        for s in opportunity.sessions.all()
    }


def test_meeting_downloads_and_public_feed(client, meetings):
    for meeting in meetings:
        response = client.get(f"/network/meetings/{meeting.pk}/meeting.ics")
        _check(response.content, _meeting_starts([meeting]))
    feed = client.get("/api/v1/feeds/network-events.ics")
    _check(feed.content, _meeting_starts(meetings))


def test_training_download_and_public_feed(client, training):
    expected = _session_starts(training)
    assert len(expected) == len(DAYS)
    _check(client.get(f"/training/{training.pk}/calendar.ics").content, expected)
    _check(client.get("/api/v1/feeds/training.ics").content, expected)


def test_private_feed(login, lead_a, meetings, training):
    from training.models import TrainingBooking

    TrainingBooking.objects.create(user=lead_a, opportunity=training, status="booked")
    member = login(lead_a)
    member.post("/network/calendar/new-link/")
    token = lead_a.calendar_feed_tokens.get(revoked_at__isnull=True)
    content = member.get(f"/network/calendar/{token.token}.ics").content
    _check(content, _meeting_starts(meetings) | _session_starts(training))


def test_emailed_invitations(lead_a, meetings):
    tasks.scan_reminders()
    attachments = [
        part
        for message in mail.outbox
        if message.to == [lead_a.email]
        for part in message.attachments
    ]
    assert attachments
    seen = set()
    for part in attachments:
        assert part.get_content_type() == "text/calendar"
        assert part.get_param("method") == "REQUEST"
        content = part.get_payload(decode=True)
        read = _instants(content)
        expected = {k: v for k, v in _meeting_starts(meetings).items() if k in read}
        _check(content, expected)
        seen |= expected.keys()
    assert seen == set(_meeting_starts(meetings))


def test_vobject_reads_the_old_rdate_zone_an_hour_early():
    """Why this matters: what icalendar made from zoneinfo before, and what
    vobject made of it (kept here so the difference stays explained)."""
    from icalendar import Event

    cal = Calendar()
    cal.add("prodid", "-//test//EN")
    cal.add("version", "2.0")
    event = Event()
    event.add("uid", "old@nwpsw")
    event.add("dtstamp", FIXED_NOW)
    event.add("dtstart", dj_timezone.localtime(_local(2027, 1, 9, 13)))
    cal.add_component(event)
    cal.add_missing_timezones()
    first, second = _instants(cal.to_ical())["old@nwpsw"]
    assert first == datetime(2027, 1, 9, 13, tzinfo=UTC)
    assert second != first  # the RDATE form: the second parser disagrees


def test_cancelled_meeting_invitation_cancels(lead_a, meetings):
    meeting = meetings[0]
    meeting.cancel(reason="Room unavailable")
    meeting.save()
    assert meeting.sequence == 1
    tasks.scan_reminders()
    cancels = [
        part
        for message in mail.outbox
        for part in message.attachments
        if part.get_param("method") == "CANCEL"
    ]
    assert cancels
    [event] = Calendar.from_ical(cancels[0].get_payload(decode=True)).walk("VEVENT")
    assert str(event["UID"]) == f"meeting-{meeting.pk}@nwpsw"
    assert event["SEQUENCE"] == 1 and str(event["STATUS"]) == "CANCELLED"
    assert Meeting.objects.get(pk=meeting.pk).status == "cancelled"
