"""Trusts, meetings, actions, standards, the catalogue and bookings."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.models import ReminderLeadTime
from network.models import ActionItem, ActionUpdate
from training.models import TrainingBooking


@pytest.mark.django_db
def test_trust_contacts_only_for_signed_in(api, trust_a, peer_worker):
    trust_a.contact_email = "psw@trust-a.example"
    trust_a.save()
    public = api().get(f"/api/v1/trusts/{trust_a.pk}/").json()
    assert "contact_email" not in public
    member = api(peer_worker).get(f"/api/v1/trusts/{trust_a.pk}/").json()
    assert member["contact_email"] == "psw@trust-a.example"


@pytest.mark.django_db
def test_trust_filters_match_the_web(api, trust_a, trust_b):
    rows = api().get("/api/v1/trusts/?icb=greater_manchester").json()["results"]
    assert [r["short_name"] for r in rows] == ["Trust B"]


@pytest.mark.django_db
def test_public_sees_only_public_meetings_without_links(api, meetings, peer_worker):
    rows = api().get("/api/v1/meetings/").json()["results"]
    assert [r["title"] for r in rows] == ["Annual celebration event"]
    assert "online_url" not in rows[0]
    member = api(peer_worker).get("/api/v1/meetings/?when=upcoming").json()
    assert member["count"] == 2
    assert member["results"][0]["online_url"] == "https://meet.example.test/secret"


@pytest.mark.django_db
def test_progress_update_is_the_same_history_as_the_web(api, lead_a, item_a):
    response = api(lead_a).post(
        f"/api/v1/actions/{item_a.pk}/progress/",
        {
            "version": item_a.version,
            "on": "2025-05-01",
            "note": "Finished",
            "status": "completed",
            "rag": "green",
        },
        format="json",
    )
    assert response.status_code == 201
    item_a.refresh_from_db()
    assert (item_a.status, item_a.rag) == ("completed", "blue")  # forced blue
    update = ActionUpdate.objects.get(item=item_a)
    assert (update.author, update.status_at_time) == (lead_a, "completed")


@pytest.mark.django_db
def test_progress_with_a_stale_version_is_refused(api, lead_a, item_a):
    response = api(lead_a).post(
        f"/api/v1/actions/{item_a.pk}/progress/",
        {
            "version": item_a.version - 1,
            "on": "2025-05-01",
            "note": "Old copy",
            "status": "in_progress",
            "rag": "amber",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "changed this action" in response.json()["errors"]["non_field_errors"][0]
    assert not ActionUpdate.objects.exists()


@pytest.mark.django_db
def test_progress_refuses_a_transition_the_web_refuses(api, lead_a, item_a):
    response = api(lead_a).post(
        f"/api/v1/actions/{item_a.pk}/progress/",
        {
            "version": item_a.version,
            "on": "2025-05-01",
            "note": "Back to start",
            "status": "not_started",
            "rag": "green",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "status" in response.json()["errors"]
    item_a.refresh_from_db()
    assert item_a.status == ActionItem.Status.IN_PROGRESS


@pytest.mark.django_db
def test_action_list_filters_match_the_web(api, peer_worker, item_a):
    client = api(peer_worker)
    assert client.get("/api/v1/actions/?status=in_progress").json()["count"] == 1
    assert client.get("/api/v1/actions/?status=completed").json()["count"] == 0
    assert client.get("/api/v1/actions/?rag=purple").status_code == 400
    assert client.get("/api/v1/actions/").json()["count"] == 1
    assert client.get("/api/v1/actions/?page_size=5").json()["count"] == 1


@pytest.mark.django_db
def test_public_reads_published_versions_only(api, standard, peer_worker):
    public = api().get("/api/v1/standards/NWPSW-S03/versions/").json()
    assert [v["number"] for v in public["results"]] == [1]
    member = api(peer_worker).get("/api/v1/standards/NWPSW-S03/versions/").json()
    assert [v["number"] for v in member["results"]] == [2, 1]
    approved = api(peer_worker).get(
        "/api/v1/standards/NWPSW-S03/versions/?status=approved"
    )
    assert [v["number"] for v in approved.json()["results"]] == [1]


@pytest.mark.django_db
def test_catalogue_filters_match_the_web(api, opportunity):
    assert api().get("/api/v1/training/opportunities/?cost=free").json()["count"] == 1
    paid = api().get("/api/v1/training/opportunities/?cost=funded").json()
    assert paid["count"] == 0
    bad = api().get("/api/v1/training/opportunities/?date_from=2025-02-30")
    assert bad.status_code == 400


@pytest.mark.django_db
def test_booking_then_waiting_list_then_cancel_offers_the_place(
    api, opportunity, peer_worker, lead_a
):
    first = api(peer_worker)
    body = {"opportunity": opportunity.pk}
    booked = first.post("/api/v1/training/bookings/", body, format="json").json()
    assert booked["status"] == "booked"
    waiting = api(lead_a).post("/api/v1/training/bookings/", body, format="json")
    assert waiting.json()["status"] == "waitlisted"
    again = first.post("/api/v1/training/bookings/", body, format="json")
    assert again.status_code == 400
    cancel = first.post(f"/api/v1/training/bookings/{booked['id']}/cancel/")
    assert cancel.status_code == 200
    assert cancel.json()["status"] == "cancelled"
    offered = TrainingBooking.objects.get(user=lead_a)
    assert offered.status == TrainingBooking.Status.OFFERED


@pytest.mark.django_db
def test_someone_elses_booking_is_404_and_untouched(
    api, opportunity, peer_worker, lead_a
):
    booked = api(peer_worker).post(
        "/api/v1/training/bookings/", {"opportunity": opportunity.pk}, format="json"
    )
    pk = booked.json()["id"]
    other = api(lead_a)
    assert other.get(f"/api/v1/training/bookings/{pk}/").status_code == 404
    assert other.post(f"/api/v1/training/bookings/{pk}/cancel/").status_code == 404
    assert TrainingBooking.objects.get(pk=pk).status == "booked"
    assert other.get("/api/v1/training/bookings/").json()["count"] == 0


@pytest.mark.django_db
def test_cancel_is_post_only(api, opportunity, peer_worker):
    client = api(peer_worker)
    booked = client.post(
        "/api/v1/training/bookings/", {"opportunity": opportunity.pk}, format="json"
    )
    pk = booked.json()["id"]
    assert client.get(f"/api/v1/training/bookings/{pk}/cancel/").status_code == 405


@pytest.mark.django_db
def test_booking_a_draft_is_404(api, opportunity, peer_worker):
    opportunity.status = "draft"
    opportunity.save()
    response = api(peer_worker).post(
        "/api/v1/training/bookings/", {"opportunity": opportunity.pk}, format="json"
    )
    assert response.status_code == 404
    assert not TrainingBooking.objects.exists()


@pytest.mark.django_db
def test_booking_needs_an_opportunity_id(api, peer_worker):
    response = api(peer_worker).post(
        "/api/v1/training/bookings/", {"opportunity": "x"}, format="json"
    )
    assert response.status_code == 400
    assert "opportunity" in response.json()["errors"]


@pytest.mark.django_db
def test_the_gone_quiet_filter_follows_a_new_threshold_at_once(
    api, coordinator, item_a
):
    five_weeks_ago = timezone.now() - timedelta(weeks=5)
    ActionItem.objects.filter(pk=item_a.pk).update(created_at=five_weeks_ago)
    client = api(coordinator)

    def quiet_refs():
        rows = client.get("/api/v1/actions/?stale=true").json()["results"]
        return [row["ref"] for row in rows]

    assert quiet_refs() == []  # quiet after 8 weeks by default
    ReminderLeadTime.objects.create(key="STALE", days="3")
    assert quiet_refs() == [item_a.ref]
