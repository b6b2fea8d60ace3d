"""`Authorization: Bearer <token>` for scripts; the browser uses its session."""

from datetime import timedelta

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from api import permissions, services
from api.models import ApiToken, hash_token

# Writing last-used on every request would make each read a write; a minute's
# precision is plenty to tell whether a token is still in use.
LAST_USED_PRECISION = timedelta(minutes=1)


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                "Send the header as 'Authorization: Bearer <token>'"
            )
        try:
            raw = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed("The token is not valid") from None
        token = (
            ApiToken.objects.select_related("user")
            .filter(token_hash=hash_token(raw), revoked_at__isnull=True)
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(
                "The token is not valid, or it has been revoked"
            )
        if token.has_expired:
            services.token_used_after_expiry(token=token, request=request._request)
            raise exceptions.AuthenticationFailed(
                "The token has expired. Create a new one on your API tokens page."
            )
        if not permissions.can_have_tokens(token.user):
            # Authenticated but not allowed: a 403 that says what to do.
            raise exceptions.PermissionDenied(permissions.TOKEN_REFUSED_MFA)
        self._touch(token)
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword  # makes refusals 401 (with WWW-Authenticate), not 403

    @staticmethod
    def _touch(token: ApiToken) -> None:
        now = timezone.now()
        if token.last_used_at and now - token.last_used_at < LAST_USED_PRECISION:
            return
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token from /api/tokens/.",
        }
