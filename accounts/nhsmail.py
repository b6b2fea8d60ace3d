"""Sign in with NHSmail: the rules, in one place.

NHSmail is Microsoft Entra ID; the service talks to it through allauth's
generic OpenID Connect provider, configured only from the environment
(NHSMAIL_OIDC_*). Without a client id and a server URL (or tenant) there is no
provider: its two pages answer 404 and the sign-in page shows no button.

What the identity provider says is read from the id_token alone (it came
straight from the provider's token endpoint, checked for issuer, audience and
expiry): its `email`, `email_verified` and `amr` claims. No link between an
NHSmail identity and an account is stored: every sign-in finds the account by
its email address again, so an account is only ever entered with the address
it has today.
"""

from allauth.core.internal.datakit import parse_bool_safely
from allauth.socialaccount.models import SocialApp
from django.conf import settings
from django.contrib.auth import get_user_model

from audit.models import AuditEvent
from audit.recorder import record

PROVIDER = "openid_connect"
PROVIDER_ID = "nhsmail"
PROVIDER_NAME = "NHSmail"
# Kept in the session: this person's second factor came from NHSmail.
IDP_MFA_SESSION_KEY = "nhsmail_mfa_user"

# Why a sign-in was refused, for the audit trail and the page the person sees.
NO_EMAIL = "no_email"
EMAIL_NOT_VERIFIED = "email_not_verified"
EMAIL_NOT_PRIMARY = "email_not_primary"


def server_url() -> str:
    """The issuer: NHSMAIL_OIDC_SERVER_URL, or Entra ID's for the tenant."""
    if settings.NHSMAIL_OIDC_SERVER_URL:
        return settings.NHSMAIL_OIDC_SERVER_URL.rstrip("/")
    if settings.NHSMAIL_OIDC_TENANT:
        tenant = settings.NHSMAIL_OIDC_TENANT
        return f"https://login.microsoftonline.com/{tenant}/v2.0"
    return ""


def is_configured() -> bool:
    return bool(settings.NHSMAIL_OIDC_CLIENT_ID and server_url())


def social_app() -> SocialApp | None:
    """The one provider, built from the environment (never from the database)."""
    if not is_configured():
        return None
    return SocialApp(
        provider=PROVIDER,
        provider_id=PROVIDER_ID,
        name=PROVIDER_NAME,
        client_id=settings.NHSMAIL_OIDC_CLIENT_ID,
        secret=settings.NHSMAIL_OIDC_CLIENT_SECRET,
        settings={
            "server_url": server_url(),
            # Claims from the audience-checked id_token only.
            "fetch_userinfo": False,
            "oauth_pkce_enabled": True,
        },
    )


def is_nhsmail(sociallogin) -> bool:
    account = getattr(sociallogin, "account", None)
    return account is not None and account.provider == PROVIDER_ID


def id_token_claims(sociallogin) -> dict:
    return (sociallogin.account.extra_data or {}).get("id_token") or {}


def used_mfa(sociallogin) -> bool:
    """NHSmail says the person used multi-factor authentication (`amr`)."""
    amr = id_token_claims(sociallogin).get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    return "mfa" in amr


def refusal_reason(sociallogin) -> str | None:
    """Why this NHSmail identity may not sign in, or None if it may.

    Only an address NHSmail says it has verified, and only an account whose
    own address it is (not a second or pending address on someone's account).
    """
    claims = id_token_claims(sociallogin)
    email = str(claims.get("email") or "").strip()
    if not email:
        return NO_EMAIL
    if not parse_bool_safely(claims.get("email_verified")):
        return EMAIL_NOT_VERIFIED
    user = sociallogin.user
    if user is not None and user.pk and user.email.lower() != email.lower():
        return EMAIL_NOT_PRIMARY
    return None


def record_refusal(request, reason: str, *, user=None, email: str = "") -> None:
    """A refused NHSmail sign-in, on the account it was for, if there is one
    (found by the address even when allauth, rightly, did not match it)."""
    target = user if user is not None and user.pk else None
    if target is None and email:
        target = get_user_model().objects.filter(email__iexact=email).first()
    record(
        AuditEvent.Action.NHSMAIL_REFUSED,
        request=request,
        actor=target,
        obj=target,
        object_type="" if target else "accounts.user",
        object_repr="" if target else email[:200],
        outcome=AuditEvent.Outcome.DENIED,
        details={"reason": reason},
    )


def record_sign_in(request, user, *, second_factor: str) -> None:
    """Which second factor applies to this NHSmail sign-in: "nhsmail" (the
    id_token's amr has mfa), "service" (the service's own authenticator
    code, or setting one up), or "not required" for this role."""
    record(
        AuditEvent.Action.NHSMAIL_SIGN_IN,
        request=request,
        actor=user,
        obj=user,
        details={"second_factor": second_factor},
    )


def second_factor_by_nhsmail(request) -> bool:
    """This session's sign-in used NHSmail's multi-factor authentication."""
    user = getattr(request, "user", None)
    session = getattr(request, "session", None)
    if user is None or session is None or not user.is_authenticated:
        return False
    return session.get(IDP_MFA_SESSION_KEY) == user.pk
