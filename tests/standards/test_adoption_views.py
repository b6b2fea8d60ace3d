import pytest

from standards.models import StandardAdoption

pytestmark = pytest.mark.django_db


def test_trust_lead_records_adoption_for_own_trust(login, lead_a, trust_a, approved):
    response = login(lead_a).post(
        f"/standards/NWPSW-S03/adoption/{trust_a.pk}/",
        {
            "status": "adopted",
            "effective_date_day": "1",
            "effective_date_month": "10",
            "effective_date_year": "2026",
            "notes": "Board approved",
        },
    )
    assert response.status_code == 302
    adoption = StandardAdoption.objects.get()
    assert adoption.trust == trust_a and adoption.status == "adopted"
    assert str(adoption.effective_date) == "2026-10-01"
    assert adoption.updated_by == lead_a


def test_invalid_date_is_refused_next_to_the_field(login, lead_a, trust_a, approved):
    response = login(lead_a).post(
        f"/standards/NWPSW-S03/adoption/{trust_a.pk}/",
        {
            "status": "adopted",
            "effective_date_day": "31",
            "effective_date_month": "2",
            "effective_date_year": "2026",
        },
    )
    assert response.context["form"].errors["effective_date"]
    assert not StandardAdoption.objects.exists()


def test_matrix_shows_status_as_text_in_a_table(
    login, lead_b, trust_a, trust_b, approved
):
    StandardAdoption.objects.create(
        standard=approved.standard, trust=trust_a, status="partially_adopted"
    )
    page = login(lead_b).get("/standards/adoption/").content.decode()
    assert "<caption" in page and 'scope="col"' in page
    assert "Partially adopted" in page and "Not recorded" in page
    # lead B may update only Trust B's cell
    assert f"/adoption/{trust_b.pk}/" in page and f"/adoption/{trust_a.pk}/" not in page


def test_consultation_response_rate_per_trust_across_consultations(
    login, lead_a, trust_a, trust_b, approved, coordinator
):
    from standards.models import StandardVersion
    from tests.standards.conftest import BODY, open_consultation, respond

    v2 = open_consultation(
        StandardVersion.objects.create(standard=approved.standard, number=2, body=BODY)
    )
    respond(v2, lead_a)
    rates = login(coordinator).get("/standards/adoption/").context["rates"]
    by_trust = {r["trust"].short_name: (r["responded"], r["total"]) for r in rates}
    assert by_trust == {"Trust A": (1, 1), "Trust B": (0, 1)}
