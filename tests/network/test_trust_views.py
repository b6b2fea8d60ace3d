"""Member trust directory, trust page and who may edit what."""

from datetime import date

import pytest

from network.models import ICB, MemberTrust
from tests.conftest import date_boxes, make_trust

pytestmark = pytest.mark.django_db


def test_directory_filters_by_icb_and_status(client, trust_a, trust_b):
    old = make_trust("Old", status="merged", ended_on=date(2017, 1, 1))
    old.successors.add(trust_b)
    response = client.get(f"/network/trusts/?icb={ICB.GREATER_MANCHESTER}")
    assert response.context["current"] == [trust_b]
    response = client.get("/network/trusts/?status=merged")
    assert response.context["historic"] == [old] and response.context["current"] == []


def test_historic_trust_shows_what_it_became(client, trust_b):
    old = make_trust("Old", status="dissolved", ended_on=date(2021, 6, 1))
    old.successors.add(trust_b)
    html = client.get(old.get_absolute_url()).text
    assert "Its services are now provided by" in html and trust_b.name in html


def test_contact_details_only_for_signed_in_members(
    client, login, peer_worker, trust_a
):
    trust_a.contact_email = "psw.network@trust-a.example"
    trust_a.save()
    assert "psw.network@" not in client.get(trust_a.get_absolute_url()).text
    assert "psw.network@" in login(peer_worker).get(trust_a.get_absolute_url()).text


def test_trust_lead_edits_own_contact_details_only(login, lead_a, trust_a, trust_b):
    client = login(lead_a)
    data = {"website": "https://trust-a.example", "contact_email": "a@trust-a.example"}
    assert (
        client.post(f"/network/trusts/{trust_a.pk}/contact/", data).status_code == 302
    )
    assert (
        client.post(f"/network/trusts/{trust_b.pk}/contact/", data).status_code == 403
    )
    assert (
        client.post(f"/network/trusts/{trust_a.pk}/edit/", {"name": "X"}).status_code
        == 403
    )
    trust_a.refresh_from_db()
    trust_b.refresh_from_db()
    assert trust_a.contact_email == "a@trust-a.example" and trust_b.contact_email == ""
    assert trust_a.name == "Trust A NHS Foundation Trust"


def test_coordinator_creates_trust(login, coordinator):
    response = login(coordinator).post(
        "/network/trusts/new/",
        {
            "name": "New Care NHS Foundation Trust",
            "short_name": "New Care",
            "icb": ICB.CHESHIRE_MERSEYSIDE,
            "membership_type": "full",
            "status": "active",
            **date_boxes("joined_on", "2026-04-01"),
        },
    )
    trust = MemberTrust.objects.get(short_name="New Care")
    assert response["Location"] == trust.get_absolute_url()


def test_merged_trust_needs_an_end_date_and_successor(login, coordinator, trust_a):
    response = login(coordinator).post(
        f"/network/trusts/{trust_a.pk}/edit/",
        {
            "name": trust_a.name,
            "short_name": trust_a.short_name,
            "icb": trust_a.icb,
            "membership_type": "full",
            "status": "merged",
            **date_boxes("joined_on", "2016-03-15"),
        },
    )
    errors = response.context["form"].errors
    assert "ended_on" in errors and "successors" in errors
    trust_a.refresh_from_db()
    assert trust_a.status == "active"


def test_trust_page_shows_the_summary_workforce_adds(login, peer_worker, trust_a):
    response = login(peer_worker).get(trust_a.get_absolute_url())
    assert response.status_code == 200
    assert response.context["workforce_summary"]["posts"] == 0


def test_renaming_a_trust_keeps_its_former_name(login, coordinator, trust_a):
    old_name = trust_a.name
    login(coordinator).post(
        f"/network/trusts/{trust_a.pk}/edit/",
        {
            "name": "Trust A Partnership NHS Foundation Trust",
            "short_name": trust_a.short_name,
            "icb": trust_a.icb,
            "membership_type": "full",
            "status": "active",
            **date_boxes("joined_on", "2016-03-15"),
        },
    )
    trust_a.refresh_from_db()
    assert trust_a.name.startswith("Trust A Partnership")
    assert list(trust_a.former_names.values_list("name", flat=True)) == [old_name]
