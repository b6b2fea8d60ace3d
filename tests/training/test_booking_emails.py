"""Booking emails: one per change, through the outbox, each with a calendar file
that two independent parsers read (icalendar and vobject)."""

from datetime import time, timedelta

import pytest
import vobject
from django.core import mail
from icalendar import Calendar

from core import tasks
from core.models import Notification
from tests.conftest import make_user
from training import services

pytestmark = pytest.mark.django_db


def calendar_of(message) -> str:
    parts = [p for p in message.attachments if "calendar" in p.get_content_type()]
    assert len(parts) == 1, "one calendar file per email"
    return parts[0].get_payload(decode=True).decode()


def read_both(ics: str) -> list[tuple]:
    """(method, uid, sequence, status, start) as each parser reads them."""
    cal = Calendar.from_ical(ics)
    mine = [
        (
            str(cal["METHOD"]),
            str(e["UID"]),
            int(e["SEQUENCE"]),
            str(e["STATUS"]),
            e.decoded("DTSTART"),
        )
        for e in cal.walk("VEVENT")
    ]
    parsed = vobject.readOne(ics)
    theirs = [
        (
            parsed.method.value,
            e.uid.value,
            int(e.sequence.value),
            e.status.value,
            e.dtstart.value,
        )
        for e in parsed.vevent_list
    ]
    assert mine == theirs
    return mine


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def _run(fn, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(**kwargs)

    return _run


def test_booking_then_course_moved_updates_the_same_calendar_entry(
    send, peer_worker, opportunity, coordinator
):
    booking = send(services.booking_create, opportunity=opportunity, user=peer_worker)
    assert [m.to for m in mail.outbox] == [[peer_worker.email]]
    assert "Place booked" in mail.outbox[0].subject
    (booked,) = read_both(calendar_of(mail.outbox[0]))
    assert booked[0] == "REQUEST" and booked[3] == "CONFIRMED"

    session = opportunity.sessions.get()
    session.date += timedelta(days=7)
    session.start_time = time(10)
    send(services.session_change, session=session)
    send(tasks.scan_reminders)
    moved_mail = [m for m in mail.outbox if m.subject.startswith("Changed")]
    assert [m.to for m in moved_mail] == [[peer_worker.email]]
    (moved,) = read_both(calendar_of(moved_mail[0]))
    assert moved[1] == booked[1]  # same UID
    assert moved[2] > booked[2]  # higher SEQUENCE
    assert moved[4].date() == session.date and moved[4].hour == 10

    send(services.booking_cancel, booking=booking)
    (cancelled,) = read_both(calendar_of(mail.outbox[-1]))
    assert cancelled[0] == "CANCEL" and cancelled[1] == booked[1]


def test_each_email_is_sent_exactly_once(send, peer_worker, opportunity):
    send(services.booking_create, opportunity=opportunity, user=peer_worker)
    send(tasks.scan_reminders)
    send(tasks.scan_reminders)
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(kind="training-booked").count() == 1


def test_nothing_is_sent_for_a_booking_that_failed(send, peer_worker, opportunity):
    send(services.booking_create, opportunity=opportunity, user=peer_worker)
    with pytest.raises(Exception, match="already have a place"):
        send(services.booking_create, opportunity=opportunity, user=peer_worker)
    assert len(mail.outbox) == 1


def test_waiting_list_offer_and_expiry_each_send_a_calendar(
    send, peer_worker, lead_a, opportunity
):
    other = make_user("other@example.test", "peer_worker")
    opportunity.places_total = opportunity.places_remaining = 1
    opportunity.save()
    first = send(services.booking_create, opportunity=opportunity, user=other)
    send(services.booking_create, opportunity=opportunity, user=peer_worker)
    waiting = mail.outbox[-1]
    assert "waiting list" in waiting.subject.lower()
    assert read_both(calendar_of(waiting))[0][3] == "TENTATIVE"

    send(services.booking_cancel, booking=first)
    offer = [m for m in mail.outbox if m.to == [peer_worker.email]][-1]
    assert "offered" in offer.subject.lower() or "place" in offer.subject.lower()
    assert read_both(calendar_of(offer))[0][0] == "REQUEST"

    from training.models import TrainingBooking

    offered = TrainingBooking.objects.get(user=peer_worker)
    later = offered.offer_expires_at + timedelta(minutes=1)
    send(services.offers_expire, now=later)
    expired = mail.outbox[-1]
    assert "Offer expired" in expired.subject
    assert read_both(calendar_of(expired))[0][0] == "CANCEL"


def test_course_cancelled_removes_it_from_calendars(
    send, peer_worker, opportunity, coordinator
):
    send(services.booking_create, opportunity=opportunity, user=peer_worker)
    send(
        services.opportunity_cancel,
        opportunity=opportunity,
        actor=coordinator,
        reason="Trainer unwell",
    )
    send(tasks.scan_reminders)
    notice = mail.outbox[-1]
    (event,) = read_both(calendar_of(notice))
    assert event[0] == "CANCEL" and event[2] >= 1


def test_peer_worker_may_copy_their_trust_lead(
    send, peer_worker, lead_a, trust_a, opportunity
):
    peer_worker.employer_trust = trust_a
    peer_worker.copy_lead_on_bookings = True
    peer_worker.save()
    send(services.booking_create, opportunity=opportunity, user=peer_worker)
    to = sorted(m.to[0] for m in mail.outbox)
    assert to == sorted([peer_worker.email, lead_a.email])
    copy = next(m for m in mail.outbox if m.to == [lead_a.email])
    assert "asked us to copy you" in copy.body
    assert not [p for p in copy.attachments if "calendar" in str(p)]
