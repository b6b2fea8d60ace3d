"""One demo user per role. Fictional people; passwords are for local demos only."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from accounts.models import User
from network.models import MemberTrust

DEMO_PASSWORD = "peer-support-demo-2026"
# A fixed secret so a newcomer can add the demo coordinator to any authenticator app.
DEMO_TOTP_SECRET = "NWPSWDEMOCOORDINATORTOTP"

DEMO_USERS = [
    # email, full name, role, trust short name, staff/superuser, TOTP
    (
        "coordinator@demo.nwpsw.example",
        "Carys Coordinator",
        User.Role.COORDINATOR,
        None,
        False,
        True,
    ),
    (
        "lead.merseycare@demo.nwpsw.example",
        "Lee Lead",
        User.Role.TRUST_LEAD,
        "Mersey Care",
        False,
        False,
    ),
    (
        "lead.gmmh@demo.nwpsw.example",
        "Gina Lead",
        User.Role.TRUST_LEAD,
        "GMMH",
        False,
        False,
    ),
    ("peer@demo.nwpsw.example", "Pat Peer", User.Role.PEER_WORKER, None, False, False),
    ("admin@demo.nwpsw.example", "Ada Admin", User.Role.COORDINATOR, None, True, True),
]


def seed(stdout=None) -> None:
    for email, name, role, trust_short, admin, totp in DEMO_USERS:
        trust = MemberTrust.objects.get(short_name=trust_short) if trust_short else None
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "full_name": name,
                "role": role,
                "trust": trust,
                "is_staff": admin,
                "is_superuser": admin,
                # One lead per demo trust, so each is its trust's primary lead.
                "is_primary_lead": role == User.Role.TRUST_LEAD,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        has_totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP)
        if totp and not has_totp.exists():
            TOTP.activate(user, DEMO_TOTP_SECRET)
    if stdout:
        stdout.write(f"  demo users: {len(DEMO_USERS)}")
