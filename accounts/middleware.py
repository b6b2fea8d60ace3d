from allauth.mfa.models import Authenticator
from django.shortcuts import redirect
from django.urls import reverse

# Paths a user who must set up MFA may still reach.
ALLOWED_PREFIXES = ("/accounts/", "/static/", "/healthz", "/favicon")


class RequireMFAMiddleware:
    """Send coordinators and admin users to set up TOTP before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and user.requires_mfa
            and not request.path.startswith(ALLOWED_PREFIXES)
            and not self._has_totp(request, user)
        ):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def _has_totp(request, user) -> bool:
        cached = getattr(request, "_has_totp", None)
        if cached is None:
            cached = Authenticator.objects.filter(
                user=user, type=Authenticator.Type.TOTP
            ).exists()
            request._has_totp = cached
        return cached
