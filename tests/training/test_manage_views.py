"""Coordinator and trust-lead tools: add, propose, approve, sessions, attendees."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import make_user
from tests.csv_helpers import csv_text
from training import services
from training.models import TrainingBooking, TrainingOpportunity, TrainingSession

pytestmark = pytest.mark.django_db


def form_data(provider, **extra):
    start = timezone.localdate() + timedelta(days=40)
    data = {
        "title": "Peer leadership programme",
        "provider": provider.pk,
        "category": "peer_leadership",
        "audiences": ["senior_psw_lead", "psw"],
        "description": "**Six** sessions on leading peer teams.",
        "delivery_mode": "in_person",
        "location": "Central Library, Manchester",
        "town": "Manchester",
        "icb": "greater_manchester",
        "start_date": start.isoformat(),
        "cost_type": "free",
        "book_here": "on",
        "places_total": "12",
        "booking_deadline": (start - timedelta(days=7)).isoformat(),
    }
    data.update(extra)
    return data


def test_coordinator_adds_training_as_a_draft_then_publishes(
    login, coordinator, provider
):
    client = login(coordinator)
    response = client.post("/training/new/", form_data(provider))
    assert response.status_code == 302
    opp = TrainingOpportunity.objects.get()
    assert opp.status == "draft" and opp.places_remaining == 12
    assert opp.audiences == ["senior_psw_lead", "psw"] and opp.created_by == coordinator
    client.post(f"/training/{opp.pk}/publish/")
    opp.refresh_from_db()
    assert opp.status == "booking_open" and opp.published_at


def test_trust_lead_proposal_is_bound_to_their_own_trust(
    login, lead_a, trust_b, provider
):
    client = login(lead_a)
    response = client.post(
        "/training/new/",
        form_data(provider, proposed_by_trust=trust_b.pk, status="published"),
    )
    assert response.status_code == 302
    opp = TrainingOpportunity.objects.get()
    assert opp.proposed_by_trust == lead_a.trust and opp.status == "draft"
    client.post(f"/training/{opp.pk}/submit/")
    opp.refresh_from_db()
    assert opp.status == "pending_approval" and opp.submitted_at


@pytest.mark.parametrize(
    "bad, field, message",
    [
        (
            {"booking_deadline": "2099-01-01"},
            "booking_deadline",
            "on or before the start date",
        ),
        ({"cost_type": "paid", "cost_gbp": "-5"}, "cost_gbp", "negative"),
        ({"cost_type": "paid", "cost_gbp": ""}, "cost_gbp", "Enter the cost"),
        ({"location": ""}, "location", "where the training takes place"),
        ({"audiences": []}, "audiences", "at least one audience"),
        ({"places_total": ""}, "places_total", "number of places"),
        ({"end_date": "2000-01-01"}, "end_date", "on or after the start date"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(
    login, coordinator, provider, bad, field, message
):
    response = login(coordinator).post("/training/new/", form_data(provider, **bad))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert response.content.decode().count("<title>Error: ") == 1
    assert not TrainingOpportunity.objects.exists()


def test_session_ending_before_it_starts_is_explained(login, coordinator, opportunity):
    before = TrainingSession.objects.count()
    response = login(coordinator).post(
        f"/training/{opportunity.pk}/sessions/new/",
        {
            "date": opportunity.start_date.isoformat(),
            "start_time": "14:00",
            "end_time": "10:00",
        },
    )
    assert response.status_code == 200
    assert "must end after it starts" in response.content.decode()
    assert TrainingSession.objects.count() == before


def test_session_added_and_removed(login, coordinator, opportunity):
    client = login(coordinator)
    client.post(
        f"/training/{opportunity.pk}/sessions/new/",
        {
            "date": opportunity.start_date.isoformat(),
            "start_time": "18:00",
            "end_time": "20:00",
        },
    )
    session = opportunity.sessions.get(start_time="18:00")
    client.post(f"/training/{opportunity.pk}/sessions/{session.pk}/delete/")
    assert not opportunity.sessions.filter(pk=session.pk).exists()


def test_trust_lead_cannot_remove_a_session_from_published_training(
    login, lead_a, opportunity
):
    session = opportunity.sessions.get()
    response = login(lead_a).post(
        f"/training/{opportunity.pk}/sessions/{session.pk}/delete/"
    )
    assert response.status_code == 403
    assert opportunity.sessions.filter(pk=session.pk).exists()


def test_cancel_needs_a_reason(login, coordinator, opportunity):
    response = login(coordinator).post(
        f"/training/{opportunity.pk}/cancel/", {"reason": ""}
    )
    assert (
        response.status_code == 200 and "Enter the reason" in response.content.decode()
    )
    opportunity.refresh_from_db()
    assert opportunity.status == "booking_open"


def test_attendee_csv_is_safe_from_formula_injection(login, coordinator, opportunity):
    sneaky = make_user("sneaky@example.test", "peer_worker")
    sneaky.full_name = '=HYPERLINK("http://evil")'
    sneaky.save()
    services.booking_create(opportunity=opportunity, user=sneaky)
    response = login(coordinator).get(f"/training/{opportunity.pk}/attendees.csv")
    body = csv_text(response)
    assert response["Content-Type"].startswith("text/csv")
    assert "Name,Email,Employer trust,Status" in body
    assert "'=HYPERLINK" in body and "\n=HYPERLINK" not in body


def test_coordinator_marks_completion_which_shows_in_the_record(
    login, coordinator, peer_worker, opportunity
):
    booking = services.booking_create(opportunity=opportunity, user=peer_worker)
    client = login(coordinator)
    html = client.get(f"/training/{opportunity.pk}/attendees/").content.decode()
    assert peer_worker.full_name in html
    client.post(
        f"/training/bookings/{booking.pk}/attendance/", {"outcome": "completed"}
    )
    booking.refresh_from_db()
    assert booking.status == "completed"
    record = (
        login(peer_worker)
        .get("/training/my/")
        .content.decode()
        .split("Training record")[1]
    )
    assert opportunity.title in record


def test_bad_attendance_outcome_changes_nothing(
    login, coordinator, peer_worker, opportunity
):
    booking = services.booking_create(opportunity=opportunity, user=peer_worker)
    login(coordinator).post(
        f"/training/bookings/{booking.pk}/attendance/", {"outcome": "booked-twice"}
    )
    booking.refresh_from_db()
    assert booking.status == "booked"


def test_manage_page_shows_demand_to_coordinators(
    login, coordinator, peer_worker, opportunity
):
    services.interest_register(user=peer_worker, category="wrap_workshop")
    html = login(coordinator).get("/training/manage/").content.decode()
    assert "Interest by kind of training" in html and "WRAP workshop" in html


def test_manage_page_for_leads_lists_only_their_proposals(
    login, lead_a, draft_a, opportunity
):
    response = login(lead_a).get("/training/manage/")
    assert list(response.context["opportunities"]) == [draft_a]
    assert "Interest by kind of training" not in response.content.decode()


def test_editing_keeps_bookings_and_recounts_places(
    login, coordinator, peer_worker, opportunity
):
    services.booking_create(opportunity=opportunity, user=peer_worker)
    opportunity.refresh_from_db()
    data = form_data(
        opportunity.provider,
        title=opportunity.title,
        places_total="6",
        start_date=opportunity.start_date.isoformat(),
        booking_deadline=opportunity.booking_deadline.isoformat(),
    )
    response = login(coordinator).post(f"/training/{opportunity.pk}/edit/", data)
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.places_total == 6 and opportunity.places_remaining == 5
    assert TrainingBooking.objects.filter(status="booked").count() == 1


def test_coordinator_tags_hee_domains(login, coordinator, provider, domains):
    from standards.models import CompetenceDomain

    ids = list(
        CompetenceDomain.objects.filter(number__in=[1, 2]).values_list("pk", flat=True)
    )
    login(coordinator).post("/training/new/", form_data(provider, hee_domains=ids))
    opp = TrainingOpportunity.objects.get()
    assert sorted(opp.hee_domains.values_list("number", flat=True)) == [1, 2]


def test_attendee_list_and_csv_include_people_interested(
    login, coordinator, lead_b, opportunity
):
    services.interest_register(user=lead_b, opportunity=opportunity)
    client = login(coordinator)
    html = client.get(f"/training/{opportunity.pk}/attendees/").content.decode()
    assert "People who registered interest" in html and lead_b.email in html
    body = csv_text(client.get(f"/training/{opportunity.pk}/attendees.csv"))
    assert lead_b.email in body and "Interest: Interested" in body
