from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.utils.html import linebreaks, urlize

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
