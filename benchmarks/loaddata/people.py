"""Trusts and users (coordinators, two leads per trust, the rest peer workers)."""

from datetime import date

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.hashers import make_password

from accounts.models import User
from network.models import ICB, MemberTrust

COORDINATORS = 10
LEADS_PER_TRUST = 2
# One known password for every generated user (benchmarks sign in with sessions).
PASSWORD = "load-test-password-not-for-production"
FIRST = "Alex Sam Jo Chris Pat Robin Jamie Lee Kim Morgan Ash Billie Dana Eli".split()
LAST = "Ashworth Bamber Clegg Dewhurst Entwistle Fairclough Greenhalgh Haworth".split()
PLACES = "Bolton Wigan Preston Lancaster Chester Oldham Bury Salford Blackpool".split()
ICBS = [ICB.CHESHIRE_MERSEYSIDE, ICB.GREATER_MANCHESTER, ICB.LANCASHIRE_SOUTH_CUMBRIA]


def generate(ctx) -> None:
    from benchmarks.loaddata import BATCH, EMAIL_DOMAIN

    rng = ctx.rng
    trusts = [
        MemberTrust(
            name=f"{PLACES[i % len(PLACES)]} Load Trust {i + 1:03d}",
            short_name=f"LT{i + 1:03d}",
            ods_code=f"L{i + 1:03d}",
            icb=ICBS[i % len(ICBS)],
            joined_on=date(2016 + i % 8, 1 + i % 12, 1),
            footprint=f"{rng.choice(PLACES)} and {rng.choice(PLACES)}",
        )
        for i in range(ctx.volumes.trusts)
    ]
    ctx.trust_ids = [t.pk for t in MemberTrust.objects.bulk_create(trusts)]
    ctx.count("network_membertrust", len(trusts))

    password = make_password(PASSWORD)
    users = []
    for i in range(COORDINATORS):
        users.append(_user(rng, f"coordinator{i:02d}", "coordinator", password))
    for trust_id in ctx.trust_ids:
        for j in range(LEADS_PER_TRUST):
            users.append(
                _user(rng, f"lead{trust_id}-{j}", "trust_lead", password, trust_id)
            )
    for i in range(ctx.volumes.users - len(users)):
        employer = rng.choice(ctx.trust_ids)
        users.append(_user(rng, f"psw{i:05d}", "peer_worker", password, None, employer))
    for user in users:
        user.email = f"{user.email}@{EMAIL_DOMAIN}"
    User.objects.bulk_create(users, batch_size=BATCH)
    ctx.count("accounts_user", len(users))
    for user in users:
        if user.role == "coordinator":
            ctx.coordinator_ids.append(user.pk)
        elif user.role == "trust_lead":
            ctx.lead_ids_by_trust.setdefault(user.trust_id, []).append(user.pk)
        else:
            ctx.psw_ids.append(user.pk)
            ctx.psw_trust[user.pk] = user.employer_trust_id
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user_id=u.pk, email=u.email, verified=True, primary=True)
            for u in users
        ],
        batch_size=BATCH,
    )
    # Coordinators must have an authenticator or every page redirects to MFA set-up.
    Authenticator.objects.bulk_create(
        [
            Authenticator(user_id=pk, type=Authenticator.Type.TOTP, data={"secret": ""})
            for pk in ctx.coordinator_ids
        ]
    )


def _user(rng, local, role, password, trust_id=None, employer_id=None) -> User:
    return User(
        email=local,
        full_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        role=role,
        trust_id=trust_id,
        employer_trust_id=employer_id or trust_id,
        password=password,
    )
