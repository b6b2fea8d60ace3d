"""Training fixtures: a provider and opportunities in each state."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from training.models import TrainingOpportunity, TrainingProvider, TrainingSession


@pytest.fixture
def provider(db):
    return TrainingProvider.objects.create(
        name="Mersey Recovery College", provider_type="recovery_college"
    )


def make_opportunity(provider, **extra) -> TrainingOpportunity:
    today = timezone.localdate()
    fields = {
        "title": "Intentional Peer Support Core Training",
        "provider": provider,
        "category": "ips_core",
        "audience": "|psw|",
        "description": "Four tasks: connection, worldview, mutuality, moving towards.",
        "delivery_mode": "in_person",
        "location": "The Life Rooms, Walton",
        "town": "Liverpool",
        "icb": "cheshire_merseyside",
        "start_date": today + timedelta(days=30),
        "cost_type": "free",
        "book_here": True,
        "places_total": 2,
        "places_remaining": 2,
        "booking_deadline": today + timedelta(days=20),
        "status": "booking_open",
        "published_at": timezone.now(),
    }
    fields.update(extra)
    return TrainingOpportunity.objects.create(**fields)


@pytest.fixture
def opportunity(provider):
    opp = make_opportunity(provider)
    TrainingSession.objects.create(
        opportunity=opp, date=opp.start_date, start_time=time(9, 30), end_time=time(16)
    )
    return opp


@pytest.fixture
def draft_a(provider, lead_a):
    return make_opportunity(
        provider,
        title="Trust A proposal",
        status="draft",
        created_by=lead_a,
        proposed_by_trust=lead_a.trust,
        published_at=None,
    )


@pytest.fixture
def domains(db):
    """The nine HEE domains (normally from standards' data migration)."""
    from standards.models import CompetenceDomain

    return [
        CompetenceDomain.objects.get_or_create(
            number=n, defaults={"title": f"Domain {n}", "source_tag": "S5"}
        )[0]
        for n in range(1, 10)
    ]
