"""Retention: remove or anonymise what is past its period (UK GDPR Art. 5(1)(e)).

Periods are settings (days), documented in the README's "Security model":
RETENTION_AUDIT_DAYS, RETENTION_CLOSED_ACCOUNT_DAYS, RETENTION_NOTIFICATION_DAYS.
The audit period is enforced by the database, which holds its own copy
(`manage.py set_audit_retention`, run by the owner role).
Every step selects only what still needs doing, so a second run changes nothing.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.recorder import record


def purge_audit_events() -> int:
    """Audit rows past the limit held in the database (not a date from here)."""
    return AuditEvent.objects.purge_expired()


def clear_notification_bodies(now) -> int:
    """Blank old email bodies and attachments; the rows stay so no reminder is ever sent twice."""
    from core.models import Notification

    cutoff = now - timedelta(days=settings.RETENTION_NOTIFICATION_DAYS)
    old = Notification.objects.filter(
        created_at__lt=cutoff,
        status__in=Notification.FINISHED,
    ).exclude(body_text="", body_html="", attachment_name="")
    return old.update(body_text="", body_html="", attachment_name="", attachment=b"")


@transaction.atomic
def purge_expired(now=None) -> dict[str, int]:
    from accounts.dataprotection import anonymise_closed_accounts

    now = now or timezone.now()
    counts = {
        "audit_events_deleted": purge_audit_events(),
        "closed_accounts_anonymised": anonymise_closed_accounts(now),
        "notification_bodies_cleared": clear_notification_bodies(now),
    }
    if any(counts.values()):
        record(
            AuditEvent.Action.PURGE,
            object_type="retention",
            details={
                **counts,
                "audit_days": AuditEvent.objects.retention_days(),
                "closed_account_days": settings.RETENTION_CLOSED_ACCOUNT_DAYS,
                "notification_days": settings.RETENTION_NOTIFICATION_DAYS,
            },
        )
    return counts
