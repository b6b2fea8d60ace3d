"""A person's own actions: book, cancel, accept, decline, interest, My training."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import make_user
from training import services
from training.models import TrainingBooking, TrainingInterest

pytestmark = pytest.mark.django_db

POST_ONLY = [
    "/training/{opp}/book/",
    "/training/{opp}/interest/",
    "/training/bookings/{booking}/accept/",
    "/training/bookings/{booking}/attendance/",
    "/training/interest/{interest}/report/",
    "/training/{opp}/submit/",
    "/training/{opp}/approve/",
    "/training/{opp}/reject/",
    "/training/{opp}/publish/",
]


@pytest.mark.parametrize("url", POST_ONLY)
def test_actions_refuse_get(login, coordinator, peer_worker, opportunity, url):
    booking = TrainingBooking.objects.create(
        opportunity=opportunity, user=peer_worker, status="booked"
    )
    interest = TrainingInterest.objects.create(user=peer_worker, category="ips_core")
    response = login(coordinator).get(
        url.format(opp=opportunity.pk, booking=booking.pk, interest=interest.pk)
    )
    assert response.status_code == 405


def test_peer_worker_books_and_sees_it_in_my_training(login, peer_worker, opportunity):
    client = login(peer_worker)
    response = client.post(f"/training/{opportunity.pk}/book/", follow=True)
    assert "You have a place" in response.content.decode()
    booking = TrainingBooking.objects.get(user=peer_worker)
    assert booking.status == "booked"
    opportunity.refresh_from_db()
    assert opportunity.places_remaining == 1
    html = client.get("/training/my/").content.decode()
    assert opportunity.title in html and "Cancel booking" in html


def test_booking_twice_shows_a_message_and_books_once(login, peer_worker, opportunity):
    client = login(peer_worker)
    client.post(f"/training/{opportunity.pk}/book/")
    response = client.post(f"/training/{opportunity.pk}/book/", follow=True)
    assert "already have a place" in response.content.decode()
    assert TrainingBooking.objects.count() == 1


def test_booking_after_the_deadline_is_refused_with_a_message(
    login, peer_worker, opportunity
):
    opportunity.booking_deadline = timezone.localdate() - timedelta(days=1)
    opportunity.save()
    response = login(peer_worker).post(f"/training/{opportunity.pk}/book/", follow=True)
    assert response.status_code == 200
    assert "Booking is closed" in response.content.decode()
    assert not TrainingBooking.objects.exists()


def test_a_full_course_puts_the_booker_on_the_waiting_list(
    login, peer_worker, opportunity
):
    for n in range(2):
        services.booking_create(
            opportunity=opportunity, user=make_user(f"x{n}@example.test", "peer_worker")
        )
    client = login(peer_worker)
    response = client.post(f"/training/{opportunity.pk}/book/", follow=True)
    assert "waiting list" in response.content.decode()
    assert (
        "number 1 on the waiting list"
        in client.get(opportunity.get_absolute_url()).content.decode()
    )
    opportunity.refresh_from_db()
    assert opportunity.places_remaining == 0


def test_promoted_from_waiting_list_and_accepts(login, peer_worker, opportunity):
    first = services.booking_create(
        opportunity=opportunity, user=make_user("a@example.test", "peer_worker")
    )
    services.booking_create(
        opportunity=opportunity, user=make_user("b@example.test", "peer_worker")
    )
    waiting = services.booking_create(opportunity=opportunity, user=peer_worker)
    services.booking_cancel(booking=first)
    client = login(peer_worker)
    assert "Accept the place" in client.get("/training/my/").content.decode()
    response = client.post(f"/training/bookings/{waiting.pk}/accept/")
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == "booked"


def test_cancel_own_booking(login, peer_worker, opportunity):
    booking = services.booking_create(opportunity=opportunity, user=peer_worker)
    response = login(peer_worker).post(f"/training/bookings/{booking.pk}/cancel/")
    assert response.status_code == 302
    booking.refresh_from_db()
    opportunity.refresh_from_db()
    assert booking.status == "cancelled" and opportunity.places_remaining == 2


def test_accepting_a_stale_offer_shows_a_message(login, peer_worker, opportunity):
    booking = TrainingBooking.objects.create(
        opportunity=opportunity,
        user=peer_worker,
        status="offered",
        offer_expires_at=timezone.now() - timedelta(minutes=1),
    )
    response = login(peer_worker).post(
        f"/training/bookings/{booking.pk}/accept/", follow=True
    )
    assert "expired" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == "offered"  # left for the expiry job to pass on


def test_register_and_withdraw_interest_in_an_opportunity(
    login, peer_worker, opportunity
):
    client = login(peer_worker)
    client.post(f"/training/{opportunity.pk}/interest/")
    interest = TrainingInterest.objects.get(user=peer_worker)
    assert interest.opportunity == opportunity and interest.category == "ips_core"
    client.post(f"/training/interest/{interest.pk}/withdraw/")
    interest.refresh_from_db()
    assert interest.status == "withdrawn" and not interest.wants_reminders


def test_register_interest_in_a_category(login, peer_worker):
    client = login(peer_worker)
    response = client.post(
        "/training/interest/", {"category": "peer_leadership", "wants_reminders": "on"}
    )
    assert response.status_code == 302
    interest = TrainingInterest.objects.get()
    assert interest.opportunity is None and interest.category == "peer_leadership"
    client.post("/training/interest/", {"category": "peer_leadership"})
    assert TrainingInterest.objects.count() == 1  # no duplicates


def test_category_interest_needs_a_choice(login, peer_worker):
    response = login(peer_worker).post("/training/interest/", {"category": "nonsense"})
    assert response.status_code == 200
    assert "<title>Error: " in response.content.decode()
    assert not TrainingInterest.objects.exists()


def test_training_record_shows_completed_training(login, peer_worker, opportunity):
    TrainingBooking.objects.create(
        opportunity=opportunity,
        user=peer_worker,
        status="completed",
        completed_on=timezone.localdate(),
    )
    html = login(peer_worker).get("/training/my/").content.decode()
    record = html.split("Training record")[1]
    assert opportunity.title in record and "Completed on" in record


def test_self_reported_external_booking_and_attendance(login, peer_worker, provider):
    from tests.training.conftest import make_opportunity

    opp = make_opportunity(
        provider, book_here=False, places_total=None, places_remaining=None
    )
    interest = services.interest_register(user=peer_worker, opportunity=opp)
    client = login(peer_worker)
    client.post(
        f"/training/interest/{interest.pk}/report/", {"status": "booked_externally"}
    )
    interest.refresh_from_db()
    assert interest.status == "booked_externally"
    response = client.post(
        f"/training/interest/{interest.pk}/report/", {"status": "attended"}, follow=True
    )
    assert "once the training has started" in response.content.decode()
    interest.refresh_from_db()
    assert interest.status == "booked_externally"
    opp.start_date = timezone.localdate()
    opp.booking_deadline = None
    opp.save()
    client.post(f"/training/interest/{interest.pk}/report/", {"status": "attended"})
    interest.refresh_from_db()
    assert interest.status == "attended"
    record = client.get("/training/my/").content.decode().split("Training record")[1]
    assert opp.title in record and "booked with the provider" in record


def test_someone_elses_interest_cannot_be_reported(login, lead_a, peer_worker):
    interest = services.interest_register(user=peer_worker, category="ips_core")
    response = login(lead_a).post(
        f"/training/interest/{interest.pk}/report/", {"status": "attended"}
    )
    assert response.status_code == 404
    interest.refresh_from_db()
    assert interest.status == "interested"


def test_a_booking_can_be_cancelled_from_the_training_page(
    login, peer_worker, opportunity
):
    booking = services.booking_create(opportunity=opportunity, user=peer_worker)
    client = login(peer_worker)
    html = client.get(opportunity.get_absolute_url()).content.decode()
    assert (
        f"/training/bookings/{booking.pk}/cancel/" in html
        and "Cancel my booking" in html
    )
