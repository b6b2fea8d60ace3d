"""The "also" findings of issue 16: oversized API bodies, the messages cookie,
unaudited out-of-scope choices, and TRACE/OPTIONS answered as GET."""

import json

import pytest
from rest_framework.test import APIClient

from api.models import ApiToken
from audit.models import AuditEvent
from tests.api.conftest import post_body
from workforce.models import Post

pytestmark = pytest.mark.django_db
TOO_BIG = json.dumps({"rows": [{"local_ref": "x" * 100}] * 30_000})  # ~3.5 MB


def bearer(user) -> APIClient:
    _, raw = ApiToken.issue(user=user, name="script")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


# --- bodies over DATA_UPLOAD_MAX_MEMORY_SIZE ---------------------------------
@pytest.mark.parametrize("url", ["/api/v1/posts/", "/api/v1/posts/bulk/"])
def test_an_oversized_api_body_gets_a_problem_body(lead_a, url):
    response = bearer(lead_a).post(url, TOO_BIG, content_type="application/json")
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == (
        "The request is too large: send at most 2.5 MB at a time"
    )


def test_an_oversized_form_gets_a_service_page(client_for):
    response = client_for("lead_a").post(
        "/workforce/posts/add/", {"notes": "x" * 3_000_000}
    )
    assert response.status_code == 413
    body = response.content.decode()
    assert "Sorry, we could not accept that" in body
    assert "send at most 2.5 MB" in body


# --- the messages cookie -----------------------------------------------------
def test_flash_messages_naming_people_never_go_in_a_cookie(client_for, lead_b):
    client = client_for("coordinator")
    response = client.post(f"/accounts/people/{lead_b.pk}/deactivate/")
    assert response.status_code == 302
    assert "messages" not in response.cookies
    for cookie in response.cookies.values():
        assert lead_b.full_name not in cookie.value
    page = client.get(response["Location"]).content.decode()
    assert f"{lead_b.full_name} can no longer sign in" in page  # still shown


# --- another trust's id, answered as an invalid choice ----------------------
def test_another_trusts_id_in_an_api_write_is_audited(lead_a, trust_b):
    response = bearer(lead_a).post("/api/v1/posts/", post_body(trust_b), format="json")
    assert response.status_code == 400
    assert "trust" in response.json()["errors"]
    event = AuditEvent.objects.get(action=AuditEvent.Action.ACCESS_DENIED)
    assert (event.actor, event.outcome) == (lead_a, "denied")
    assert (event.object_type, event.object_id) == (
        "network.membertrust",
        str(trust_b.pk),
    )


def test_another_trusts_id_in_an_api_filter_is_audited(lead_a, trust_b):
    response = bearer(lead_a).get("/api/v1/posts/", {"trust": trust_b.pk})
    assert response.status_code == 400
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.ACCESS_DENIED, object_id=str(trust_b.pk), actor=lead_a
    ).exists()


def test_another_trusts_id_in_the_web_form_is_audited(client_for, lead_a, trust_b):
    body = post_body(trust_b)
    body.update(status_effective_date_day="1", status_effective_date_month="2")
    response = client_for("lead_a").post("/workforce/posts/add/", body)
    assert response.status_code == 200
    assert "nhsuk-error-summary" in response.content.decode()
    assert not Post.objects.filter(trust=trust_b).exists()
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.ACCESS_DENIED, object_id=str(trust_b.pk), actor=lead_a
    ).exists()


def test_a_made_up_id_is_just_bad_input(lead_a):
    response = bearer(lead_a).get("/api/v1/posts/", {"trust": 987654})
    assert response.status_code == 400
    assert not AuditEvent.objects.filter(
        action=AuditEvent.Action.ACCESS_DENIED
    ).exists()


# --- methods -----------------------------------------------------------------
@pytest.mark.parametrize("path", ["/workforce/dashboard/", "/training/", "/"])
def test_trace_and_other_methods_are_refused_on_pages(client, path):
    for method in ("TRACE", "PUT", "DELETE", "PATCH"):
        response = client.generic(method, path)
        assert response.status_code == 405, method
        assert "POST" in response["Allow"]
        assert b"<html" not in response.content


@pytest.mark.parametrize("path", ["/workforce/dashboard/", "/training/"])
def test_options_on_a_page_says_what_it_accepts(client, path):
    response = client.options(path)
    assert response.status_code == 200
    assert response.content == b""
    assert response["Allow"] == "GET, HEAD, POST, OPTIONS"


def test_the_api_still_answers_its_own_options_and_refuses_trace(lead_a):
    client = bearer(lead_a)
    assert client.options("/api/v1/posts/").status_code == 200
    response = client.generic("TRACE", "/api/v1/posts/")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
