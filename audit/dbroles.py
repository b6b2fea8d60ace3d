"""Owner-side database set-up for the audit trail's guarantee (PostgreSQL).

These run as the role that owns the tables (the one that runs migrations),
never as the application's role: see README "Security model".
"""

from django.db import connection, transaction

AUDIT_TABLE = "audit_auditevent"
RETENTION_TABLE = "audit_retention"


class RoleSetupError(Exception):
    """The role given cannot be made a safe application role."""


def _refuse_unsafe(cursor, role: str) -> None:
    cursor.execute(
        "SELECT rolsuper, pg_has_role(%s, tableowner, 'USAGE') "
        "FROM pg_roles, pg_tables WHERE rolname = %s AND tablename = %s",
        [role, role, AUDIT_TABLE],
    )
    row = cursor.fetchone()
    if row is None:
        raise RoleSetupError(f"There is no database role called {role}")
    if row[0] or row[1]:
        raise RoleSetupError(
            f"{role} is a superuser or owns {AUDIT_TABLE}: the application "
            "needs its own role, separate from the one that runs migrations"
        )


@transaction.atomic
def grant_app_role(role: str) -> None:
    """Give `role` what the application needs and nothing on the audit trail
    beyond INSERT and SELECT plus the no-argument purge function."""
    if connection.vendor != "postgresql":
        raise RoleSetupError("Database roles exist only on PostgreSQL")
    from psycopg import sql

    name = sql.Identifier(role)
    statements = [
        "GRANT USAGE ON SCHEMA public TO {r}",
        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {r}",
        "GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {r}",
        "REVOKE ALL ON audit_auditevent FROM {r}",
        "GRANT SELECT, INSERT ON audit_auditevent TO {r}",
        "REVOKE ALL ON audit_retention FROM {r}",
        "GRANT SELECT ON audit_retention TO {r}",
        "REVOKE ALL ON django_migrations FROM {r}",
        "GRANT SELECT ON django_migrations TO {r}",
        "GRANT EXECUTE ON FUNCTION audit_purge_expired() TO {r}",
    ]
    with connection.cursor() as cursor:
        _refuse_unsafe(cursor, role)
        for statement in statements:
            cursor.execute(sql.SQL(statement).format(r=name))


def set_audit_retention(days: int) -> None:
    """Store the audit retention limit where only the owner can change it."""
    if days <= 0:
        raise ValueError("The audit retention period must be at least 1 day")
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {RETENTION_TABLE} SET audit_days = %s WHERE id = 1",  # noqa: S608
            [days],
        )
