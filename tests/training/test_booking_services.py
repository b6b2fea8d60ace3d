"""Booking, waiting list, offers and cancellation: capacity is never exceeded."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.conftest import make_user
from training import services
from training.models import TrainingBooking, TrainingInterest, TrainingOpportunity

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    return [make_user(f"p{n}@example.test", "peer_worker") for n in range(4)]


def test_booking_takes_a_place_and_the_last_place_makes_it_full(opportunity, people):
    first = services.booking_create(opportunity=opportunity, user=people[0])
    second = services.booking_create(opportunity=opportunity, user=people[1])
    opportunity.refresh_from_db()
    assert (first.status, second.status) == ("booked", "booked")
    assert opportunity.places_remaining == 0
    assert opportunity.status == "full"


def test_when_full_the_next_person_joins_the_waiting_list_in_order(opportunity, people):
    for person in people:
        services.booking_create(opportunity=opportunity, user=person)
    waiting = TrainingBooking.objects.filter(status="waitlisted").order_by(
        "waitlisted_at"
    )
    assert [b.user for b in waiting] == people[2:]
    assert [services.waiting_position(b) for b in waiting] == [1, 2]
    opportunity.refresh_from_db()
    assert opportunity.places_remaining == 0


def test_double_booking_is_refused(opportunity, people):
    services.booking_create(opportunity=opportunity, user=people[0])
    with pytest.raises(ValidationError, match="already have a place"):
        services.booking_create(opportunity=opportunity, user=people[0])
    assert TrainingBooking.objects.count() == 1


@pytest.mark.parametrize(
    "change, message",
    [
        ({"status": "cancelled"}, "closed"),
        ({"status": "booking_closed"}, "closed"),
        ({"status": "published"}, "closed"),
        ({"booking_deadline_days": -1}, "closed"),
        ({"start_days": -1}, "closed"),
        ({"book_here": False}, "provider's website"),
    ],
)
def test_closed_cancelled_past_or_external_training_cannot_be_booked(
    opportunity, people, change, message
):
    today = timezone.localdate()
    if "booking_deadline_days" in change:
        opportunity.booking_deadline = today + timedelta(
            days=change.pop("booking_deadline_days")
        )
    if "start_days" in change:
        opportunity.start_date = today + timedelta(days=change.pop("start_days"))
        opportunity.booking_deadline = None
    for field, value in change.items():
        setattr(opportunity, field, value)
    opportunity.save()
    with pytest.raises(ValidationError, match=message):
        services.booking_create(opportunity=opportunity, user=people[0])
    assert not TrainingBooking.objects.exists()
    opportunity.refresh_from_db()
    assert opportunity.places_remaining == 2


def test_cancelling_frees_the_place_and_offers_it_to_the_first_waiting(
    opportunity, people, django_capture_on_commit_callbacks
):
    bookings = [
        services.booking_create(opportunity=opportunity, user=p) for p in people
    ]
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=bookings[0])
    offered = TrainingBooking.objects.get(pk=bookings[2].pk)
    assert offered.status == "offered"
    hours = (offered.offer_expires_at - timezone.now()).total_seconds() / 3600
    assert 47.9 < hours <= 48
    assert TrainingBooking.objects.get(pk=bookings[3].pk).status == "waitlisted"
    opportunity.refresh_from_db()
    assert opportunity.places_remaining == 0  # held for the person offered
    # The person who cancelled is told too (with a calendar update).
    assert sorted(m.to[0] for m in mail.outbox) == [people[0].email, people[2].email]
    offer = next(m for m in mail.outbox if m.to == [people[2].email])
    assert "holding it for you" in offer.body


def test_accepting_an_offer_books_the_place(opportunity, people):
    bookings = [
        services.booking_create(opportunity=opportunity, user=p) for p in people[:3]
    ]
    services.booking_cancel(booking=bookings[0])
    accepted = services.booking_accept_offer(booking=bookings[2])
    assert accepted.status == "booked" and accepted.offer_expires_at is None
    held = TrainingBooking.objects.filter(
        status__in=TrainingBooking.HOLDS_PLACE
    ).count()
    assert held == opportunity.places_total


def test_an_expired_offer_cannot_be_accepted_and_passes_to_the_next(
    opportunity, people
):
    bookings = [
        services.booking_create(opportunity=opportunity, user=p) for p in people
    ]
    services.booking_cancel(booking=bookings[0])
    later = timezone.now() + timedelta(hours=49)
    assert services.offers_expire(now=later) == 1
    assert services.offers_expire(now=later) == 0  # idempotent
    bookings[2].refresh_from_db()
    assert bookings[2].status == "offer_expired"
    with pytest.raises(ValidationError, match="expired"):
        services.booking_accept_offer(booking=bookings[2])
    assert TrainingBooking.objects.get(pk=bookings[3].pk).status == "offered"


def test_declining_an_offer_passes_it_on(opportunity, people):
    bookings = [
        services.booking_create(opportunity=opportunity, user=p) for p in people
    ]
    services.booking_cancel(booking=bookings[0])
    services.booking_decline_offer(booking=bookings[2])
    assert TrainingBooking.objects.get(pk=bookings[3].pk).status == "offered"


def test_a_freed_place_with_nobody_waiting_reopens_booking(opportunity, people):
    bookings = [
        services.booking_create(opportunity=opportunity, user=p) for p in people[:2]
    ]
    services.booking_cancel(booking=bookings[1])
    opportunity.refresh_from_db()
    assert opportunity.places_remaining == 1 and opportunity.status == "booking_open"


def test_new_bookers_do_not_jump_the_waiting_list(opportunity, people):
    bookings = [
        services.booking_create(opportunity=opportunity, user=p) for p in people[:3]
    ]
    services.booking_cancel(booking=bookings[0])  # offered to people[2]
    late = services.booking_create(opportunity=opportunity, user=people[3])
    assert late.status == "waitlisted"


def test_a_cancelled_booking_cannot_be_cancelled_twice(opportunity, people):
    booking = services.booking_create(opportunity=opportunity, user=people[0])
    services.booking_cancel(booking=booking)
    with pytest.raises(ValidationError):
        services.booking_cancel(booking=booking)
    opportunity.refresh_from_db()
    assert opportunity.places_remaining == 2


def test_rebooking_after_cancelling_is_allowed(opportunity, people):
    booking = services.booking_create(opportunity=opportunity, user=people[0])
    services.booking_cancel(booking=booking)
    again = services.booking_create(opportunity=opportunity, user=people[0])
    assert again.status == "booked"


def test_booking_marks_registered_interest_as_booked(opportunity, people):
    services.interest_register(user=people[0], opportunity=opportunity)
    services.booking_create(opportunity=opportunity, user=people[0])
    assert TrainingInterest.objects.get().status == "booked_externally"


def test_cancelling_an_opportunity_ends_bookings(opportunity, people, coordinator):
    bookings = [
        services.booking_create(opportunity=opportunity, user=p) for p in people
    ]
    services.opportunity_cancel(
        opportunity=opportunity, actor=coordinator, reason="Ill"
    )
    statuses = set(TrainingBooking.objects.values_list("status", flat=True))
    assert statuses == {"cancelled"}
    opportunity.refresh_from_db()
    assert (
        opportunity.status == "cancelled" and opportunity.cancellation_reason == "Ill"
    )
    with pytest.raises(ValidationError):
        services.booking_create(
            opportunity=opportunity, user=make_user("x@example.test", "peer_worker")
        )
    assert len(bookings) == 4


def test_record_attendance_completion_goes_on_the_record(opportunity, people):
    booking = services.booking_create(opportunity=opportunity, user=people[0])
    services.booking_record_attendance(booking=booking, outcome="completed")
    booking.refresh_from_db()
    assert (
        booking.status == "completed" and booking.completed_on == timezone.localdate()
    )


def test_waiting_list_places_cannot_be_marked_attended(opportunity, people):
    for person in people[:3]:
        services.booking_create(opportunity=opportunity, user=person)
    waiting = TrainingBooking.objects.get(status="waitlisted")
    with pytest.raises(ValidationError):
        services.booking_record_attendance(booking=waiting, outcome="attended")


def test_reducing_places_below_bookings_is_refused(opportunity, people, coordinator):
    for person in people[:2]:
        services.booking_create(opportunity=opportunity, user=person)
    opportunity.refresh_from_db()
    opportunity.places_total = 1
    with pytest.raises(ValidationError, match="2 places are already booked"):
        services.opportunity_save(opportunity=opportunity, actor=coordinator)


def test_adding_places_updates_places_remaining(opportunity, people, coordinator):
    services.booking_create(opportunity=opportunity, user=people[0])
    opportunity.refresh_from_db()
    opportunity.places_total = 5
    services.opportunity_save(opportunity=opportunity, actor=coordinator)
    opportunity.refresh_from_db()
    assert opportunity.places_remaining == 4


def test_adding_places_offers_them_to_people_waiting(opportunity, people, coordinator):
    for person in people:
        services.booking_create(opportunity=opportunity, user=person)
    opportunity.refresh_from_db()
    opportunity.places_total = 3
    services.opportunity_save(opportunity=opportunity, actor=coordinator)
    statuses = list(
        TrainingBooking.objects.order_by("pk").values_list("status", flat=True)
    )
    assert statuses == ["booked", "booked", "offered", "waitlisted"]


def test_the_offer_expiry_task_passes_offers_on(opportunity, people):
    from training.tasks import expire_training_offers

    bookings = [
        services.booking_create(opportunity=opportunity, user=p) for p in people
    ]
    services.booking_cancel(booking=bookings[0])
    TrainingBooking.objects.filter(pk=bookings[2].pk).update(
        offer_expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert expire_training_offers.delay().get() == 1
    assert TrainingBooking.objects.get(pk=bookings[3].pk).status == "offered"


def test_a_place_freed_while_an_offer_is_open_can_still_be_booked(opportunity, people):
    bookings = [
        services.booking_create(opportunity=opportunity, user=p) for p in people[:3]
    ]
    services.booking_cancel(booking=bookings[0])  # offered to people[2]
    services.booking_cancel(booking=bookings[1])  # nobody left waiting: place is free
    late = services.booking_create(opportunity=opportunity, user=people[3])
    assert late.status == "booked"
    opportunity.refresh_from_db()
    assert opportunity.places_remaining == 0


def test_a_free_place_behind_a_queue_goes_to_the_head_of_the_queue(opportunity, people):
    for person in people[:3]:
        services.booking_create(opportunity=opportunity, user=person)
    # A place is free although someone waits (e.g. it was added by hand).
    TrainingOpportunity.objects.filter(pk=opportunity.pk).update(
        places_total=3, places_remaining=1, status="booking_open"
    )
    late = services.booking_create(opportunity=opportunity, user=people[3])
    assert late.status == "waitlisted"
    head = TrainingBooking.objects.get(user=people[2])
    assert head.status == "offered"
