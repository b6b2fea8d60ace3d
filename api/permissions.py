"""Access rules for the API's own objects (tokens). Everything else the API
serves is loaded through the owning app's permissions module."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from rest_framework.permissions import BasePermission

from api.models import ApiToken
from core.roles import must_set_up_mfa

TOKEN_REFUSED_MFA = (
    "You need to set up an authenticator app before you can use API tokens. "
    "Sign in to the website to set it up, then create a new token."
)


def can_have_tokens(user) -> bool:
    """A token gives no more than the person's session: nothing while they
    must still set up two-factor authentication."""
    return bool(user.is_authenticated and user.is_active and not must_set_up_mfa(user))


def tokens_of(user) -> QuerySet:
    if not can_have_tokens(user):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user)


def get_own_token(user, pk: int) -> ApiToken:
    """Someone else's token is 404: its existence is private."""
    return get_object_or_404(tokens_of(user), pk=pk)


class Public(BasePermission):
    """Anyone may call; what they get is narrowed by the app's queryset."""

    def has_permission(self, request, view):
        return True
