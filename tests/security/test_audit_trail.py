"""SEC-22: the audit trail records who did what, from where, and cannot be changed."""

from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from audit.models import AppendOnlyError, AuditEvent
from audit.recorder import record
from tests.conftest import PASSWORD, current_totp_code

pytestmark = pytest.mark.django_db
Action = AuditEvent.Action


def sign_in(client, email, password=PASSWORD, **extra):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, **extra
    )


def test_successful_sign_in_is_recorded_with_ip_request_id_and_utc_time(client, lead_a):
    response = sign_in(client, lead_a.email, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302
    event = AuditEvent.objects.get(action=Action.LOGIN)
    assert event.actor == lead_a and event.actor_label == lead_a.email
    assert event.ip_address == "203.0.113.9"
    assert event.request_id == response["X-Request-ID"]
    assert event.at.utcoffset() == timedelta(0)
    assert event.outcome == AuditEvent.Outcome.SUCCESS


def test_failed_sign_in_is_recorded_without_the_password(client, lead_a):
    sign_in(client, lead_a.email, password="wrong-password-for-test-9")
    event = AuditEvent.objects.get(action=Action.LOGIN_FAILED)
    assert event.outcome == AuditEvent.Outcome.FAILURE
    assert event.object_repr == lead_a.email
    assert "wrong-password-for-test-9" not in str(event.details)


def test_mfa_second_step_failure_and_success_are_recorded(client, coordinator):
    sign_in(client, coordinator.email)
    client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert AuditEvent.objects.filter(action=Action.MFA_FAILED).count() == 1
    client.post(reverse("mfa_authenticate"), {"code": current_totp_code()})
    assert AuditEvent.objects.filter(action=Action.LOGIN, actor=coordinator).exists()


def test_mfa_removal_is_recorded(client_for, coordinator):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.signals import authenticator_removed

    authenticator = Authenticator.objects.get(user=coordinator)
    authenticator_removed.send(
        sender=Authenticator,
        request=None,
        user=coordinator,
        authenticator=authenticator,
    )
    event = AuditEvent.objects.get(action=Action.MFA_REMOVED)
    assert event.actor == coordinator and event.details == {"type": "totp"}


def test_role_and_trust_changes_record_before_and_after(lead_a, trust_b):
    lead_a.trust = trust_b
    lead_a.save()
    event = AuditEvent.objects.get(action=Action.ROLE_CHANGED)
    assert event.object_id == str(lead_a.pk)
    assert event.details["trust_id"][1] == trust_b.pk


def test_last_login_updates_are_not_role_changes(lead_a):
    lead_a.last_login = timezone.now()
    lead_a.save(update_fields=["last_login"])
    assert not AuditEvent.objects.filter(action=Action.ROLE_CHANGED).exists()


def test_refusal_and_hidden_object_are_recorded(client_for, world):
    from tests.policies.workforce import post

    hidden = reverse("workforce:post-detail", args=[post(world).pk])
    assert client_for("lead_b").get(hidden).status_code == 404
    assert client_for("peer_worker").get(reverse("accounts:people")).status_code == 403
    denied = AuditEvent.objects.get(action=Action.ACCESS_DENIED)
    assert denied.actor == world.peer_worker
    assert denied.details["url_name"] == "accounts:people"
    not_found = AuditEvent.objects.get(action=Action.NOT_FOUND)
    assert not_found.actor == world.lead_b and not_found.path == hidden


def test_csv_export_is_recorded(client_for):
    response = client_for("coordinator").get(reverse("workforce:post-export"))
    assert response.status_code == 200
    event = AuditEvent.objects.get(action=Action.EXPORT)
    assert event.details["url_name"] == "workforce:post-export"


def test_deletion_is_recorded(world):
    from tests.policies.network import agenda_item

    item = agenda_item(world)
    pk = item.pk
    item.delete()
    event = AuditEvent.objects.get(action=Action.DELETED)
    assert event.object_type == "network.agendaitem" and event.object_id == str(pk)


def test_secret_looking_details_are_dropped():
    event = record(
        Action.EXPORT, details={"password": "x", "api_token": "y", "rows": 3}
    )
    assert event.details == {"rows": 3}


def test_audit_rows_cannot_be_changed_or_deleted_through_django():
    event = record(Action.EXPORT)
    event.outcome = AuditEvent.Outcome.FAILURE
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(outcome="failure")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def _raw(sql, params):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_database_refuses_update_and_delete_of_audit_rows():
    event = record(Action.EXPORT)
    with pytest.raises(DatabaseError, match="append-only"):
        _raw(
            "UPDATE audit_auditevent SET outcome = 'failure' WHERE id = %s", [event.pk]
        )
    with pytest.raises(DatabaseError, match="append-only"):
        _raw("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk, outcome="success").exists()


def test_database_lets_only_the_purge_delete_rows_past_retention():
    old = AuditEvent.objects.create(
        action=Action.EXPORT, at=timezone.now() - timedelta(days=3000)
    )
    recent = record(Action.EXPORT)
    deleted = AuditEvent.objects.purge_expired()
    assert deleted == 1
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.filter(pk=recent.pk).exists()


def test_coordinator_searches_the_audit_trail(client_for, world):
    record(Action.EXPORT, actor=world.lead_a)
    record(Action.LOGIN, actor=world.lead_b)
    client = client_for("coordinator")
    response = client.get(reverse("audit:event-list"), {"actor": "lead.a"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "lead.a@example.test" in body and "lead.b@example.test" not in body
    response = client.get(reverse("audit:event-list"), {"date_from": "not-a-date"})
    assert "<title>Error: " in response.content.decode()


def test_applied_csv_import_is_recorded_once_with_counts(client_for):
    from tests.workforce.test_csv_import import make_csv, row, upload_and_preview

    client = client_for("lead_a")
    _, staged = upload_and_preview(client, make_csv([row("R1"), row("R2")]))
    assert not AuditEvent.objects.filter(action=Action.IMPORT).exists()
    client.post(reverse("workforce:import-confirm", args=[staged.pk]))
    client.post(reverse("workforce:import-confirm", args=[staged.pk]))
    event = AuditEvent.objects.get(action=Action.IMPORT)
    assert event.object_id == str(staged.pk) and event.details["created"] == 2
    assert event.actor.email == "lead.a@example.test"


def test_audit_search_by_uk_date(client_for, world):
    old = AuditEvent.objects.create(
        action=Action.EXPORT,
        actor_label="old@example.test",
        at=timezone.now() - timedelta(days=40),
    )
    record(Action.EXPORT, actor=world.lead_a)
    since = (timezone.localdate() - timedelta(days=1)).strftime("%d/%m/%Y")
    body = (
        client_for("coordinator")
        .get(reverse("audit:event-list"), {"date_from": since})
        .content.decode()
    )
    assert "lead.a@example.test" in body and old.actor_label not in body


def test_a_bad_api_token_is_recorded_as_a_failed_sign_in_without_the_token(client):
    bogus = "nwpsw_not-a-real-token-value-1234567890"
    response = client.get("/api/v1/actions/", HTTP_AUTHORIZATION=f"Bearer {bogus}")
    assert response.status_code == 401
    event = AuditEvent.objects.get(action=Action.LOGIN_FAILED)
    assert event.details["via"] == "api token"
    assert bogus not in str(event.details) + event.object_repr + event.path
