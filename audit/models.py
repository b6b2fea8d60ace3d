"""The audit trail: one append-only row per security-relevant event.

Rows are never changed. The only deletion is the retention purge
(`AuditEvent.objects.purge_expired`), whose cutoff the database computes; the
database's triggers refuse every other UPDATE, DELETE or TRUNCATE.
"""

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an audit row."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit events cannot be changed")

    def delete(self):
        raise AppendOnlyError("Audit events are removed only by the retention purge")

    @transaction.atomic
    def purge_expired(self) -> int:
        """Delete rows past the retention limit the database holds.

        There is no date argument on purpose: the database computes the
        cutoff from `audit_retention`, and its triggers refuse any other
        delete (migration audit/0003).
        """
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT audit_purge_expired()")
                return cursor.fetchone()[0]
            cursor.execute(
                "DELETE FROM audit_auditevent WHERE at < ("
                "SELECT strftime('%Y-%m-%d %H:%M:%f', 'now', "
                "'-' || audit_days || ' days') FROM audit_retention WHERE id = 1)"
            )
            return cursor.rowcount

    def retention_days(self) -> int | None:
        """The retention limit in force, as the database holds it."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT audit_days FROM audit_retention WHERE id = 1")
            row = cursor.fetchone()
        return row[0] if row else None


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        LOGIN = "auth.login", "Signed in"
        LOGIN_FAILED = "auth.login_failed", "Sign-in failed"
        LOGOUT = "auth.logout", "Signed out"
        PASSWORD_CHANGED = "auth.password_changed", "Password changed"
        PASSWORD_RESET = "auth.password_reset", "Password reset"
        EMAIL_CHANGED = "auth.email_changed", "Email address changed"
        MFA_ADDED = "mfa.added", "Authenticator added"
        MFA_REMOVED = "mfa.removed", "Authenticator removed"
        MFA_RESET = "mfa.reset", "Recovery codes regenerated"
        MFA_FAILED = "mfa.failed", "Second step failed"
        ROLE_CHANGED = "user.role_changed", "Role or trust changed"
        USER_DEACTIVATED = "user.deactivated", "Account deactivated"
        ACCOUNT_CLOSED = "user.closed", "Account closed"
        DATA_DOWNLOADED = "data.downloaded", "Own data downloaded"
        ACCESS_DENIED = "access.denied", "Access refused"
        NOT_FOUND = "access.not_found", "Object not found or not visible"
        EXPORT = "data.export", "Data exported"
        IMPORT = "data.import", "Data imported"
        DELETED = "data.deleted", "Record deleted"
        PURGE = "retention.purge", "Retention purge"
        SESSION_EXPIRED = "auth.session_expired", "Session timed out"
        API_TOKEN_CREATED = "api.token_created", "API token created"
        API_TOKEN_REVOKED = "api.token_revoked", "API token revoked"
        API_TOKEN_EXPIRED = "api.token_expired", "Expired API token used"
        NHSMAIL_SIGN_IN = "auth.nhsmail", "Signed in with NHSmail"
        NHSMAIL_REFUSED = "auth.nhsmail_refused", "NHSmail sign-in refused"

    class Outcome(models.TextChoices):
        SUCCESS = "success", "Success"
        FAILURE = "failure", "Failure"
        DENIED = "denied", "Denied"

    at = models.DateTimeField("when (UTC)", default=timezone.now, db_index=True)
    # No database constraint: audit rows must outlive any change to users.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_label = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=40, choices=Action, db_index=True)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome, default=Outcome.SUCCESS)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    path = models.CharField(max_length=300, blank=True)
    details = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["actor", "at"], name="audit_event_actor_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.action} {self.actor_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("Audit events cannot be changed")
        # Always an INSERT: a new instance given an existing pk must not
        # overwrite that row (Django would otherwise try an UPDATE first).
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events are removed only by the retention purge")
