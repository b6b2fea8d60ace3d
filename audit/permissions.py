"""Who may read the audit trail: coordinators only (they answer IG questions)."""

from django.db.models import QuerySet

from audit.models import AuditEvent
from core.roles import is_coordinator


def can_view_audit(user) -> bool:
    return is_coordinator(user)


def events_visible_to(user) -> QuerySet:
    if can_view_audit(user):
        return AuditEvent.objects.all()
    return AuditEvent.objects.none()
