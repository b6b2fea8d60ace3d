"""Multi-step account writes: inviting people and accepting an invitation."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core.notifications import notify
from core.reminders import DueReminder

User = get_user_model()


def invitation_path(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("accounts:accept-invite", kwargs={"uidb64": uid, "token": token})


@transaction.atomic
def user_invite(*, email: str, full_name: str, role: str, trust, actor) -> "User":
    """Create the account with no password and email the invitation.

    The email goes through the notification outbox in this transaction, so it is
    sent once the account exists, even if the broker is down right now.
    """
    user = User(email=email.lower(), full_name=full_name, role=role, trust=trust)
    user.set_unusable_password()
    user.full_clean()
    user.save()
    EmailAddress.objects.create(
        user=user, email=user.email, primary=True, verified=False
    )
    invitation = DueReminder(
        kind="invitation",
        obj=user,
        recipient=user,
        occurrence="invited",
        template="invitation",
        mandatory=True,
        context={
            "user": user,
            "inviter": actor,
            "url": settings.SITE_URL + invitation_path(user),
        },
    )
    notify(invitation)
    return user


@transaction.atomic
def invite_accept(*, user, password: str) -> None:
    """Setting the password proves the address: mark it verified."""
    user.set_password(password)
    user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


# Changing any of these changes what the person may do.
ACCESS_FIELDS = frozenset(
    {"role", "trust", "is_active", "is_staff", "is_superuser", "groups"}
)


def access_changed(*, user, fields, request=None) -> int:
    """After someone's role or access changes, their API tokens stop working:
    a token must never carry more (or other) access than they had when they
    created it. Returns how many tokens were revoked."""
    from api import services as api_services

    if not ACCESS_FIELDS & set(fields):
        return 0
    return api_services.tokens_revoke_all(
        user=user,
        reason="role or access changed",
        request=request,
        actor=getattr(request, "user", None),
    )


def authenticator_removed(*, user, request=None) -> int:
    """Removing the authenticator app ends every API token the person holds."""
    from api import services as api_services

    return api_services.tokens_revoke_all(
        user=user, reason="authenticator removed", request=request
    )
