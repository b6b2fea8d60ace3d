"""Who someone is, and the two ways of refusing them: defined once for every app.

Each app's `permissions.py` builds its rules from these predicates. A refusal is
one of two kinds, named for what the person sees:

- `deny_unless`: 403. They may know the thing exists (it is on a page they can
  read) but may not do this to it.
- `hide_unless`: 404. Its existence is private to them (another trust's post,
  someone else's booking), so the answer is the same as for a made-up id.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404


def is_member(user) -> bool:
    """Signed in with an active account (any role)."""
    return bool(user.is_authenticated and user.is_active)


def is_coordinator(user) -> bool:
    """A network coordinator; superusers count as coordinators."""
    return bool(user.is_authenticated and user.is_coordinator)


def is_trust_lead(user) -> bool:
    """A trust lead of a member trust (the database insists a lead has one)."""
    return bool(user.is_authenticated and user.is_trust_lead and user.trust_id)


def leads_trust(user, trust_id) -> bool:
    return is_trust_lead(user) and user.trust_id == trust_id


def must_set_up_mfa(user) -> bool:
    """Coordinators and admin users may use nothing (pages, API tokens) until
    they have an authenticator app; the MFA middleware and token
    authentication both ask this."""
    if not (user.is_authenticated and user.requires_mfa):
        return False
    from allauth.mfa.models import Authenticator

    return not Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists()


def coordinators() -> QuerySet:
    """The people `is_coordinator` is true for, as a queryset (reminder recipients)."""
    User = get_user_model()
    return User.objects.filter(is_active=True).filter(
        Q(role=User.Role.COORDINATOR) | Q(is_superuser=True)
    )


def trust_leads() -> QuerySet:
    """The people `is_trust_lead` is true for, as a queryset."""
    User = get_user_model()
    return User.objects.filter(
        is_active=True, role=User.Role.TRUST_LEAD, trust__isnull=False
    )


def deny_unless(allowed: bool) -> None:
    """403 "forbidden": the person may see the thing but not do this."""
    if not allowed:
        raise PermissionDenied


def hide_unless(visible: bool) -> None:
    """404 "not found": the thing's existence is private to this person."""
    if not visible:
        raise Http404


def require_coordinator(user) -> None:
    """403 unless a coordinator: for pages only coordinators may use."""
    deny_unless(is_coordinator(user))
