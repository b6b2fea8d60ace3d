from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.base import AuthError
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.shortcuts import render
from django.utils.html import linebreaks, urlize
from requests import RequestException

from accounts import nhsmail
from core.emails import absolute_url, in_layout, site_url

# Sign-up's two answers (a new account, or "you already have one") go the
# same way: into the outbox, sent after the request by a worker, so neither
# the SMTP round trip nor its absence shows which one happened.
OUTBOX_TEMPLATES = {
    "account/email/email_confirmation_signup",
    "account/email/email_confirmation",
    "account/email/account_already_exists",
}


class AccountAdapter(DefaultAccountAdapter):
    """Self sign-up makes peer workers only; other roles are invited.

    Account emails (confirm your address, reset your password…) use the
    service's own wording and email layout, and every link in them is built
    from the configured public address, not from the request's host.
    """

    def is_open_for_signup(self, request) -> bool:
        return getattr(settings, "ACCOUNT_ALLOW_SIGNUP", True)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.role = user.Role.PEER_WORKER
        user.trust = None
        if commit:
            user.save()
        return user

    def get_login_stages(self) -> list[str]:
        # allauth's second step, aware of NHSmail's multi-factor claim.
        return [
            "accounts.stages.SecondFactorStage"
            if path == "allauth.mfa.stages.AuthenticateStage"
            else path
            for path in super().get_login_stages()
        ]

    def format_email_subject(self, subject: str) -> str:
        return subject  # the subjects say which service they are from

    def send_mail(self, template_prefix, email, context):
        context = {
            **context,
            "email": email,
            "service_name": settings.SERVICE_NAME,
            "site_url": site_url(),
        }
        for key, value in list(context.items()):
            if key.endswith("_url") and str(value).startswith(("http://", "https://")):
                context[key] = absolute_url(value)
        recipient = None
        if template_prefix in OUTBOX_TEMPLATES:
            recipient = get_user_model().objects.filter(email__iexact=email).first()
        if recipient is None:
            return super().send_mail(template_prefix, email, context)
        from core.notifications import notify_written

        message = self.render_mail(template_prefix, email, context)
        html = next(
            (
                body
                for body, kind in getattr(message, "alternatives", [])
                if kind == "text/html"
            ),
            "",
        )
        notify_written(
            kind=template_prefix.rsplit("/", 1)[-1],
            recipient=recipient,
            subject=message.subject,
            text=message.body,
            html=html,
        )

    def render_mail(self, template_prefix, email, context, headers=None):
        message = super().render_mail(template_prefix, email, context, headers)
        # The account emails are written once, as plain text; the HTML part
        # is the same words in the service's layout, with the links live.
        html = linebreaks(urlize(message.body, autoescape=True))
        message.body, html = in_layout(message.subject, message.body, html)
        if not isinstance(message, EmailMultiAlternatives):
            message = EmailMultiAlternatives(
                message.subject,
                message.body,
                message.from_email,
                message.to,
                headers=message.extra_headers,
            )
        message.alternatives = []
        message.attach_alternative(html, "text/html")
        return message


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Sign in with NHSmail (the only provider): the rules are in
    accounts/nhsmail.py; this adapter applies them at allauth's hooks."""

    def list_apps(self, request, provider=None, client_id=None):
        app = nhsmail.social_app()
        if app is None or provider not in (None, app.provider, app.provider_id):
            return []
        if client_id not in (None, app.client_id):
            return []
        return [app]

    def pre_social_login(self, request, sociallogin) -> None:
        """Refuse before anything is written: allauth has only looked the
        account up by email address so far."""
        reason = nhsmail.refusal_reason(sociallogin)
        if reason is None:
            return
        claims = nhsmail.id_token_claims(sociallogin)
        user = sociallogin.user if sociallogin.is_existing else None
        nhsmail.record_refusal(
            request, reason, user=user, email=str(claims.get("email") or "")
        )
        raise ImmediateHttpResponse(refusal_page(request, reason))

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ) -> None:
        reason = authentication_error_reason(error, exception, extra_context or {})
        nhsmail.record_refusal(request, reason)
        raise ImmediateHttpResponse(refusal_page(request, reason))

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        name = data.get("name") or " ".join(
            part for part in (data.get("first_name"), data.get("last_name")) if part
        )
        user.full_name = (name or "").strip()[:150]
        return user

    def save_user(self, request, sociallogin, form=None):
        """A new person: a peer worker, never another role. No link to the
        NHSmail identity is kept (see accounts/nhsmail.py)."""
        from accounts.services import user_sign_up_by_identity_provider

        sociallogin.user = user_sign_up_by_identity_provider(
            email=sociallogin.user.email, full_name=sociallogin.user.full_name
        )
        return sociallogin.user


def authentication_error_reason(error, exception, context: dict) -> str:
    """A short, secret-free reason for the audit trail."""
    if error == AuthError.CANCELLED:
        return "cancelled"
    if "state_id" in context:
        return "state_mismatch"  # forged, replayed or expired response
    if isinstance(exception, OAuth2Error):
        if "id_token" in str(exception):
            return "id_token_invalid"  # wrong audience, issuer or expired
        return "code_refused"  # the provider would not exchange the code
    if isinstance(exception, RequestException):
        return "provider_unreachable"
    return "provider_error"


def refusal_page(request, reason: str):
    status = 200 if reason == "cancelled" else 401
    return render(
        request,
        "socialaccount/authentication_error.html",
        {"reason": reason, "provider_name": nhsmail.PROVIDER_NAME},
        status=status,
    )
