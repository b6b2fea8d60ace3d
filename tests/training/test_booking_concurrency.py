"""Two people booking the last place at the same moment: one booked, one waiting.

Real concurrency needs PostgreSQL (row locks across connections); SQLite runs
writes one at a time, so this test only runs on PostgreSQL.
"""

import threading

import pytest
from django.db import connection, connections

from tests.conftest import make_user
from tests.training.conftest import make_opportunity
from training import services
from training.models import TrainingBooking, TrainingOpportunity, TrainingProvider

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks"
    ),
]


def _race(opportunity_id: int, users: list) -> list:
    barrier = threading.Barrier(len(users))
    results, errors = [], []

    def book(user):
        try:
            opportunity = TrainingOpportunity.objects.get(pk=opportunity_id)
            barrier.wait(timeout=10)
            results.append(
                services.booking_create(opportunity=opportunity, user=user).status
            )
        except Exception as exc:  # surfaced in the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    return results


@pytest.mark.parametrize("attempt", range(5))
def test_two_people_taking_the_last_place_never_overbook(attempt):
    provider = TrainingProvider.objects.create(
        name=f"P{attempt}", provider_type="other"
    )
    opportunity = make_opportunity(provider, places_total=1, places_remaining=1)
    users = [
        make_user(f"racer{attempt}{n}@example.test", "peer_worker") for n in range(2)
    ]
    results = _race(opportunity.pk, users)
    assert sorted(results) == ["booked", "waitlisted"]
    opportunity.refresh_from_db()
    assert opportunity.places_remaining == 0 and opportunity.status == "full"
    held = TrainingBooking.objects.filter(
        opportunity=opportunity, status__in=TrainingBooking.HOLDS_PLACE
    ).count()
    assert held == 1


def test_many_people_racing_for_three_places(db):
    provider = TrainingProvider.objects.create(name="Many", provider_type="other")
    opportunity = make_opportunity(provider, places_total=3, places_remaining=3)
    users = [make_user(f"crowd{n}@example.test", "peer_worker") for n in range(8)]
    results = _race(opportunity.pk, users)
    assert results.count("booked") == 3 and results.count("waitlisted") == 5
