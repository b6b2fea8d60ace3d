from allauth.mfa.models import Authenticator
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

# Paths a user who must set up MFA may still reach: allauth's own pages (sign
# in/out, MFA set-up), found by URL name so that app pages that also live under
# /accounts/ (people, invitations, profile) stay behind MFA.
ALLOWED_PREFIXES = ("/static/", "/healthz", "/favicon")
ALLOWED_URL_NAMES = ("account_", "mfa_")


def _is_sign_in_page(path: str) -> bool:
    try:
        name = resolve(path).url_name or ""
    except Resolver404:
        return False
    return name.startswith(ALLOWED_URL_NAMES)


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
            and not _is_sign_in_page(request.path_info)
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
