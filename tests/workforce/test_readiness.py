"""ImROC readiness: % in place per phase, current phase, updates with history."""

import pytest
from django.urls import reverse

from workforce.models import ImplementationChecklistItem, TrustChecklistStatus
from workforce.summaries import current_phase, phase_progress

pytestmark = pytest.mark.django_db


def set_status(trust, code, status):
    TrustChecklistStatus.objects.update_or_create(
        trust=trust,
        item=ImplementationChecklistItem.objects.get(code=code),
        defaults={"status": status},
    )


def test_checklist_is_seeded_from_the_domain_with_four_phases():
    counts = {
        p: ImplementationChecklistItem.objects.filter(phase=p).count()
        for p in ("preparation", "recruitment", "employment", "ongoing_development")
    }
    assert counts == {
        "preparation": 9,
        "recruitment": 6,
        "employment": 5,
        "ongoing_development": 5,
    }


def test_percent_in_place_ignores_not_applicable_items(trust_a):
    for code in ("P1.1", "P1.2", "P1.3"):
        set_status(trust_a, code, "in_place")
    set_status(trust_a, "P1.4", "not_applicable")
    set_status(trust_a, "P1.5", "in_progress")
    preparation = phase_progress([trust_a])[trust_a.pk][0]
    assert (
        preparation["in_place"],
        preparation["applicable"],
        preparation["percent"],
    ) == (3, 8, 38)


def test_current_phase_is_the_first_not_fully_in_place(trust_a):
    phases = phase_progress([trust_a])[trust_a.pk]
    assert current_phase(phases) == "Preparation"
    for item in ImplementationChecklistItem.objects.filter(phase="preparation"):
        set_status(trust_a, item.code, "in_place")
    assert current_phase(phase_progress([trust_a])[trust_a.pk]) == "Recruitment"


def test_lead_updates_an_item_with_evidence_and_history(login, lead_a, trust_a):
    item = ImplementationChecklistItem.objects.get(code="P2.1")
    client = login(lead_a)
    url = reverse("workforce:readiness-item", args=[trust_a.pk, item.pk])
    response = client.post(
        url,
        {
            "status": "in_place",
            "evidence_note": "JD approved",
            "evidence_url": "https://example.test/jd",
        },
    )
    assert response.status_code == 302
    client.post(url, {"status": "in_progress", "evidence_note": "Being revised"})
    row = TrustChecklistStatus.objects.get(trust=trust_a, item=item)
    assert row.status == "in_progress" and row.updated_by == lead_a
    assert row.history.count() == 2
    page = client.get(
        reverse("workforce:readiness", args=[trust_a.pk])
    ).content.decode()
    assert "In progress" in page and "Being revised" in page


def test_bad_evidence_link_is_refused(login, lead_a, trust_a):
    item = ImplementationChecklistItem.objects.get(code="P2.1")
    response = login(lead_a).post(
        reverse("workforce:readiness-item", args=[trust_a.pk, item.pk]),
        {"status": "in_place", "evidence_url": "not a url"},
    )
    assert "Enter a web address in the correct format" in response.content.decode()
    assert not TrustChecklistStatus.objects.exists()


def test_coordinator_rewords_an_item(login, coordinator):
    item = ImplementationChecklistItem.objects.get(code="P4.5")
    data = {
        "title": "Take part in the network's quarterly returns",
        "phase": item.phase,
        "area": item.area,
        "order": item.order,
    }
    login(coordinator).post(
        reverse("workforce:checklist-item-update", args=[item.pk]), data
    )
    item.refresh_from_db()
    assert item.title == "Take part in the network's quarterly returns"


def test_trust_lead_readiness_home_goes_to_their_trust(login, lead_a, trust_a):
    response = login(lead_a).get(reverse("workforce:readiness-home"))
    assert response["Location"] == reverse("workforce:readiness", args=[trust_a.pk])
