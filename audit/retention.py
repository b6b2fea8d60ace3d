"""Retention: remove or anonymise what is past its period (UK GDPR Art. 5(1)(e)).

Periods are settings (days), documented in the README's "Security model":
RETENTION_AUDIT_DAYS, RETENTION_CLOSED_ACCOUNT_DAYS, RETENTION_NOTIFICATION_DAYS.
The audit period is enforced by the database, which holds its own copy
(`manage.py set_audit_retention`, run by the owner role).
Every step selects only what still needs doing, so a second run changes nothing.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.recorder import record

# What a closed account shows instead of the person's name, and the domain of
# the address that replaces theirs after the retention period.
FORMER_MEMBER = "Former member"
ANONYMISED_DOMAIN = "anonymised.invalid"


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


def anonymise_closed_accounts(now=None) -> int:
    """Replace the kept email of accounts closed longer ago than retention."""
    User = get_user_model()
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.RETENTION_CLOSED_ACCOUNT_DAYS)
    closed_ids = AuditEvent.objects.filter(
        action=AuditEvent.Action.ACCOUNT_CLOSED, at__lt=cutoff
    ).values_list("object_id", flat=True)
    due = User.objects.filter(
        pk__in=[int(pk) for pk in closed_ids if pk.isdigit()], is_active=False
    ).exclude(email__endswith="@" + ANONYMISED_DOMAIN)
    count = 0
    for user in due:
        user.email = f"former-member-{user.pk}@{ANONYMISED_DOMAIN}"
        user.full_name = FORMER_MEMBER
        user.save(update_fields=["email", "full_name"])
        count += 1
    return count


@transaction.atomic
def purge_expired(now=None) -> dict[str, int]:
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
