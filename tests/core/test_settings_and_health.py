"""Operations basics: settings from the environment, /healthz, production refusal."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k" * 20 + "-0123456789-abcdefghijklmnopqrstuvwxyz"


def run_manage(*args, **env_overrides):
    unset = (
        "DJANGO_ENV",
        "DEBUG",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    )  # the browser tests set it
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key_and_hosts():
    result = run_manage(
        "check", DJANGO_ENV="production", SECRET_KEY="", ALLOWED_HOSTS=""
    )
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "SECRET_KEY" in lines[0] and "ALLOWED_HOSTS" in lines[0]


def test_debug_false_is_production_and_names_only_what_is_missing():
    result = run_manage("check", DEBUG="false", SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="")
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr and "SECRET_KEY" not in result.stderr


def test_check_deploy_prints_no_warning_in_production_mode():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="psw.example.nhs.uk",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr


@pytest.mark.django_db
def test_healthz_reports_database_and_broker(client):
    from core import tasks

    tasks.record_heartbeat()
    tasks.scan_reminders()
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["database"]["ok"] is True
    assert body["broker"]["ok"] is True
    assert body["broker"]["transport"] in ("filesystem", "redis")


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_is_unreachable(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["database"]["ok"] is False


@pytest.mark.django_db
def test_every_response_carries_a_request_id_and_csp(client):
    response = client.get("/", HTTP_X_REQUEST_ID="abc123")
    assert response["X-Request-ID"] == "abc123"
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "nonce-" in csp


@pytest.mark.django_db
def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


@pytest.mark.parametrize(
    "who, expected, absent",
    [
        ("peer_worker", "Your training", "Your trust&#x27;s posts"),
        ("lead_a", "Your trust&#x27;s posts", "Reminder timings"),
        ("coordinator", "Reminder timings", "Your trust&#x27;s posts"),
    ],
)
def test_dashboard_offers_each_role_its_own_tasks(
    login, personas, who, expected, absent
):
    page = login(personas[who]).get("/dashboard/").content.decode()
    assert expected in page
    assert absent not in page


def test_a_notify_key_sends_every_email_through_notify_and_needs_a_template():
    script = "from django.conf import settings; print(settings.EMAIL_BACKEND)"
    key = "k-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0"
    chosen = run_manage(
        "shell", "-c", script, NOTIFY_API_KEY=key, NOTIFY_TEMPLATE_ID="t-1"
    )
    assert chosen.stdout.strip().splitlines()[-1] == "core.govuk_notify.EmailBackend"
    refused = run_manage("check", NOTIFY_API_KEY=key, NOTIFY_TEMPLATE_ID="")
    assert refused.returncode != 0
    assert "set NOTIFY_TEMPLATE_ID too" in refused.stderr
    assert key not in refused.stderr + refused.stdout
