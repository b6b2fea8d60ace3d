"""API tokens give no more than the person's session would (issue 16, high).

The three attacks an independent test found: a peer worker's token kept
working after they were made a coordinator (with no authenticator); a
coordinator removed their authenticator and their token kept working;
`create_api_token` issued a token to a coordinator with no authenticator.
Also: creating a token needs a fresh sign-in, tokens expire, and creation,
revocation and use after expiry are audited.
"""

from datetime import timedelta
from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import ApiToken
from audit.models import AuditEvent
from tests.api.conftest import make_post
from tests.security.test_data_protection import recent_auth

pytestmark = pytest.mark.django_db
Action = AuditEvent.Action
TOKENS = "/api/tokens/"


def bearer(raw: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def assert_refused_until_mfa(response):
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert "set up an authenticator app" in response.json()["detail"]


def test_token_of_someone_who_must_set_up_mfa_is_refused(peer_worker, trust_b):
    """Attack 1, as a shell or data fix would do it: the role changes with no
    revocation. The token must still give no more than the session does."""
    post_b = make_post(trust_b, local_ref="B-9")
    _, raw = ApiToken.issue(user=peer_worker, name="script")
    assert bearer(raw).get("/api/v1/posts/").status_code == 403  # a peer worker
    peer_worker.role = peer_worker.Role.COORDINATOR
    peer_worker.save()

    assert_refused_until_mfa(bearer(raw).get("/api/v1/posts/"))
    patch = bearer(raw).patch(
        f"/api/v1/posts/{post_b.pk}/", {"job_title": "Changed"}, format="json"
    )
    assert_refused_until_mfa(patch)
    post_b.refresh_from_db()
    assert post_b.job_title != "Changed"


def test_role_change_in_the_admin_revokes_tokens(client_for, personas, peer_worker):
    token, raw = ApiToken.issue(user=peer_worker, name="script")
    admin = client_for("admin")
    recent_auth(admin, personas["admin"])
    response = admin.post(
        f"/admin/accounts/user/{peer_worker.pk}/change/",
        {
            "email": peer_worker.email,
            "full_name": peer_worker.full_name,
            "role": "coordinator",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    peer_worker.refresh_from_db()
    assert peer_worker.role == "coordinator"
    token.refresh_from_db()
    assert token.revoked_at is not None
    event = AuditEvent.objects.get(action=Action.API_TOKEN_REVOKED)
    assert event.object_id == str(token.pk)
    assert event.details["reason"] == "role or access changed"
    assert event.actor == personas["admin"]
    # Even once they set up an authenticator, the old token stays dead.
    Authenticator.objects.create(user=peer_worker, type="totp", data={})
    assert bearer(raw).get("/api/v1/posts/").status_code == 401


def test_admin_edit_that_changes_no_access_keeps_tokens(client_for, personas, lead_a):
    token, _ = ApiToken.issue(user=lead_a, name="script")
    admin = client_for("admin")
    response = admin.post(
        f"/admin/accounts/user/{lead_a.pk}/change/",
        {
            "email": lead_a.email,
            "full_name": "A new name",
            "role": "trust_lead",
            "trust": lead_a.trust_id,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is None


def test_removing_the_authenticator_revokes_tokens(client_for, coordinator):
    """Attack 2: a coordinator removes their authenticator app."""
    token, raw = ApiToken.issue(user=coordinator, name="script")
    assert bearer(raw).get("/api/v1/posts/").status_code == 200
    client = recent_auth(client_for("coordinator"), coordinator)
    response = client.post("/accounts/2fa/totp/deactivate/")
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=coordinator, type="totp").exists()
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert bearer(raw).get("/api/v1/posts/").status_code == 401
    assert AuditEvent.objects.filter(
        action=Action.API_TOKEN_REVOKED, details__reason="authenticator removed"
    ).exists()


def test_authenticator_deleted_without_revocation_still_refuses(coordinator):
    _, raw = ApiToken.issue(user=coordinator, name="script")
    Authenticator.objects.filter(user=coordinator).delete()
    assert_refused_until_mfa(bearer(raw).get("/api/v1/posts/"))


def test_admin_deleting_an_authenticator_revokes_tokens(
    client_for, personas, coordinator
):
    token, _ = ApiToken.issue(user=coordinator, name="script")
    totp = Authenticator.objects.get(user=coordinator, type="totp")
    admin = client_for("admin")
    response = admin.post(
        f"/admin/mfa/authenticator/{totp.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_command_refuses_a_coordinator_without_an_authenticator(
    coordinator_without_mfa,
):
    """Attack 3."""
    with pytest.raises(CommandError, match="authenticator app"):
        call_command(
            "create_api_token", coordinator_without_mfa.email, stdout=StringIO()
        )
    assert not ApiToken.objects.exists()


def test_command_is_audited_and_works_for_a_coordinator_with_mfa(coordinator):
    out = StringIO()
    call_command("create_api_token", coordinator.email, "demo", stdout=out)
    assert bearer(out.getvalue().strip()).get("/api/v1/posts/").status_code == 200
    event = AuditEvent.objects.get(action=Action.API_TOKEN_CREATED)
    assert event.actor == coordinator
    assert event.details["via"] == "command line"


def test_command_refuses_in_production_mode(settings, lead_a):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="/api/tokens/"):
        call_command("create_api_token", lead_a.email, stdout=StringIO())
    assert not ApiToken.objects.exists()


def test_creating_a_token_on_the_web_needs_a_fresh_sign_in(client_for, lead_a):
    client = client_for("lead_a")  # signed in, but not within the last 5 minutes
    assert client.get(TOKENS).status_code == 200  # looking needs no re-check
    response = client.post(TOKENS, {"name": "ESR export"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert not ApiToken.objects.exists()

    recent_auth(client, lead_a)
    response = client.post(TOKENS, {"name": "ESR export"})
    assert response.status_code == 302 and response["Location"] == TOKENS
    token = ApiToken.objects.get(user=lead_a)
    event = AuditEvent.objects.get(action=Action.API_TOKEN_CREATED)
    assert (event.actor, event.object_id) == (lead_a, str(token.pk))
    assert event.details["via"] == "web page"


def test_revoking_on_the_web_is_audited(client_for, lead_a):
    token, _ = ApiToken.issue(user=lead_a, name="old")
    client_for("lead_a").post(f"/api/tokens/{token.pk}/revoke/")
    event = AuditEvent.objects.get(action=Action.API_TOKEN_REVOKED)
    assert (event.actor, event.details["reason"]) == (lead_a, "revoked by its owner")


@pytest.mark.parametrize(("age_days", "works"), [(89, True), (90, False)])
def test_tokens_expire_after_90_days_by_default(lead_a, age_days, works):
    token, raw = ApiToken.issue(user=lead_a, name="old")
    created = timezone.now() - timedelta(days=age_days, minutes=1 if works else 0)
    ApiToken.objects.filter(pk=token.pk).update(created_at=created)
    response = bearer(raw).get("/api/v1/actions/")
    assert response.status_code == (200 if works else 401)
    expired_events = AuditEvent.objects.filter(action=Action.API_TOKEN_EXPIRED)
    assert expired_events.exists() is not works
    if not works:
        assert "expired" in response.json()["detail"]
        event = expired_events.get()
        assert (event.actor, event.outcome) == (lead_a, "denied")


def test_token_lifetime_is_configurable(settings, lead_a):
    settings.API_TOKEN_MAX_AGE_DAYS = 7
    token, raw = ApiToken.issue(user=lead_a, name="short")
    ApiToken.objects.filter(pk=token.pk).update(
        created_at=timezone.now() - timedelta(days=8)
    )
    assert bearer(raw).get("/api/v1/actions/").status_code == 401


def test_closing_the_account_revokes_tokens(client_for, lead_a):
    token, _ = ApiToken.issue(user=lead_a, name="script")
    client = recent_auth(client_for("lead_a"), lead_a)
    client.post("/accounts/my-data/close/", {"confirm": "on"})
    lead_a.refresh_from_db()
    assert not lead_a.is_active
    token.refresh_from_db()
    assert token.revoked_at is not None


# --- the same class of problem: the private calendar feed link ---------------
def calendar_link(user) -> str:
    from network.models import CalendarFeedToken

    return CalendarFeedToken.objects.create(user=user).get_feed_url()


def test_calendar_link_gives_nothing_while_mfa_must_be_set_up(client, coordinator):
    url = calendar_link(coordinator)
    assert client.get(url).status_code == 200
    Authenticator.objects.filter(user=coordinator).delete()
    assert client.get(url).status_code == 404


def test_removing_the_authenticator_ends_the_calendar_link(client_for, coordinator):
    url = calendar_link(coordinator)
    client = recent_auth(client_for("coordinator"), coordinator)
    client.post("/accounts/2fa/totp/deactivate/")
    again = Authenticator.objects.create(user=coordinator, type="totp", data={})
    assert again.pk  # set up again: the old link still stays dead
    assert client.get(url).status_code == 404


def test_a_role_change_ends_the_calendar_link(client, client_for, personas, lead_a):
    url = calendar_link(lead_a)
    response = client_for("coordinator").post(
        f"/accounts/people/{lead_a.pk}/role/", {"role": "peer_worker"}
    )
    assert response.status_code == 302
    assert client.get(url).status_code == 404
