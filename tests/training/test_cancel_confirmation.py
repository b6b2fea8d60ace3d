"""Giving a funded place away takes a confirmation page, not one click."""

import re

import pytest

from training import services

pytestmark = pytest.mark.django_db


def test_cancel_asks_first_and_changes_nothing_until_confirmed(
    login, peer_worker, opportunity
):
    booking = services.booking_create(opportunity=opportunity, user=peer_worker)
    client = login(peer_worker)
    training_page = client.get(opportunity.get_absolute_url()).content.decode()
    cancel_url = f"/training/bookings/{booking.pk}/cancel/"
    # The training page links to the question; no form posts straight to cancel.
    assert f'href="{cancel_url}"' in training_page
    assert not re.search(rf'<form[^>]+action="{cancel_url}"', training_page)
    question = client.get(cancel_url)
    assert question.status_code == 200
    assert "Are you sure you want to cancel your place?" in question.content.decode()
    booking.refresh_from_db()
    assert booking.status == "booked"
    client.post(cancel_url)
    booking.refresh_from_db()
    assert booking.status == "cancelled"


def test_someone_elses_booking_has_no_confirmation_page(
    login, lead_a, peer_worker, opportunity
):
    booking = services.booking_create(opportunity=opportunity, user=peer_worker)
    assert (
        login(lead_a).get(f"/training/bookings/{booking.pk}/cancel/").status_code == 404
    )
