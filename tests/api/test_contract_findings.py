"""Bugs the Schemathesis contract run (scripts/api_contract.py) found, kept
here so they cannot come back on the ordinary test pass."""

import re

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from api.models import ApiToken
from network.models import ActionItem

PROBLEM = "application/problem+json"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "method, path",
    [
        ("post", "/api/v1/posts/%C2%84/status/"),
        ("patch", "/api/v1/actions/abc/"),
        ("post", "/api/v1/training/bookings/x/cancel/"),
        ("get", "/api/v1/training/bookings/%0A1/"),  # a newline slipped past "."
    ],
)
def test_any_wrong_address_is_a_json_404_not_html(coordinator, method, path):
    # Django's CSRF check ran on the catch-all 404 view and answered in HTML,
    # and a path with a newline missed the catch-all and got the HTML 404 page.
    client = APIClient(enforce_csrf_checks=True)
    _, raw = ApiToken.issue(user=coordinator, name="test")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    response = getattr(client, method)(path, {}, format="json")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


@pytest.mark.django_db
@pytest.mark.parametrize("value", [False, True])
def test_true_or_false_for_a_date_is_a_400_not_a_500(
    api, coordinator, objective, value
):
    response = api(coordinator).post(
        "/api/v1/actions/",
        {
            "objective": objective.pk,
            "ref": "4.9",
            "action": "Write the induction standard",
            "owner": coordinator.pk,
            "due_date": value,
        },
        format="json",
    )
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert "due_date" in response.json()["errors"]
    assert not ActionItem.objects.filter(ref="4.9").exists()


@pytest.mark.django_db
def test_session_times_match_what_the_schema_says(api, opportunity):
    # The schema said `format: time` (an RFC 3339 time with an offset), but
    # the API sends a local wall-clock time such as "09:30:00".
    schema = SchemaGenerator().get_schema(request=None, public=True)
    session = schema["components"]["schemas"]["Session"]["properties"]
    body = api().get(f"/api/v1/training/opportunities/{opportunity.pk}/").json()
    sent = body["sessions"][0]
    for field in ("start_time", "end_time"):
        assert session[field].get("format") != "time"
        assert re.fullmatch(session[field]["pattern"], sent[field]), sent[field]
