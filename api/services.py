"""Token writes, each audited. Callers have checked access to the page."""

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from api import permissions
from api.models import ApiToken
from audit.models import AuditEvent
from audit.recorder import record

Action = AuditEvent.Action
# A script retrying with an expired token is audited once a minute, not per call.
EXPIRED_USE_AUDIT_SECONDS = 60


@transaction.atomic
def token_create(*, user, name: str, request=None, via: str = "web page"):
    """Returns the token and its raw value, which is shown once only.

    Refused for anyone who may not hold a token (for example a coordinator
    who has not set up their authenticator app yet).
    """
    if not permissions.can_have_tokens(user):
        raise PermissionDenied(permissions.TOKEN_REFUSED_MFA)
    token, raw = ApiToken.issue(user=user, name=name.strip())
    record(
        Action.API_TOKEN_CREATED,
        request=request,
        actor=user,
        obj=token,
        details={"via": via, "expires": token.expires_at.date().isoformat()},
    )
    return token, raw


@transaction.atomic
def token_revoke(*, token: ApiToken, reason: str, request=None, actor=None):
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(
            Action.API_TOKEN_REVOKED,
            request=request,
            actor=actor or token.user,
            obj=token,
            details={"reason": reason, "owner_id": token.user_id},
        )
    return token


@transaction.atomic
def tokens_revoke_all(*, user, reason: str, request=None, actor=None) -> int:
    """Called by whatever changes someone's role, access or authenticator, so a
    token never carries more than the person's current session would."""
    live = ApiToken.objects.select_for_update().filter(
        user=user, revoked_at__isnull=True
    )  # expired ones too: revoking says why they must never work again
    revoked = 0
    for token in live:
        token_revoke(token=token, reason=reason, request=request, actor=actor)
        revoked += 1
    return revoked


def token_used_after_expiry(*, token: ApiToken, request=None) -> None:
    if cache.add(f"api-token-expired:{token.pk}", 1, EXPIRED_USE_AUDIT_SECONDS):
        record(
            Action.API_TOKEN_EXPIRED,
            request=request,
            actor=token.user,
            obj=token,
            outcome=AuditEvent.Outcome.DENIED,
            details={"expired": token.expires_at.isoformat()},
        )
