"""SEC-22 (no secrets in logs) and SEC-23 (log injection)."""

import json
import logging
import re

import pytest
from django.test import Client
from django.urls import reverse
from pythonjsonlogger.json import JsonFormatter

from api.models import ApiToken
from core.logging import RequestIdFilter
from tests.conftest import PASSWORD, TOTP_SECRET, current_totp_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def all_logs(caplog):
    caplog.set_level(logging.DEBUG)
    return caplog


def test_no_password_code_token_or_session_id_reaches_a_log_line(
    all_logs, capsys, coordinator, lead_a, mailoutbox
):
    secrets = {PASSWORD, TOTP_SECRET}
    client = Client()
    client.post(
        reverse("account_login"), {"login": coordinator.email, "password": PASSWORD}
    )
    code = current_totp_code()
    secrets.add(code)
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert client.get("/dashboard/").status_code == 200
    secrets.add(client.cookies["sessionid"].value)
    client.post(
        reverse("account_login"),
        {"login": lead_a.email, "password": "Wr0ng-" + PASSWORD},
    )
    secrets.add("Wr0ng-" + PASSWORD)

    _, raw = ApiToken.issue(user=lead_a, name="script")
    secrets.add(raw)
    api = Client(headers={"authorization": f"Bearer {raw}"})
    assert api.get("/api/v1/actions/").status_code == 200
    Client(headers={"authorization": f"Bearer {raw}x"}).get("/api/v1/actions/")

    Client().post(reverse("account_reset_password"), {"email": lead_a.email})
    reset_link = re.search(r"/accounts/password/reset/key/(\S+)/", mailoutbox[-1].body)
    secrets.add(reset_link.group(1))

    logged = "\n".join(
        [
            record.getMessage() + " " + json.dumps(record.__dict__, default=str)
            for record in all_logs.records
        ]
    )
    captured = capsys.readouterr()
    logged += captured.out + captured.err
    assert all_logs.records, "expected the flow to log something"
    leaked = [s for s in secrets if s in logged]
    assert not leaked, f"secrets found in logs: {len(leaked)}"


def _json_line(message: str, *args) -> str:
    formatter = JsonFormatter(
        "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s"
    )
    record = logging.LogRecord("audit", logging.INFO, __file__, 1, message, args, None)
    RequestIdFilter().filter(record)
    return formatter.format(record)


@pytest.mark.parametrize(
    "username",
    ["x\r\nINFO fake: admin signed in", "\x1b[31mred\x1b[0m", "a\u2028b\nc"],
    ids=["crlf", "ansi", "unicode-line-separators"],
)
def test_log_injection_stays_inside_one_json_record(username):
    line = _json_line("sign-in failed for %s", username)
    assert "\n" not in line and "\r" not in line and "\x1b" not in line
    assert json.loads(line)["message"] == f"sign-in failed for {username}"


def test_production_logs_are_json(settings):
    assert settings.LOGGING["formatters"]["json"]["()"].endswith("JsonFormatter")
