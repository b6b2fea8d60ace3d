"""Declared access policy for the accounts URLs and allauth's sign-in pages.

Statuses follow tests.policies.ROLES: anonymous, peer worker, lead A, lead B,
coordinator, admin.
"""

from tests.policies import COORDINATORS, PUBLIC, SIGNED_IN, Policy, PolicyGroup, World


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


def person(w: World) -> dict:
    """Someone a coordinator manages: a peer worker with an account."""
    from accounts.models import User

    def make():
        return User.objects.create_user(
            email="managed@example.test", password="x" * 16, full_name="Managed"
        )

    return {"pk": w.once("accounts.managed", make).pk}


def invited(w: World) -> dict:
    """Someone invited who has not set a password yet."""
    from accounts.models import User

    def make():
        user = User.objects.create_user(
            email="invited@example.test", password=None, full_name="Invited"
        )
        user.set_unusable_password()
        user.save()
        return user

    return {"pk": w.once("accounts.invited", make).pk}


COORDINATOR_POST = "302 403 403 403 302 302"
NOT_FOUND = "404 404 404 404 404 404"
NHSMAIL = "Not found until Sign in with NHSmail is configured (NHSMAIL_OIDC_*)."


def nhsmail(w: World) -> dict:
    return {"provider_id": "nhsmail"}


MANAGE = "Only coordinators manage people; everyone else is refused, nothing changes."

POLICIES = [
    Policy("accounts:profile", get=SIGNED_IN),
    Policy("accounts:profile-edit", get=SIGNED_IN, post=SIGNED_IN),
    Policy("accounts:people", get=COORDINATORS),
    Policy("accounts:person", get=COORDINATORS, kwargs=person, why=MANAGE),
    Policy(
        "accounts:person-role",
        get=COORDINATORS,
        post=COORDINATORS,
        kwargs=person,
        why=MANAGE + " An empty form is shown again with its errors.",
    ),
    Policy(
        "accounts:person-deactivate",
        get=COORDINATORS,
        post=COORDINATOR_POST,
        kwargs=person,
        why=MANAGE,
    ),
    Policy(
        "accounts:person-reactivate",
        get="302 405 405 405 405 405",
        post=COORDINATOR_POST,
        kwargs=person,
        why=MANAGE,
    ),
    Policy(
        "accounts:invitation-resend",
        get="302 405 405 405 405 405",
        post=COORDINATOR_POST,
        kwargs=invited,
        why=MANAGE,
    ),
    Policy(
        "accounts:invitation-cancel",
        get=COORDINATORS,
        post=COORDINATOR_POST,
        kwargs=invited,
        why=MANAGE,
    ),
    Policy("accounts:invite", get=COORDINATORS, post=COORDINATORS),
    Policy(
        "accounts:accept-invite",
        get=PUBLIC,
        post=PUBLIC,
        kwargs=invitee,
        why="Anyone holding the signed invitation link may set the password.",
    ),
    Policy("accounts:my-data", get=SIGNED_IN),
    Policy(
        "accounts:my-data-download",
        get="405 405 405 405 405 405",
        post=SIGNED_IN,
    ),
    Policy(
        "accounts:close-account",
        get="302 302 302 302 302 302",
        post="302 302 302 302 302 302",
        why="Always asks 'confirm it is you' first (re-authentication within 5 min).",
    ),
    # Sign in with NHSmail: no provider until NHSMAIL_OIDC_* is set, so both
    # pages are not found for everyone. Configured, the journey for every
    # kind of person is tested end to end in tests/accounts/test_nhsmail_*.py.
    Policy(
        "openid_connect_login",
        get=NOT_FOUND,
        post=NOT_FOUND,
        kwargs=nhsmail,
        why=NHSMAIL,
    ),
    Policy(
        "openid_connect_callback",
        get=NOT_FOUND,
        post=NOT_FOUND,
        kwargs=nhsmail,
        why=NHSMAIL,
    ),
]

# allauth's own views: anonymous visitors sign in, sign up and reset passwords;
# the account pages need a signed-in user, and email/password/MFA changes need a recent
# re-authentication (ACCOUNT_REAUTHENTICATION_REQUIRED).
GROUPS = [
    PolicyGroup(
        "account_",
        "allauth account pages (sign in, sign up, reset, email, password).",
        samples=(
            Policy("account_login", get="200 302 302 302 302 302"),
            Policy("account_signup", get="200 302 302 302 302 302"),
            Policy("account_reset_password", get=PUBLIC),
            Policy("account_logout", get=SIGNED_IN),
            Policy("account_email", get=SIGNED_IN),
            Policy("account_change_password", get="302 302 302 302 302 302"),
            Policy("account_reauthenticate", get=SIGNED_IN),
        ),
    ),
    PolicyGroup(
        "mfa_",
        "allauth MFA pages: signed-in users manage their own authenticators.",
        samples=(
            Policy("mfa_index", get=SIGNED_IN),
            Policy("mfa_activate_totp", get="302 302 302 302 302 302"),
            Policy("mfa_deactivate_totp", get="302 404 404 404 302 302"),
            Policy("mfa_view_recovery_codes", get="302 404 404 404 404 404"),
        ),
    ),
]
