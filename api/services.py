"""Token writes. Callers have checked access."""

from django.db import transaction
from django.utils import timezone

from api.models import ApiToken


@transaction.atomic
def token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """Returns the token and its raw value, which is shown once only."""
    return ApiToken.issue(user=user, name=name.strip())


@transaction.atomic
def token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
