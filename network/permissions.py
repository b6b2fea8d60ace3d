"""Access rules for the network app: a predicate and a matching queryset each."""

from django.db.models import QuerySet

from network.models import MemberTrust


def is_coordinator(user) -> bool:
    return bool(user.is_authenticated and user.is_coordinator)


def can_manage_trusts(user) -> bool:
    """Create and edit member trusts (all fields)."""
    return is_coordinator(user)


def can_edit_trust_contact(user, trust: MemberTrust) -> bool:
    """A trust lead may edit only their own trust's contact details."""
    if is_coordinator(user):
        return True
    return bool(
        user.is_authenticated and user.is_trust_lead and user.trust_id == trust.pk
    )


def trusts_contact_editable_by(user) -> QuerySet:
    if is_coordinator(user):
        return MemberTrust.objects.all()
    if user.is_authenticated and user.is_trust_lead:
        return MemberTrust.objects.filter(pk=user.trust_id)
    return MemberTrust.objects.none()
