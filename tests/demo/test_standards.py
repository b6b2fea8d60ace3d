import pytest

from demo import standards as demo
from standards.models import (
    ConsultationComment,
    ConsultationResponse,
    StandardAdoption,
    StandardVersion,
    StandardVersionEdit,
)
from tests.conftest import make_trust, make_user

pytestmark = pytest.mark.django_db


def counts():
    return [
        m.objects.count()
        for m in (
            StandardVersion,
            ConsultationResponse,
            StandardAdoption,
            StandardVersionEdit,
            ConsultationComment,
        )
    ]


def test_demo_standards_are_in_mixed_states_and_seeding_twice_changes_nothing():
    # The demo users the accounts demo creates (its own seed is tested there).
    mersey, gmmh = make_trust("Mersey Care"), make_trust("GMMH")
    make_user("coordinator@demo.nwpsw.example", "coordinator")
    make_user("lead.merseycare@demo.nwpsw.example", "trust_lead", trust=mersey)
    make_user("lead.gmmh@demo.nwpsw.example", "trust_lead", trust=gmmh)
    make_user("peer@demo.nwpsw.example", "peer_worker")
    demo.seed()
    first = counts()
    demo.seed()
    assert counts() == first
    statuses = set(StandardVersion.objects.values_list("status", flat=True))
    assert {"approved", "consultation", "draft", "superseded", "withdrawn"} <= statuses
    open_one = StandardVersion.objects.get(status="consultation")
    assert open_one.consultation_is_open()
    assert ConsultationResponse.objects.exclude(disposition="").count() == 3
    assert ConsultationComment.objects.count() == 2
    assert StandardAdoption.objects.filter(status="adopted").exists()
