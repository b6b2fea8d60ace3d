"""Personal API tokens: created on the account page, shown once, hashed at
rest, revocable, with last-used time; they act with exactly the user's access."""

import hashlib
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import ApiToken
from tests.security.test_data_protection import recent_auth

PAGE = "/api/tokens/"
TOKEN_RE = re.compile(r'value="(nwpsw_[^"]+)"')


def _create(client, name="ESR export"):
    user = get_user_model().objects.get(pk=client.session["_auth_user_id"])
    recent_auth(client, user)  # creating a token asks "confirm it is you"
    response = client.post(PAGE, {"name": name}, follow=True)
    assert response.redirect_chain == [(PAGE, 302)]
    return TOKEN_RE.search(response.content.decode()).group(1), response


def _bearer(raw):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", 302),
        ("peer_worker", 200),
        ("lead_a", 200),
        ("lead_b", 200),
        ("coordinator", 200),
        ("admin", 200),
    ],
)
def test_token_page_is_for_signed_in_people(login, personas, persona, expected):
    assert login(personas[persona]).get(PAGE).status_code == expected


@pytest.mark.django_db
def test_token_is_shown_once_and_stored_only_as_a_hash(login, lead_a):
    client = login(lead_a)
    raw, response = _create(client)
    token = ApiToken.objects.get(user=lead_a)
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in {token.token_hash, token.prefix, token.name}
    assert raw.startswith(token.prefix)
    assert "no-store" in response["Cache-Control"]
    again = client.get(PAGE).content.decode()
    assert raw not in again
    assert raw not in str(dict(client.session))
    assert token.prefix in again


@pytest.mark.django_db
def test_token_needs_a_name(login, lead_a):
    response = recent_auth(login(lead_a), lead_a).post(PAGE, {"name": "  "})
    assert "Enter a name for the token" in response.content.decode()
    assert response.content.decode().count("<title>Error: ") == 1
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_token_acts_as_its_user_and_records_last_use(login, lead_a, post_a, post_b):
    raw, _ = _create(login(lead_a))
    response = _bearer(raw).get("/api/v1/posts/")
    assert response.status_code == 200
    assert [p["local_ref"] for p in response.json()["results"]] == ["A-001"]
    assert ApiToken.objects.get(user=lead_a).last_used_at is not None


@pytest.mark.django_db
def test_revoked_token_is_401(login, lead_a, post_a):
    client = login(lead_a)
    raw, _ = _create(client)
    token = ApiToken.objects.get(user=lead_a)
    response = client.post(f"/api/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    response = _bearer(raw).get("/api/v1/posts/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"] == "Bearer"


@pytest.mark.django_db
def test_unknown_token_is_401_even_on_public_endpoints(post_a):
    response = _bearer("nwpsw_not-a-real-token").get("/api/v1/trusts/")
    assert response.status_code == 401


@pytest.mark.django_db
def test_revoke_asks_first_and_a_get_revokes_nothing(login, lead_a):
    token, _ = ApiToken.issue(user=lead_a, name="x")
    question = login(lead_a).get(f"/api/tokens/{token.pk}/revoke/")
    assert "Are you sure you want to revoke" in question.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.django_db
def test_someone_elses_token_cannot_be_revoked(login, lead_a, lead_b):
    token, _ = ApiToken.issue(user=lead_b, name="B's")
    assert login(lead_a).post(f"/api/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.django_db
def test_token_of_deactivated_user_stops_working(lead_a):
    _, raw = ApiToken.issue(user=lead_a, name="x")
    lead_a.is_active = False
    lead_a.save()
    assert _bearer(raw).get("/api/v1/actions/").status_code == 401


@pytest.mark.django_db
def test_last_used_is_not_rewritten_on_every_request(lead_a):
    token, raw = ApiToken.issue(user=lead_a, name="x")
    earlier = timezone.now() - timezone.timedelta(seconds=10)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=earlier)
    _bearer(raw).get("/api/v1/actions/")
    token.refresh_from_db()
    assert token.last_used_at == earlier


@pytest.mark.django_db
def test_command_line_token_works_once_printed(lead_a, post_a):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("create_api_token", lead_a.email, "script", stdout=out)
    raw = out.getvalue().strip()
    assert _bearer(raw).get("/api/v1/posts/").json()["count"] == 1
    assert ApiToken.objects.get(user=lead_a).name == "script"


@pytest.mark.django_db
def test_command_line_token_needs_a_real_user(db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError):
        call_command("create_api_token", "nobody@example.test")


@pytest.mark.django_db
def test_at_most_ten_live_tokens(login, lead_a):
    for i in range(10):
        ApiToken.issue(user=lead_a, name=f"t{i}")
    response = recent_auth(login(lead_a), lead_a).post(PAGE, {"name": "eleventh"})
    assert "revoke one before adding another" in response.content.decode()
    assert ApiToken.objects.filter(user=lead_a).count() == 10


@pytest.mark.django_db
def test_api_root_leads_to_the_docs(client):
    response = client.get("/api/")
    assert response.status_code == 302
    assert response["Location"] == "/api/docs/"
