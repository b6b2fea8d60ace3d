"""Who may manage accounts. Each rule is a predicate; views never decide inline."""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from core.roles import is_coordinator


def can_invite_users(user) -> bool:
    """Coordinators make coordinators and trust leads; peer workers sign up."""
    return is_coordinator(user)


def users_visible_to(user) -> QuerySet:
    """The people list matching can_invite_users: coordinators see everyone."""
    User = get_user_model()
    if is_coordinator(user):
        return User.objects.select_related("trust", "employer_trust")
    return User.objects.none()
