"""Posts through the API: same state machine, validation and history as the web."""

import pytest

from workforce.models import Post, PostImport, PostStatusChange

from .conftest import post_body


@pytest.mark.django_db
def test_create_records_the_same_first_status_change_as_the_web(api, lead_a, trust_a):
    response = api(lead_a).post("/api/v1/posts/", post_body(trust_a), format="json")
    assert response.status_code == 201
    post = Post.objects.get(pk=response.json()["id"])
    assert post.created_by == lead_a
    change = PostStatusChange.objects.get(post=post)
    assert (change.from_status, change.to_status, change.note) == (
        "",
        "funded",
        "Post added",
    )


@pytest.mark.django_db
def test_status_change_goes_through_the_state_machine(api, lead_a, post_a):
    client = api(lead_a)
    url = f"/api/v1/posts/{post_a.pk}/status/"
    bad = client.post(
        url, {"to_status": "planned", "effective_date": "2025-03-01"}, format="json"
    )
    assert bad.status_code == 400
    assert "to_status" in bad.json()["errors"]
    good = client.post(
        url,
        {
            "to_status": "recruiting",
            "effective_date": "2025-03-01",
            "recruitment_stage": "advertised",
            "note": "Advert out",
        },
        format="json",
    )
    assert good.status_code == 201
    post_a.refresh_from_db()
    assert (post_a.status, post_a.recruitment_stage) == ("recruiting", "advertised")
    history = list(post_a.changes.order_by("effective_date"))
    assert [c.to_status for c in history] == ["funded", "recruiting"]
    assert history[0].valid_until.isoformat() == "2025-03-01"
    assert history[1].changed_by == lead_a


@pytest.mark.django_db
def test_status_effective_before_the_current_one_is_refused(api, lead_a, post_a):
    response = api(lead_a).post(
        f"/api/v1/posts/{post_a.pk}/status/",
        {"to_status": "recruiting", "effective_date": "2020-01-01"},
        format="json",
    )
    assert response.status_code == 400
    assert PostStatusChange.objects.filter(post=post_a).count() == 1


@pytest.mark.django_db
def test_patch_cannot_jump_the_state_machine(api, lead_a, post_a):
    response = api(lead_a).patch(
        f"/api/v1/posts/{post_a.pk}/", {"status": "filled"}, format="json"
    )
    assert response.status_code == 400
    assert "/status/" in response.json()["errors"]["status"][0]
    post_a.refresh_from_db()
    assert post_a.status == "funded"


@pytest.mark.django_db
def test_patch_keeps_other_fields_and_records_history(api, lead_a, post_a):
    response = api(lead_a).patch(
        f"/api/v1/posts/{post_a.pk}/", {"wte": "0.60"}, format="json"
    )
    assert response.status_code == 200
    post_a.refresh_from_db()
    assert str(post_a.wte) == "0.60"
    assert post_a.local_ref == "A-001"
    assert post_a.history.first().history_user == lead_a


@pytest.mark.django_db
def test_lead_cannot_move_a_post_to_another_trust(api, lead_a, post_a, trust_b):
    response = api(lead_a).patch(
        f"/api/v1/posts/{post_a.pk}/", {"trust": trust_b.pk}, format="json"
    )
    assert response.status_code == 400
    post_a.refresh_from_db()
    assert post_a.trust_id == lead_a.trust_id


@pytest.mark.django_db
def test_filters_match_the_web(api, coordinator, post_a, post_b, trust_b):
    client = api(coordinator)
    rows = client.get(f"/api/v1/posts/?trust={trust_b.pk}").json()["results"]
    assert [r["local_ref"] for r in rows] == ["B-001"]
    assert client.get("/api/v1/posts/?status=filled").json()["count"] == 0
    assert client.get("/api/v1/posts/?band=afc_99").status_code == 400
    # No filter asked for (only paging): every post, nothing refused.
    assert client.get("/api/v1/posts/").json()["count"] == 2
    assert client.get("/api/v1/posts/?page_size=1&page=2").json()["count"] == 2


@pytest.mark.django_db
def test_lead_filtering_by_another_trust_is_refused(api, lead_a, post_b, trust_b):
    response = api(lead_a).get(f"/api/v1/posts/?trust={trust_b.pk}")
    assert response.status_code == 400


ROW = {
    "job_title": "Peer Support Worker",
    "role_type": "psw",
    "band": "afc_3",
    "wte": "1.00",
    "delivery_model": "embedded_in_team",
    "setting": "crisis",
    "lived_experience_basis": "service_user",
    "contract_type": "permanent",
    "funding_source": "trust_baseline",
    "status": "funded",
    "status_effective_date": "2024-01-10",
}


@pytest.mark.django_db
def test_bulk_upsert_by_local_ref(api, lead_a, post_a, trust_a):
    rows = [
        {
            **ROW,
            "local_ref": "A-001",
            "trust": trust_a.pk,
            "status": "recruiting",
            "status_effective_date": "2025-01-02",
        },
        {**ROW, "local_ref": "A-002", "trust": trust_a.name},
    ]
    response = api(lead_a).post("/api/v1/posts/bulk/", rows, format="json")
    assert response.status_code == 200, response.json()
    assert response.json() == {"created": 1, "updated": 1, "unchanged": 0}
    post_a.refresh_from_db()
    assert post_a.status == "recruiting"
    assert post_a.changes.count() == 2
    assert PostImport.objects.get().status == PostImport.Status.APPLIED
    again = api(lead_a).post("/api/v1/posts/bulk/", rows, format="json")
    assert again.json() == {"created": 0, "updated": 0, "unchanged": 2}


@pytest.mark.django_db
def test_bulk_is_all_or_nothing_with_row_errors(api, lead_a, trust_a):
    rows = [
        {**ROW, "local_ref": "A-010", "trust": trust_a.pk},
        {**ROW, "local_ref": "A-011", "trust": trust_a.pk, "wte": "9"},
    ]
    response = api(lead_a).post("/api/v1/posts/bulk/", {"rows": rows}, format="json")
    assert response.status_code == 400
    assert "rows[1].wte" in response.json()["errors"]
    assert not Post.objects.exists()
    assert not PostImport.objects.exists()


@pytest.mark.django_db
def test_bulk_for_another_trust_is_refused(api, lead_a, trust_b):
    rows = [{**ROW, "local_ref": "B-9", "trust": trust_b.pk}]
    response = api(lead_a).post("/api/v1/posts/bulk/", rows, format="json")
    assert response.status_code == 400
    assert "rows[0].trust" in response.json()["errors"]
    assert not Post.objects.exists()


@pytest.mark.django_db
def test_bulk_refuses_unknown_fields(api, coordinator, trust_a):
    rows = [{**ROW, "local_ref": "X", "trust": trust_a.pk, "salary": "1"}]
    response = api(coordinator).post("/api/v1/posts/bulk/", rows, format="json")
    assert response.status_code == 400
    assert "salary" in response.json()["errors"]["rows"][0]
