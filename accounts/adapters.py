from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model

# Sign-up's two answers (a new account, or "you already have one") go the
# same way: into the outbox, sent after the request by a worker, so neither
# the SMTP round trip nor its absence shows which one happened.
OUTBOX_TEMPLATES = {
    "account/email/email_confirmation_signup",
    "account/email/email_confirmation",
    "account/email/account_already_exists",
}


class AccountAdapter(DefaultAccountAdapter):
    """Self sign-up makes peer workers only; other roles are invited."""

    def is_open_for_signup(self, request) -> bool:
        return getattr(settings, "ACCOUNT_ALLOW_SIGNUP", True)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.role = user.Role.PEER_WORKER
        user.trust = None
        if commit:
            user.save()
        return user

    def send_mail(self, template_prefix, email, context):
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
