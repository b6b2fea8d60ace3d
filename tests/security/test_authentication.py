"""Sign-in security: throttling, enumeration, MFA, sessions, reauthentication,
password policy (SEC-14, 14b, 16, 17, 18, 19, 20)."""

import re
import time

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from accounts.passwords import BreachedPasswordValidator
from audit.middleware import SessionTimeoutMiddleware
from audit.models import AuditEvent
from tests.conftest import PASSWORD, current_totp_code, make_user

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
# Per-response values: the CSRF token and the CSP nonce.
VARYING = re.compile(rb'(name="csrfmiddlewaretoken" value|nonce)="[^"]+"')


def sign_in(client, email, password=PASSWORD, **extra):
    return client.post(LOGIN, {"login": email, "password": password}, **extra)


# --- SEC-14 / 14b: throttling ------------------------------------------------
def test_sixth_attempt_after_five_failures_is_refused_even_with_the_right_password(
    client, lead_a
):
    for _ in range(5):
        assert sign_in(client, lead_a.email, "wrong-password-123").status_code == 200
    response = sign_in(client, lead_a.email)
    assert response.status_code == 200  # allauth shows the form with an error
    assert b"Too many failed login attempts" in response.content
    assert client.get("/dashboard/").status_code == 302


def test_failures_for_one_account_do_not_lock_out_another(client, lead_a, lead_b):
    for _ in range(5):
        sign_in(client, lead_a.email, "wrong-password-123")
    assert sign_in(client, lead_b.email).status_code == 302


def test_a_whole_trust_behind_one_nat_address_can_sign_in(db):
    users = [make_user(f"nat{i}@example.test", "peer_worker") for i in range(100)]
    statuses = {
        sign_in(Client(), u.email, REMOTE_ADDR="198.51.100.7").status_code
        for u in users
    }
    assert statuses == {302}


def test_client_supplied_forwarded_for_is_not_trusted_without_a_proxy(
    settings, client, lead_a
):
    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == 0
    for i in range(5):
        sign_in(
            client,
            lead_a.email,
            "wrong-password-123",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{i}",
        )
    event = AuditEvent.objects.filter(action="auth.login_failed").first()
    assert event.ip_address == "127.0.0.1"


def test_rate_limits_use_a_cache_shared_by_all_workers(settings):
    backend = settings.CACHES["default"]["BACKEND"]
    assert backend.endswith(("DatabaseCache", "RedisCache"))  # never LocMem/Dummy


# --- SEC-16: no user enumeration -------------------------------------------
def _body(response) -> bytes:
    return VARYING.sub(b"", response.content)


def test_password_reset_answers_the_same_for_known_and_unknown_emails(lead_a):
    known = Client().post(reverse("account_reset_password"), {"email": lead_a.email})
    unknown = Client().post(
        reverse("account_reset_password"), {"email": "nobody@example.test"}
    )
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert _body(Client().get(known["Location"])) == _body(
        Client().get(unknown["Location"])
    )


def test_login_error_is_the_same_for_unknown_user_and_wrong_password(lead_a):
    wrong = sign_in(Client(), lead_a.email, "wrong-password-123")
    unknown = sign_in(Client(), "nobody@example.test", "wrong-password-123")
    assert wrong.status_code == unknown.status_code == 200
    assert _body(wrong).replace(lead_a.email.encode(), b"X") == _body(unknown).replace(
        b"nobody@example.test", b"X"
    )


def test_signup_with_an_existing_email_looks_like_a_new_signup(lead_a):
    def signup(email):
        return Client().post(
            reverse("account_signup"),
            {
                "email": email,
                "password1": "a-brand-new-passphrase-42",
                "password2": "a-brand-new-passphrase-42",
                "full_name": "Sam Example",
            },
        )

    existing, new = signup(lead_a.email), signup("new.person@example.test")
    assert existing.status_code == new.status_code == 302
    assert existing["Location"] == new["Location"]


# --- SEC-17: MFA -------------------------------------------------------------
@pytest.mark.parametrize(
    "path", ["/dashboard/", "/network/actions/", "/workforce/posts/", "/audit/"]
)
def test_coordinator_without_totp_is_sent_to_set_it_up(
    login, coordinator_without_mfa, path
):
    response = login(coordinator_without_mfa).get(path)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_password_alone_does_not_sign_in_an_mfa_user(client, coordinator):
    response = sign_in(client, coordinator.email)
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get("/dashboard/").status_code == 302


def test_a_totp_code_works_once(coordinator):
    code = current_totp_code()
    first = Client()
    sign_in(first, coordinator.email)
    assert first.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    assert first.get("/dashboard/").status_code == 200
    second = Client()
    sign_in(second, coordinator.email)
    response = second.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 200  # the form again, with an error
    assert second.get("/dashboard/").status_code == 302


def mfa_sign_in(email, code):
    client = Client()
    sign_in(client, email)
    client.post(reverse("mfa_authenticate"), {"code": code})
    return client.get("/dashboard/").status_code


@pytest.fixture
def still_clock(time_machine):
    """The clock stands still, so a code made a step away stays that far away."""
    time_machine.move_to(time.time(), tick=False)


def test_a_code_that_changed_while_being_typed_is_still_accepted(
    coordinator, still_clock
):
    assert mfa_sign_in(coordinator.email, current_totp_code(steps=-1)) == 200


@pytest.mark.parametrize("steps", [-2, 2])
def test_a_code_from_before_the_last_step_or_after_the_next_is_refused(
    coordinator, still_clock, steps
):
    assert mfa_sign_in(coordinator.email, current_totp_code(steps=steps)) == 302


def test_a_recovery_code_works_once(coordinator):
    codes = RecoveryCodes.activate(coordinator).generate_codes()
    first = Client()
    sign_in(first, coordinator.email)
    first.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert first.get("/dashboard/").status_code == 200
    second = Client()
    sign_in(second, coordinator.email)
    second.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert second.get("/dashboard/").status_code == 302


def test_password_reset_does_not_sign_in_and_so_cannot_skip_mfa(settings):
    assert not getattr(settings, "ACCOUNT_LOGIN_ON_PASSWORD_RESET", False)


# --- SEC-18: session lifecycle ----------------------------------------------
def test_session_key_changes_at_sign_in(client, lead_a):
    session = client.session
    session["probe"] = 1
    session.save()
    before = client.cookies["sessionid"].value
    sign_in(client, lead_a.email)
    assert client.cookies["sessionid"].value != before


def test_replaying_a_cookie_after_sign_out_fails(client, lead_a):
    sign_in(client, lead_a.email)
    old = client.cookies["sessionid"].value
    client.post(reverse("account_logout"))
    replay = Client()
    replay.cookies["sessionid"] = old
    assert replay.get("/dashboard/").status_code == 302


def test_deactivated_user_is_rejected_on_the_next_request(client_for, lead_a):
    client = client_for("lead_a")
    lead_a.is_active = False
    lead_a.save()
    assert client.get("/dashboard/").status_code == 302


def test_password_change_ends_other_sessions(client_for, lead_a):
    other = client_for("lead_a")
    lead_a.set_password("a-completely-new-passphrase-7")
    lead_a.save()
    assert other.get("/dashboard/").status_code == 302


def _age_session(client, **seconds_ago):
    session = client.session
    now = time.time()
    if "idle" in seconds_ago:
        session[SessionTimeoutMiddleware.SEEN] = now - seconds_ago["idle"]
    if "started" in seconds_ago:
        session[SessionTimeoutMiddleware.STARTED] = now - seconds_ago["started"]
    session.save()


@pytest.mark.parametrize(
    "ages, signed_out",
    [
        ({"idle": 29 * 60, "started": 29 * 60}, False),
        ({"idle": 31 * 60, "started": 31 * 60}, True),
        ({"idle": 60, "started": 11 * 3600 + 3500}, False),
        ({"idle": 60, "started": 12 * 3600 + 1}, True),
    ],
    ids=["idle-29min", "idle-31min", "absolute-11h58", "absolute-12h"],
)
def test_idle_and_absolute_timeouts(client_for, ages, signed_out):
    client = client_for("lead_a")
    assert client.get("/dashboard/").status_code == 200
    _age_session(client, **ages)
    response = client.get("/dashboard/")
    assert (response.status_code == 302) is signed_out
    if signed_out:
        assert response["Location"].startswith(reverse("account_login"))
        assert client.get("/dashboard/").status_code == 302
        assert AuditEvent.objects.filter(action="auth.session_expired").count() == 1


# --- SEC-19: reauthentication ------------------------------------------------
def test_changing_email_needs_a_recent_reauthentication(client_for):
    response = client_for("lead_a").post(
        reverse("account_email"), {"action_add": "", "email": "new@example.test"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


@pytest.mark.parametrize("name", ["mfa_activate_totp", "mfa_deactivate_totp"])
def test_changing_mfa_needs_a_recent_reauthentication(client_for, name):
    role = "lead_a" if name == "mfa_activate_totp" else "coordinator"
    response = client_for(role).get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(
        (reverse("account_reauthenticate"), reverse("mfa_reauthenticate"))
    )


# --- SEC-20: password policy -------------------------------------------------
@pytest.mark.parametrize(
    "password",
    ["short-pw-1", "password1234", "123456789012345", "correcthorsebatterystaple"],
    ids=["under-12", "common", "numeric", "breached"],
)
def test_weak_passwords_are_refused(password, lead_a):
    with pytest.raises(ValidationError):
        validate_password(password, lead_a)


def test_password_like_the_users_email_is_refused(lead_a):
    with pytest.raises(ValidationError):
        validate_password("lead.a@example.test", lead_a)


@pytest.mark.parametrize(
    "password",
    [
        "x7" * 40,
        "tŵr gwylio'r môr yn y nos 🌙",
        "four random words here",
    ],
    ids=["80-chars", "unicode", "spaces-no-composition-rules"],
)
def test_long_unicode_and_spaced_passwords_are_accepted(password, lead_a):
    validate_password(password, lead_a)


def test_breached_check_is_offline_and_uses_the_bundled_list(monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("the breached-password check must not use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    validator = BreachedPasswordValidator()
    with pytest.raises(ValidationError, match="data breach"):
        validator.validate("Liverpool123")
    validator.validate("an unremarkable but long passphrase")


def test_absolute_lifetime_counts_from_sign_in(client, lead_a):
    before = time.time()
    sign_in(client, lead_a.email)
    started = client.session[SessionTimeoutMiddleware.STARTED]
    assert before <= started <= time.time()


def test_privileged_users_cannot_skip_mfa_with_a_trusted_browser(settings):
    assert not getattr(settings, "MFA_TRUST_ENABLED", False)
