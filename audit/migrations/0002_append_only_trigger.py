"""PostgreSQL: audit rows cannot be changed, and only the purge may delete.

In production the application should connect as a role with INSERT and SELECT
only on audit_auditevent (see README "Security model"): the REVOKE below does
that when the role is not the table owner. Superusers and owners bypass
privileges, so a trigger enforces the same rule for everyone: UPDATE always
fails; DELETE fails unless the retention purge has set `audit.purge_before`
in its own transaction and the row is older than that.
SQLite relies on the model's Python guard (AuditEvent.save/delete).
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION audit_auditevent_append_only() RETURNS trigger AS $$
DECLARE
    purge_before text := current_setting('audit.purge_before', true);
BEGIN
    IF TG_OP = 'DELETE'
       AND purge_before IS NOT NULL AND purge_before <> ''
       AND OLD.at < purge_before::timestamptz THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_auditevent is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent;
CREATE TRIGGER audit_auditevent_append_only
    BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_auditevent_append_only();

DO $$
BEGIN
    -- A no-op for the owner or a superuser; binding for a separate app role.
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_auditevent FROM %I',
                   current_user);
END $$;
"""

BACKWARD = """
DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_auditevent_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)  # raw SQL: % is not a placeholder


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
