"""Who may read the audit trail: coordinators only (they answer IG questions)."""

from django.db.models import QuerySet

from audit.models import AuditEvent


def can_view_audit(user) -> bool:
    return bool(user.is_authenticated and user.is_coordinator)


def events_visible_to(user) -> QuerySet:
    if can_view_audit(user):
        return AuditEvent.objects.all()
    return AuditEvent.objects.none()
