"""Transport and browser protections: SEC-01/02/03/04/08/09/21/26."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.security.inventory import all_checks

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k" * 20 + "-0123456789-abcdefghijklmnopqrstuvwxyz"
PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": STRONG_KEY,
    "ALLOWED_HOSTS": "psw.example.nhs.uk",
    "TESTING": "false",
}
NAMES = (
    "SESSION_COOKIE_NAME CSRF_COOKIE_NAME SESSION_COOKIE_SECURE CSRF_COOKIE_SECURE "
    "SESSION_COOKIE_HTTPONLY SESSION_COOKIE_SAMESITE CSRF_COOKIE_SAMESITE "
    "SESSION_COOKIE_AGE SESSION_COOKIE_DOMAIN SECURE_HSTS_SECONDS "
    "SECURE_HSTS_INCLUDE_SUBDOMAINS SECURE_SSL_REDIRECT SECURE_CONTENT_TYPE_NOSNIFF "
    "SECURE_REFERRER_POLICY ALLOWED_HOSTS DEBUG SESSION_ENGINE "
    "SESSION_IDLE_TIMEOUT SESSION_ABSOLUTE_TIMEOUT"
).split()


@pytest.fixture(scope="module")
def production_settings() -> dict:
    """The settings as production would load them (a separate process)."""
    code = (
        "import json; from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n, None) for n in {NAMES!r}}}))"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG",)}
    env.update(PRODUCTION_ENV)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def production_cookie_settings(values: dict):
    keys = [n for n in NAMES if n.startswith(("SESSION_COOKIE", "CSRF_COOKIE"))]
    return override_settings(**{k: values[k] for k in keys})


# --- SEC-01 / SEC-03 / SEC-26: production settings ---------------------------
def test_production_settings_meet_the_baseline(production_settings):
    s = production_settings
    assert s["DEBUG"] is False
    assert s["ALLOWED_HOSTS"] == ["psw.example.nhs.uk"]
    assert s["SECURE_HSTS_SECONDS"] >= 31536000 and s["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert s["SECURE_SSL_REDIRECT"] and s["SECURE_CONTENT_TYPE_NOSNIFF"]
    assert s["SECURE_REFERRER_POLICY"] in ("same-origin", "no-referrer")
    assert s["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    assert s["SESSION_COOKIE_AGE"] == 12 * 3600
    assert s["SESSION_IDLE_TIMEOUT"] == 30 * 60
    assert s["SESSION_ABSOLUTE_TIMEOUT"] == 12 * 3600


def test_production_cookies_are_host_only_secure_httponly_samesite(
    production_settings, lead_a
):
    s = production_settings
    assert s["SESSION_COOKIE_NAME"].startswith("__Host-")
    assert s["CSRF_COOKIE_NAME"].startswith("__Host-")
    assert s["SESSION_COOKIE_DOMAIN"] is None
    with production_cookie_settings(s):
        client = Client()
        client.get(reverse("account_login"), secure=True)
        response = client.post(
            reverse("account_login"),
            {"login": lead_a.email, "password": PASSWORD},
            secure=True,
        )
        assert response.status_code == 302
        session = response.cookies[s["SESSION_COOKIE_NAME"]]
        csrf = client.cookies[s["CSRF_COOKIE_NAME"]]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == "Lax" and session["path"] == "/"
    assert not session["domain"]
    assert csrf["secure"] and csrf["samesite"] == "Lax" and csrf["path"] == "/"


@override_settings(ALLOWED_HOSTS=["psw.example.nhs.uk"])
def test_unknown_host_header_is_rejected():
    assert Client().get("/", HTTP_HOST="evil.example").status_code == 400
    assert Client().get("/", HTTP_HOST="psw.example.nhs.uk").status_code == 200


@override_settings(
    ALLOWED_HOSTS=["psw.example.nhs.uk", "internal.example"],
    SITE_URL="https://psw.example.nhs.uk",
)
def test_password_reset_link_uses_the_public_address_not_the_host_header(
    lead_a, mailoutbox
):
    # Even a Host header the server accepts never decides where a reset link
    # points: every link comes from the configured public address.
    Client().post(
        reverse("account_reset_password"),
        {"email": lead_a.email},
        HTTP_HOST="internal.example",
    )
    links = re.findall(r"https?://[^/\s]+", mailoutbox[0].body)
    assert links and all(link == "https://psw.example.nhs.uk" for link in links)
    assert "internal.example" not in mailoutbox[0].body


# --- SEC-02: headers ------------------------------------------------------------
def _script_src(csp: str) -> str:
    for directive in csp.split(";"):
        parts = directive.strip().split()
        if parts and parts[0] == "script-src":
            return " ".join(parts[1:])
    return ""


def assert_security_headers(response):
    assert "max-age=31536000" in response["Strict-Transport-Security"]
    assert "includeSubDomains" in response["Strict-Transport-Security"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] in ("same-origin", "no-referrer")
    csp = response["Content-Security-Policy"]
    for needed in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert needed in csp
    script_src = _script_src(csp)
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    # django-csp 4 adds the nonce when the page uses one; without it no inline
    # script runs at all, which is stricter still.
    used = re.search(r'nonce="([^"]+)"', response.content.decode())
    if used:
        assert f"'nonce-{used.group(1)}'" in script_src


@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_security_headers_on_200_302_403_404_and_500(client_for, monkeypatch):
    from network.models import Milestone

    responses = [
        client_for("anonymous").get("/", secure=True),
        client_for("anonymous").get("/dashboard/", secure=True),
        client_for("peer_worker").get("/accounts/people/", secure=True),
        client_for("peer_worker").get("/no-such-page/", secure=True),
    ]
    assert [r.status_code for r in responses] == [200, 302, 403, 404]
    assert "nonce=" in responses[0].content.decode()  # the nonce is really used

    def boom():
        raise RuntimeError("forced failure for SEC-02")

    monkeypatch.setattr(Milestone.objects, "all", boom)
    broken = Client(raise_request_exception=False).get("/", secure=True)
    assert broken.status_code == 500
    for response in [*responses, broken]:
        assert_security_headers(response)


def test_csp_nonce_is_new_on_every_response():
    first = Client().get("/")["Content-Security-Policy"]
    second = Client().get("/")["Content-Security-Policy"]
    nonce = re.compile(r"'nonce-([^']+)'")
    assert nonce.search(first).group(1) != nonce.search(second).group(1)


def test_pages_have_no_inline_scripts_without_the_nonce(client_for):
    body = client_for("coordinator").get("/dashboard/").content.decode()
    for tag in re.findall(r"<script[^>]*>", body):
        assert "src=" in tag or "nonce=" in tag, tag
    assert not re.search(r"\son[a-z]+=\"", body), "inline event handler in page"


# --- SEC-21: errors --------------------------------------------------------------
def test_server_error_is_generic_and_quotes_the_request_id(monkeypatch, caplog):
    from network.models import Milestone

    def boom():
        raise RuntimeError("database password is hunter2")

    monkeypatch.setattr(Milestone.objects, "all", boom)
    response = Client(raise_request_exception=False).get("/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Traceback" not in body and "hunter2" not in body and "SELECT" not in body
    request_id = response["X-Request-ID"]
    assert request_id in body
    logged = [r for r in caplog.records if r.levelname == "ERROR"]
    assert logged and logged[-1].request_id == request_id and logged[-1].exc_info


# --- SEC-04 / SEC-09: caching and safe methods over every declared URL --------
def _get_urls(world, role: str):
    from tests.policies import parse

    for policy in all_checks():
        if not policy.get or parse(policy.get)[role] != 200:
            continue
        kwargs = policy.kwargs(world) if policy.kwargs else {}
        public = parse(policy.get)["anonymous"] == 200
        yield policy.name, reverse(policy.name, kwargs=kwargs) + policy.query, public


HOUSEKEEPING = ("django_session", "django_cache", "audit_auditevent", "last_login")


@pytest.mark.parametrize("role", ["lead_a", "coordinator"])
def test_signed_in_pages_have_csp_no_store_and_gets_write_nothing(
    world, client_for, role
):
    client = client_for(role)
    problems = []
    for name, url, public in _get_urls(world, role):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        cache_control = response.get("Cache-Control", "")
        # Open data is the same for everyone and may be cached publicly.
        shared = public and "public" in cache_control
        csp = response.get("Content-Security-Policy", "")
        if "frame-ancestors 'none'" not in csp or "object-src 'none'" not in csp:
            problems.append(f"{name}: CSP {csp!r}")
        if response.get("X-Content-Type-Options") != "nosniff":
            problems.append(f"{name}: no nosniff")
        if "no-store" not in cache_control and not shared:
            problems.append(f"{name}: Cache-Control {response.get('Cache-Control')}")
        for query in queries.captured_queries:
            sql = query["sql"].lstrip().upper()
            if sql.startswith(("INSERT", "UPDATE", "DELETE")) and not any(
                table in query["sql"] for table in HOUSEKEEPING
            ):
                problems.append(f"{name}: GET wrote {query['sql'][:120]}")
    assert not problems, "\n".join(problems)


def test_no_personal_data_or_tokens_in_query_strings():
    pattern = re.compile(r"\?(email|token|password|key)=", re.I)
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert not offenders


# --- SEC-08: CSRF on every POST --------------------------------------------------
# Views that take POSTs without a CSRF token, each with its reason.
CSRF_EXEMPT = {
    "core:unsubscribe": "RFC 8058 one-click unsubscribe; the signed link is the key",
}


def _post_targets(world):
    from tests.policies import ROLES, parse

    for policy in all_checks():
        if not policy.post or policy.name in CSRF_EXEMPT:
            continue
        expected = parse(policy.post)
        role = next((r for r in ROLES if expected[r] in (200, 302, 400, 415)), None)
        if role is None or (role == "anonymous" and expected[role] == 302):
            continue
        kwargs = policy.kwargs(world) if policy.kwargs else {}
        yield policy, role, reverse(policy.name, kwargs=kwargs)


def test_every_post_without_a_csrf_token_is_refused(world, client_for):
    problems = []
    for policy, role, url in _post_targets(world):
        client = client_for(role, enforce_csrf_checks=True)
        if url.startswith("/api/v1/"):
            response = client.post(url, {}, content_type="application/json")
        else:
            response = client.post(url, {})
        if response.status_code != 403:
            problems.append(f"{policy.name} as {role}: {response.status_code}")
    assert not problems, "POSTs accepted without a CSRF token:\n" + "\n".join(problems)


def test_a_csrf_token_from_another_session_is_refused(client_for):
    other = client_for("lead_b", enforce_csrf_checks=True)
    other.get(reverse("accounts:my-data"))
    foreign = other.cookies["csrftoken"].value
    client = client_for("lead_a", enforce_csrf_checks=True)
    client.get(reverse("accounts:my-data"))
    response = client.post(
        reverse("accounts:my-data-download"), {"csrfmiddlewaretoken": foreign}
    )
    assert response.status_code == 403


def test_csrf_exempt_appears_only_where_allowed():
    # notifications: one-click unsubscribe (RFC 8058) and GOV.UK Notify's
    # delivery receipts (a bearer token, server to server); api/exceptions: the API's
    # catch-all 404, which changes nothing and must answer JSON to any method.
    allowed = {"core/views/notifications.py", "api/exceptions.py"}
    found = set()
    for path in ROOT.glob("*/**/*.py"):
        rel = str(path.relative_to(ROOT))
        if rel.startswith((".venv", "node_modules", "tests/", "var/")):
            continue
        if "@csrf_exempt" in path.read_text(encoding="utf-8"):
            found.add(rel)
    assert found <= allowed, f"csrf_exempt outside the allowlist: {found - allowed}"


# --- SEC-28: expensive endpoints ------------------------------------------------
def test_exports_are_limited_per_user(client_for, settings):
    settings.EXPENSIVE_REQUESTS_PER_MINUTE = 3
    lead_a, lead_b = client_for("lead_a"), client_for("lead_b")
    url = reverse("workforce:post-export")
    assert [lead_a.get(url).status_code for _ in range(4)] == [200, 200, 200, 429]
    assert lead_b.get(url).status_code == 200  # one person's limit only
    assert client_for("lead_a").get(reverse("workforce:post-list")).status_code == 200


# --- SEC-15: admin ----------------------------------------------------------------
def test_admin_login_goes_through_allauth_and_needs_mfa(client_for, login, db):
    from tests.conftest import make_user

    response = Client().get("/admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    superuser = make_user(
        "root@example.test", "coordinator", is_staff=True, is_superuser=True
    )
    response = login(superuser).get("/admin/")
    assert response["Location"] == reverse("mfa_activate_totp")
