"""W14: the training report counts the catalogue and the demand correctly."""

import pytest

from standards.models import CompetenceDomain
from tests.conftest import make_user
from tests.csv_helpers import csv_text
from training import services

pytestmark = pytest.mark.django_db


def test_report_counts_opportunities_places_bookings_and_interest(
    login, coordinator, opportunity, draft_a, peer_worker, trust_a, domains
):
    services.booking_create(opportunity=opportunity, user=peer_worker)
    fan = make_user("fan@example.test", "peer_worker", employer_trust=trust_a)
    services.interest_register(user=fan, category="wrap_workshop")
    opportunity.hee_domains.add(CompetenceDomain.objects.get(number=1))
    response = login(coordinator).get("/training/report/")
    rows = {r["category"]: r for r in response.context["by_category"]}
    # The draft is not counted; one published IPS course with 2 places, 1 booked.
    assert (rows["ips_core"]["opportunities"], rows["ips_core"]["places"]) == (1, 2)
    assert rows["ips_core"]["booked"] == 1
    assert rows["wrap_workshop"]["interest"] == 1
    assert rows["wrap_workshop"]["opportunities"] == 0
    audience = {r["label"]: r["count"] for r in response.context["by_audience"]}
    assert audience["Peer support workers"] == 1 and audience["Anyone"] == 0
    coverage = {d.number: d.opportunities for d in response.context["domains"]}
    assert coverage[1] == 1 and coverage[2] == 0
    trusts = {
        r["user__employer_trust__short_name"]: r["n"]
        for r in response.context["by_trust"]
    }
    assert trusts == {"Trust A": 1}
    assert "None: a gap" in response.content.decode()


def test_report_csv(login, lead_a, opportunity):
    body = csv_text(login(lead_a).get("/training/report.csv"))
    assert body.splitlines()[0].startswith("Category,Opportunities,Places offered")
    assert "Intentional Peer Support core training,1,2,0,0" in body
