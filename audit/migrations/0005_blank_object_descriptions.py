"""Blank the record descriptions written before they stopped naming people.

Until now each row kept str(obj) of its record: for an account that is the
person's name, which outlived the closing of the account. New rows no longer
store it (audit.recorder.describe). This is the one change ever made to
existing rows, run by the owner role as part of migrate: the trigger is lifted
for this statement only, in this migration's transaction. The address typed at
a failed sign-in is kept: it is what the row is about.
"""

from importlib import import_module

from django.db import migrations

BLANK = (
    "UPDATE audit_auditevent SET object_repr = '' "
    "WHERE object_repr <> '' AND action <> 'auth.login_failed'"
)
PG = [
    "GRANT UPDATE ON audit_auditevent TO CURRENT_USER",
    "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only",
    BLANK,
    "ALTER TABLE audit_auditevent ENABLE TRIGGER audit_auditevent_append_only",
    "REVOKE UPDATE ON audit_auditevent FROM CURRENT_USER",
]


def blank_descriptions(connection) -> None:
    if connection.vendor == "postgresql":
        statements = PG
    elif connection.vendor == "sqlite":
        guard = import_module("audit.migrations.0003_database_retention_guard")
        statements = [
            "DROP TRIGGER audit_auditevent_no_update",
            BLANK,
            guard.SQLITE_TRIGGERS[0],
        ]
    else:
        return
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def forward(apps, schema_editor):
    blank_descriptions(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_api_token_actions")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
