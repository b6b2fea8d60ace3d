"""Download my data, close my account, and the retention purge (SEC-27)."""

import json
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from audit.retention import ANONYMISED_DOMAIN, FORMER_MEMBER, purge_expired

pytestmark = pytest.mark.django_db


def recent_auth(client, user):
    """Mark the session as freshly authenticated (reauthentication passes)."""
    session = client.session
    now = timezone.now().timestamp()
    session["account_authentication_methods"] = [
        {"method": "password", "at": now, "email": user.email, "reauthenticated": True}
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return client


def test_download_contains_my_records_and_no_secrets(client_for, world):
    from tests.policies.training import booking

    booking(world)  # the peer worker's booking
    client = client_for("peer_worker")
    response = client.post(reverse("accounts:my-data-download"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["profile"]["email"] == world.peer_worker.email
    assert "password" not in data["profile"]
    assert len(data["records"]["training.trainingbooking"]) == 1
    assert AuditEvent.objects.filter(action="data.downloaded").count() == 1


def test_download_leaves_out_authenticator_secrets(client_for, world):
    from tests.conftest import TOTP_SECRET

    response = client_for("coordinator").post(reverse("accounts:my-data-download"))
    body = response.content.decode()
    assert TOTP_SECRET not in body
    assert json.loads(body)["authenticators"] == ["totp"]


def test_closing_needs_a_recent_sign_in(client_for):
    response = client_for("peer_worker").post(
        reverse("accounts:close-account"), {"confirm": "on"}
    )
    assert response.status_code == 302
    assert reverse("account_reauthenticate") in response["Location"]


def test_closing_without_ticking_the_box_is_refused(client_for, world):
    client = recent_auth(client_for("peer_worker"), world.peer_worker)
    response = client.post(reverse("accounts:close-account"), {})
    assert response.status_code == 200
    assert "Tick the box" in response.content.decode()
    world.peer_worker.refresh_from_db()
    assert world.peer_worker.is_active


def test_closing_anonymises_ends_sessions_and_keeps_authored_records(client_for, world):
    from tests.policies.network import action_item

    item = action_item(world)  # owned by lead A
    other_session = client_for("lead_a")
    client = recent_auth(client_for("lead_a"), world.lead_a)
    response = client.post(reverse("accounts:close-account"), {"confirm": "on"})
    assert response.status_code == 302
    user = world.lead_a
    user.refresh_from_db()
    assert user.full_name == FORMER_MEMBER and not user.is_active
    assert not user.has_usable_password() and user.trust is None
    item.refresh_from_db()
    assert item.owner_id == user.pk  # the record stays, shown as a former member
    assert other_session.get(reverse("core:dashboard")).status_code == 302
    assert not any(
        s.get_decoded().get("_auth_user_id") == str(user.pk)
        for s in Session.objects.all()
    )
    assert AuditEvent.objects.filter(action="user.closed", object_id=str(user.pk))


def _close(user, days_ago):
    from accounts.dataprotection import account_close

    account_close(user=user)
    # Backdate the closure (the audit row is append-only, so make a new one).
    AuditEvent.objects.create(
        action="user.closed",
        object_type="accounts.user",
        object_id=str(user.pk),
        at=timezone.now() - timedelta(days=days_ago),
    )


def test_purge_anonymises_accounts_closed_more_than_90_days_ago(world):
    _close(world.lead_a, days_ago=91)
    _close(world.lead_b, days_ago=10)
    counts = purge_expired()
    assert counts["closed_accounts_anonymised"] == 1
    world.lead_a.refresh_from_db()
    world.lead_b.refresh_from_db()
    assert world.lead_a.email.endswith("@" + ANONYMISED_DOMAIN)
    assert world.lead_b.email == "lead.b@example.test"


@pytest.mark.parametrize("status", ["failed", "delivered"])
def test_purge_clears_old_email_bodies_but_keeps_the_rows(world, status):
    from core.models import Notification
    from tests.policies.core import notification

    old = notification(world)
    Notification.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=400), status=status
    )
    purge_expired()
    old.refresh_from_db()
    assert old.body_text == "" and old.subject == "Reminder"


def test_purge_deletes_audit_events_past_six_years_only(world):
    AuditEvent.objects.create(
        action="data.export", at=timezone.now() - timedelta(days=2200)
    )
    kept = AuditEvent.objects.create(
        action="data.export", at=timezone.now() - timedelta(days=2000)
    )
    counts = purge_expired()
    assert counts["audit_events_deleted"] == 1
    assert AuditEvent.objects.filter(pk=kept.pk).exists()
    purge = AuditEvent.objects.get(action="retention.purge")
    assert purge.details["audit_events_deleted"] == 1


def test_second_purge_changes_nothing(world, capsys):
    _close(world.lead_a, days_ago=91)
    AuditEvent.objects.create(
        action="data.export", at=timezone.now() - timedelta(days=2200)
    )
    call_command("purge_expired")
    rows = AuditEvent.objects.count()
    call_command("purge_expired")
    assert "closed_accounts_anonymised: 0" in capsys.readouterr().out
    assert AuditEvent.objects.count() == rows
    assert purge_expired() == {
        "audit_events_deleted": 0,
        "closed_accounts_anonymised": 0,
        "notification_bodies_cleared": 0,
    }


def test_purge_runs_daily_from_beat():
    from config.celery import app

    entry = app.conf.beat_schedule["purge-expired"]
    assert entry["task"] == "audit.tasks.purge_expired"


def test_my_data_page_states_the_retention_period(client_for, settings):
    settings.RETENTION_CLOSED_ACCOUNT_DAYS = 91
    body = client_for("peer_worker").get(reverse("accounts:my-data")).content.decode()
    assert "kept for 91 days" in body
