"""One error body everywhere: RFC 9457 problem details."""

import pytest

PROBLEM = "application/problem+json"


def assert_problem(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    assert body["type"] == "about:blank"
    assert body["title"]
    assert isinstance(body["detail"], str)
    return body


@pytest.mark.django_db
def test_400_lists_field_errors(api, lead_a, post_a):
    response = api(lead_a).patch(
        f"/api/v1/posts/{post_a.pk}/", {"wte": "7", "band": "afc_99"}, format="json"
    )
    body = assert_problem(response, 400)
    assert set(body["errors"]) == {"wte", "band"}
    assert all(isinstance(m, str) for m in body["errors"]["band"])


@pytest.mark.django_db
def test_400_for_malformed_json(api, lead_a):
    response = api(lead_a).generic(
        "POST", "/api/v1/posts/", "{not json", content_type="application/json"
    )
    assert_problem(response, 400)


@pytest.mark.django_db
def test_401(api, db):
    body = assert_problem(api().get("/api/v1/actions/"), 401)
    assert "errors" not in body


@pytest.mark.django_db
def test_403(api, peer_worker):
    assert_problem(api(peer_worker).get("/api/v1/posts/"), 403)


@pytest.mark.django_db
def test_404(api, lead_b, post_a):
    assert_problem(api(lead_b).get(f"/api/v1/posts/{post_a.pk}/"), 404)


@pytest.mark.django_db
def test_404_for_an_unknown_address(api, db):
    assert_problem(api().get("/api/v1/no-such-thing/"), 404)


@pytest.mark.django_db
def test_405(api, lead_a, post_a):
    assert_problem(api(lead_a).delete(f"/api/v1/posts/{post_a.pk}/"), 405)


@pytest.mark.django_db
def test_415_for_form_encoded_bodies(api, lead_a):
    response = api(lead_a).post("/api/v1/posts/", {"local_ref": "X"})
    assert_problem(response, 415)


@pytest.mark.django_db
def test_bad_filter_value_is_400_not_ignored(api, db):
    body = assert_problem(api().get("/api/v1/trusts/?icb=atlantis"), 400)
    assert "icb" in body["errors"]


@pytest.mark.django_db
def test_session_writes_need_csrf(lead_a, post_a):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(lead_a)
    assert client.get("/api/v1/posts/").status_code == 200
    response = client.patch(
        f"/api/v1/posts/{post_a.pk}/", {"job_title": "X"}, format="json"
    )
    body = assert_problem(response, 403)
    assert "CSRF" in body["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/posts/abc/",
        "/api/v1/posts/99999999999999999999999/",
        "/api/v1/actions/99999999999999999999999/",
        "/api/v1/meetings/99999999999999999999999/",
        "/api/v1/trusts/99999999999999999999999/",
        "/api/v1/training/bookings/99999999999999999999999/",
        "/api/v1/training/opportunities/99999999999999999999999/",
        "/api/v1/standards/NWPSW-S03/versions/99999999999999999999999/",
        "/api/v1/posts/?page=99999",
    ],
)
def test_nonsense_ids_are_404_not_500(api, coordinator, path):
    assert_problem(api(coordinator).get(path), 404)


@pytest.mark.django_db
def test_huge_ids_in_bodies_are_not_500(api, coordinator, lead_a, trust_a):
    huge = 99999999999999999999999
    client = api(coordinator)
    response = client.post(
        "/api/v1/training/bookings/", {"opportunity": huge}, format="json"
    )
    assert response.status_code == 404
    response = client.post(
        "/api/v1/posts/", {"trust": huge, "wte": 1e308}, format="json"
    )
    assert_problem(response, 400)


@pytest.mark.django_db
@pytest.mark.parametrize("body", [1, "x", [{"trust": [1]}], {"trust": {"a": 1}}])
def test_wrong_shaped_bodies_are_400(api, lead_a, post_a, body):
    response = api(lead_a).patch(f"/api/v1/posts/{post_a.pk}/", body, format="json")
    assert_problem(response, 400)


@pytest.mark.django_db
def test_numbers_and_objects_where_dates_belong_are_400(api, lead_a, post_a, item_a):
    client = api(lead_a)
    response = client.post(
        f"/api/v1/posts/{post_a.pk}/status/",
        {"to_status": "recruiting", "effective_date": {"x": 1}},
        format="json",
    )
    assert assert_problem(response, 400)["errors"]["effective_date"]
    response = client.post(
        f"/api/v1/actions/{item_a.pk}/progress/",
        {
            "version": item_a.version,
            "on": 1,
            "note": "n",
            "status": "in_progress",
            "rag": "green",
        },
        format="json",
    )
    assert assert_problem(response, 400)["errors"]["on"]
