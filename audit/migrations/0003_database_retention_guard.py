"""The audit trail's append-only rule, enforced by the database on both engines.

The retention limit lives in the database (`audit_retention`, one row, days),
so no caller can pass a date: a row may be deleted only once it is older than
`now - audit_days`, whoever asks. UPDATE is always refused.

PostgreSQL: the trigger binds every role, the owner and superusers included; a
statement-level trigger refuses TRUNCATE; `audit_purge_expired()` is the only
way the application role deletes (SECURITY DEFINER, no argument). The
application role itself gets no UPDATE, DELETE or TRUNCATE on the table and
does not own it (`manage.py grant_app_role`), so it can neither disable the
trigger nor change the limit. The limit is set from RETENTION_AUDIT_DAYS here
and by `manage.py set_audit_retention`, both run by the owner.

SQLite has no roles: the same triggers stop every write path in the
application (ORM, raw SQL, loaddata); anyone who can write the file can still
drop them. A later migration that makes SQLite rebuild audit_auditevent (most
column changes) drops them with the old table: it must run SQLITE_TRIGGERS
again (tests/security/test_audit_database_guard.py fails until it does).
"""

from importlib import import_module

from django.conf import settings
from django.db import migrations

PG_FORWARD = """
CREATE TABLE audit_retention (
    id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    audit_days integer NOT NULL CHECK (audit_days > 0)
);
INSERT INTO audit_retention (id, audit_days) VALUES (1, %(days)s);

CREATE OR REPLACE FUNCTION audit_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND OLD.at < (
        SELECT now() - make_interval(days => r.audit_days)
        FROM public.audit_retention r WHERE r.id = 1
    ) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_auditevent is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql SET search_path = pg_catalog, public;

DROP TRIGGER IF EXISTS audit_auditevent_no_truncate ON audit_auditevent;
CREATE TRIGGER audit_auditevent_no_truncate
    BEFORE TRUNCATE ON audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION audit_auditevent_append_only();

-- 0002 revoked DELETE from the migrating role; the purge runs as that role
-- (the owner) and the trigger above now decides which rows may go.
GRANT SELECT, DELETE ON audit_auditevent TO CURRENT_USER;

CREATE OR REPLACE FUNCTION audit_purge_expired() RETURNS integer AS $$
DECLARE
    deleted integer;
BEGIN
    DELETE FROM public.audit_auditevent
    WHERE at < (SELECT now() - make_interval(days => r.audit_days)
                FROM public.audit_retention r WHERE r.id = 1);
    GET DIAGNOSTICS deleted = ROW_COUNT;
    RETURN deleted;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public;
REVOKE ALL ON FUNCTION audit_purge_expired() FROM PUBLIC;
REVOKE ALL ON audit_retention FROM PUBLIC;
"""

PG_BACKWARD = """
DROP TRIGGER IF EXISTS audit_auditevent_no_truncate ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_purge_expired();
DROP TABLE IF EXISTS audit_retention;
"""

SQLITE_TRIGGERS = [
    """CREATE TRIGGER audit_auditevent_no_update BEFORE UPDATE ON audit_auditevent
    BEGIN SELECT RAISE(ABORT, 'audit_auditevent is append-only (UPDATE refused)');
    END""",
    """CREATE TRIGGER audit_auditevent_no_delete BEFORE DELETE ON audit_auditevent
    WHEN NOT EXISTS (
        SELECT 1 FROM audit_retention r WHERE r.id = 1
        AND OLD.at < strftime('%Y-%m-%d %H:%M:%f', 'now',
                              '-' || r.audit_days || ' days'))
    BEGIN SELECT RAISE(ABORT, 'audit_auditevent is append-only (DELETE refused)');
    END""",
]

SQLITE_FORWARD = [
    """CREATE TABLE audit_retention (
        id integer PRIMARY KEY CHECK (id = 1),
        audit_days integer NOT NULL CHECK (audit_days > 0))""",
    "INSERT INTO audit_retention (id, audit_days) VALUES (1, %(days)s)",
    *SQLITE_TRIGGERS,
]

SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS audit_auditevent_no_update",
    "DROP TRIGGER IF EXISTS audit_auditevent_no_delete",
    "DROP TABLE IF EXISTS audit_retention",
]


def forward(apps, schema_editor):
    days = int(settings.RETENTION_AUDIT_DAYS)
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        # Raw SQL: % in the function body is not a placeholder.
        schema_editor.execute(PG_FORWARD.replace("%(days)s", str(days)), params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_FORWARD:
            schema_editor.execute(statement.replace("%(days)s", str(days)), params=None)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD, params=None)
        # 0002's function and trigger, as they were before this migration.
        previous = import_module("audit.migrations.0002_append_only_trigger")
        schema_editor.execute(previous.FORWARD, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_BACKWARD:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_trigger")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
