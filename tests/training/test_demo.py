"""The demo catalogue is realistic (§4.7) and seeding twice changes nothing."""

import pytest

from demo import accounts as accounts_demo
from demo import network as network_demo
from demo import training as demo
from training.models import (
    TrainingBooking,
    TrainingInterest,
    TrainingOpportunity,
    TrainingSession,
)

pytestmark = pytest.mark.django_db


def counts():
    return [
        m.objects.count()
        for m in (
            TrainingOpportunity,
            TrainingSession,
            TrainingBooking,
            TrainingInterest,
        )
    ]


def test_demo_seed_is_idempotent_and_covers_the_catalogue(client, domains):
    network_demo.seed()
    accounts_demo.seed()
    demo.seed()
    first = counts()
    demo.seed()
    assert counts() == first
    categories = set(TrainingOpportunity.objects.values_list("category", flat=True))
    assert {
        "initial_psw_training",
        "ips_core",
        "wrap_facilitator",
        "apprenticeship",
        "accredited_qualification",
        "supervisor_training",
        "peer_trainer_coproduction",
        "recovery_college_course",
        "network_event",
    } <= categories
    hee = TrainingOpportunity.objects.get(title__contains="Cohort 2025-2")
    assert "£3,485" in hee.funding_note
    assert hee.hee_domains.count() == 4
    for opp in TrainingOpportunity.objects.filter(book_here=True):
        held = opp.bookings.filter(status__in=TrainingBooking.HOLDS_PLACE).count()
        assert opp.places_remaining == opp.places_total - held
    assert client.get("/training/").context["page_obj"].paginator.count >= 10
    assert TrainingOpportunity.objects.filter(status="pending_approval").exists()
