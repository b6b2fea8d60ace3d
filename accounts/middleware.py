from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from accounts.nhsmail import second_factor_by_nhsmail
from core.roles import must_set_up_mfa

# Paths a user who must set up MFA may still reach: allauth's own pages (sign
# in/out, MFA set-up), found by URL name so that app pages that also live under
# /accounts/ (people, invitations, profile) stay behind MFA.
ALLOWED_PREFIXES = ("/static/", "/healthz", "/livez", "/metrics", "/favicon")
ALLOWED_URL_NAMES = ("account_", "mfa_")


def _is_sign_in_page(path: str) -> bool:
    try:
        name = resolve(path).url_name or ""
    except Resolver404:
        return False
    return name.startswith(ALLOWED_URL_NAMES)


class RequireMFAMiddleware:
    """Send coordinators and admin users to set up TOTP before anything else,
    unless this session's NHSmail sign-in used multi-factor authentication."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Who must set up MFA first: most people do not, and then the path is
        # never resolved a second time.
        if (
            request.user.is_authenticated
            and not request.path.startswith(ALLOWED_PREFIXES)
            and must_set_up_mfa(request.user)
            and not _is_sign_in_page(request.path_info)
            and not second_factor_by_nhsmail(request)
        ):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
