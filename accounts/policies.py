"""Declared access policy for the accounts URLs and allauth's sign-in pages.

Statuses follow audit.policy.ROLES: anonymous, peer worker, lead A, lead B,
coordinator, admin.
"""

from audit.policy import Policy, PolicyGroup, World


def invitee(w: World) -> dict:
    """A user invited but not yet signed up: the link is the credential."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from accounts.models import User

    def make():
        user = User.objects.create_user(
            email="invitee@example.test", password=None, full_name="Invitee"
        )
        user.set_unusable_password()
        user.save()
        return user

    user = w.once("accounts.invitee", make)
    return {
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }


POLICIES = [
    Policy("accounts:profile", get="302 200 200 200 200 200"),
    Policy("accounts:people", get="302 403 403 403 200 200"),
    Policy(
        "accounts:invite", get="302 403 403 403 200 200", post="302 403 403 403 200 200"
    ),
    Policy(
        "accounts:accept-invite",
        get="200 200 200 200 200 200",
        post="200 200 200 200 200 200",
        kwargs=invitee,
        why="Anyone holding the signed invitation link may set the password.",
    ),
    Policy("accounts:my-data", get="302 200 200 200 200 200"),
    Policy(
        "accounts:my-data-download",
        get="405 405 405 405 405 405",
        post="302 200 200 200 200 200",
    ),
    Policy(
        "accounts:close-account",
        get="302 302 302 302 302 302",
        post="302 302 302 302 302 302",
    ),
]

# allauth's own views: anonymous visitors sign in, sign up and reset passwords;
# the account pages need a signed-in user, and email/MFA changes need a recent
# re-authentication (ACCOUNT_REAUTHENTICATION_REQUIRED).
GROUPS = [
    PolicyGroup(
        "account_",
        "allauth account pages (sign in, sign up, reset, email, password).",
        samples=(
            Policy("account_login", get="200 302 302 302 302 302"),
            Policy("account_signup", get="200 302 302 302 302 302"),
            Policy("account_reset_password", get="200 200 200 200 200 200"),
            Policy("account_logout", get="302 200 200 200 200 200"),
            Policy("account_email", get="302 200 200 200 200 200"),
            Policy("account_change_password", get="302 200 200 200 200 200"),
            Policy("account_reauthenticate", get="302 200 200 200 200 200"),
        ),
    ),
    PolicyGroup(
        "mfa_",
        "allauth MFA pages: signed-in users manage their own authenticators.",
        samples=(
            Policy("mfa_index", get="302 200 200 200 200 200"),
            Policy("mfa_activate_totp", get="302 302 302 302 302 302"),
            Policy("mfa_deactivate_totp", get="302 404 404 404 302 302"),
            Policy("mfa_view_recovery_codes", get="302 404 404 404 404 404"),
        ),
    ),
]
