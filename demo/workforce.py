"""Demo PSW posts, status histories and ImROC progress.

Fictional volumes with the sourced shape: per-trust totals, ~80% embedded in
teams, the band and status mix, ~30% fixed term, growth from a low 2016 base.
Deterministic (one seeded Random per trust) and idempotent: posts are keyed on
(trust, local_ref) and skipped when present.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from network.models import MemberTrust
from workforce.models import (
    ImplementationChecklistItem,
    Post,
    PostStatusChange,
    PostVersion,
    TrustChecklistStatus,
    WorkforceReturn,
)
from workforce.reference import seed_checklist_items
from workforce.reports import last_quarter_end, quarter_of
from workforce.services import return_snapshot

S = Post.Status
ANCHOR = date(2025, 9, 30)  # histories end here so the demo is the same every day
FIRST = date(2016, 4, 1)
TRUSTS = [  # short name, posts, WTE, ImROC maturity 0-1
    ("Mersey Care", 45, Decimal("38.0"), 0.9),
    ("GMMH", 40, Decimal("33.5"), 0.75),
    ("LSCft", 36, Decimal("30.0"), 0.6),
    ("Pennine Care", 24, Decimal("20.5"), 0.45),
    ("CWP", 22, Decimal("17.0"), 0.5),
]
STATUS_MIX = [
    (S.RECRUITING, 0.10),
    (S.VACANT, 0.07),
    (S.FUNDED, 0.03),
    (S.PLANNED, 0.03),
    (S.FROZEN, 0.02),
]
BANDS = [("afc_3", 65), ("afc_4", 22), ("afc_5", 9), ("afc_6", 3), ("afc_7", 1)]
SETTINGS = [s for s in Post.Setting.values if s not in ("recovery_college", "other")]


def seed(stdout=None) -> None:
    seed_checklist_items(ImplementationChecklistItem)
    made = 0
    for short, count, wte, maturity in TRUSTS:
        trust = MemberTrust.objects.filter(short_name=short).first()
        if trust:
            made += _seed_trust(trust, count, wte)
            _seed_checklist(trust, maturity)
    cntw = MemberTrust.objects.filter(short_name="CNTW").first()
    if cntw:
        made += _seed_cntw(cntw)
        _seed_checklist(cntw, 0.35)
    cwp = MemberTrust.objects.filter(short_name="CWP").first()
    if cwp:
        made += _seed_cwp_volunteers(cwp)
    _seed_returns()
    if stdout:
        stdout.write(f"workforce: {made} demo posts added")


def _statuses(rng, count) -> list[str]:
    statuses = []
    for status, share in STATUS_MIX:
        statuses += [status] * max(1, round(count * share))
    statuses += [S.FILLED] * (count - len(statuses))
    rng.shuffle(statuses)
    return statuses


def _wtes(rng, count, target) -> list[Decimal]:
    """Mostly full-time posts, some part-time, summing exactly to the target."""
    wtes = [Decimal("1.00")] * count
    deficit = Decimal(count) - target
    while deficit > 0:
        step = min(deficit, Decimal(rng.choice(["0.2", "0.4", "0.5"])))
        i = rng.randrange(count)
        if wtes[i] - step >= Decimal("0.4"):
            wtes[i] -= step
            deficit -= step
    return wtes


def _path(rng, final: str, start: date) -> list[tuple[str, date]]:
    """A plausible status history ending in `final`, all on or before ANCHOR."""
    recruit = start + timedelta(days=rng.randint(10, 60))
    filled = recruit + timedelta(days=rng.randint(60, 150))
    steps = {
        S.PLANNED: [S.PLANNED],
        S.FUNDED: [S.FUNDED],
        S.FROZEN: [S.FUNDED, S.FROZEN],
        S.RECRUITING: [S.FUNDED, S.RECRUITING],
        S.FILLED: [S.FUNDED, S.RECRUITING, S.FILLED],
        S.VACANT: [S.FUNDED, S.RECRUITING, S.FILLED, S.VACANT],
    }[final]
    dates = [start, recruit, filled, filled + timedelta(days=rng.randint(120, 700))]
    path = list(zip(steps, dates, strict=False))
    overshoot = (path[-1][1] - ANCHOR).days
    if overshoot > 0:
        path = [(s, d - timedelta(days=overshoot)) for s, d in path]
    return path


def _start(rng, recent=False) -> date:
    # A power below 1 skews towards later years: a low 2016 base that grows.
    span = (ANCHOR - FIRST).days - 200
    fraction = rng.uniform(0.55, 0.95) if recent else rng.random() ** 0.75
    return FIRST + timedelta(days=int(span * fraction))


@transaction.atomic
def _seed_trust(trust, count, target_wte) -> int:
    rng = random.Random(f"workforce-demo-{trust.short_name}")
    statuses, wtes = _statuses(rng, count), _wtes(rng, count, target_wte)
    made = 0
    for i in range(count):
        band = rng.choices([b for b, _ in BANDS], [w for _, w in BANDS])[0]
        college = rng.random() < 0.2
        setting = "recovery_college" if college else rng.choice(SETTINGS)
        recent = False
        if trust.short_name == "Mersey Care" and i == 0:
            setting = "criminal_justice_liaison"
        elif i in (1, 2, 3):  # perinatal and crisis posts created 2021-24 (S10)
            setting, recent = ("perinatal", "crisis", "perinatal")[i - 1], True
        fixed = rng.random() < 0.3
        fields = {
            "role_type": _role(rng, band, college),
            "job_title": _title(band, college, setting),
            "band": band,
            "wte": wtes[i],
            "delivery_model": "recovery_college" if college else "embedded_in_team",
            "setting": setting,
            "locality": "Liverpool" if setting == "criminal_justice_liaison" else "",
            "service_name": "Criminal Justice Liaison Team"
            if setting == "criminal_justice_liaison"
            else "",
            "lived_experience_basis": rng.choice(
                ["service_user", "service_user", "either", "carer"]
            ),
            "contract_type": "fixed_term" if fixed else "permanent",
            "funding_source": rng.choice(
                [
                    "trust_baseline",
                    "trust_baseline",
                    "hee_nhse_transformation",
                    "icb_investment",
                ]
            ),
            "funding_end_date": timezone.localdate()
            + timedelta(days=rng.randint(14, 540))
            if fixed
            else None,
        }
        path = _path(rng, statuses[i], _start(rng, recent))
        made += _make_post(
            trust, f"{trust.ods_code or trust.pk}-PSW-{i + 1:03d}", fields, path
        )
    return made


def _role(rng, band, college) -> str:
    if college:
        return "peer_trainer"
    if band in ("afc_6", "afc_7"):
        return rng.choice(["peer_lead", "peer_supervisor"])
    if band == "afc_5":
        return rng.choice(["senior_psw", "peer_coordinator"])
    return rng.choice(["psw", "psw", "psw", "carer_psw", "apprentice_peer_worker"])


def _title(band, college, setting) -> str:
    if college:
        return "Peer Trainer – Recovery College"
    senior = {
        "afc_5": "Senior Peer Support Worker",
        "afc_6": "Peer Support Lead",
        "afc_7": "Head of Peer Support",
    }
    label = Post.Setting(setting).label
    return f"{senior.get(band, 'Peer Support Worker')} – {label}"


def _make_post(trust, ref, fields, path) -> int:
    if Post.objects.filter(trust=trust, local_ref=ref).exists():
        return 0
    final, since = path[-1]
    post = Post.objects.create(
        trust=trust, local_ref=ref, status=final, status_effective_date=since, **fields
    )
    previous = ""
    for n, (status, when) in enumerate(path):
        until = path[n + 1][1] if n + 1 < len(path) else None
        PostStatusChange.objects.create(
            post=post,
            from_status=previous,
            to_status=status,
            effective_date=when,
            valid_until=until,
            previous_effective_date=path[n - 1][1] if n else None,
            note="Demo history",
        )
        previous = status
    PostVersion.of(post, path[0][1]).save()
    return 1


@transaction.atomic
def _seed_cntw(trust) -> int:
    """S22: 21 filled and 20 recruiting at 2022-Q1; most filled later in 2022."""
    rng = random.Random("workforce-demo-CNTW")
    made = 0
    for i in range(41):
        start = date(2019, 10, 1) + timedelta(days=rng.randint(0, 600))
        if i < 21:
            path = [
                (S.FUNDED, start),
                (S.RECRUITING, start + timedelta(days=30)),
                (S.FILLED, start + timedelta(days=120)),
            ]
        else:
            rec = date(2021, 10, 1) + timedelta(days=rng.randint(0, 170))
            path = [(S.FUNDED, rec - timedelta(days=20)), (S.RECRUITING, rec)]
            path.append(
                (S.FILLED, date(2022, 7, 1) + timedelta(days=rng.randint(0, 150)))
                if i < 37
                else (S.VACANT, date(2022, 9, 30))
            )
        fields = {
            "role_type": "psw",
            "job_title": "Peer Support Worker – North Cumbria",
            "band": "afc_3" if i % 5 else "afc_4",
            "wte": Decimal("1.00") if i % 4 else Decimal("0.60"),
            "delivery_model": "embedded_in_team",
            "setting": rng.choice(SETTINGS),
            "lived_experience_basis": "service_user",
            "contract_type": "permanent",
            "funding_source": "trust_baseline",
            "locality": "Carlisle",
        }
        made += _make_post(trust, f"RX4-PSW-{i + 1:03d}", fields, path)
    return made


@transaction.atomic
def _seed_cwp_volunteers(trust) -> int:
    """S20: CWP had 7 volunteer peer roles in 2017 (closed when paid posts came)."""
    made = 0
    for i in range(7):
        fields = {
            "role_type": "psw",
            "job_title": "Volunteer Peer Supporter",
            "band": "volunteer",
            "wte": Decimal("0.20"),
            "delivery_model": "embedded_in_team",
            "setting": "adult_community_smi",
            "lived_experience_basis": "either",
            "contract_type": "volunteer",
            "funding_source": "trust_baseline",
            "locality": "Wirral",
        }
        path = [
            (S.FUNDED, date(2017, 3, 1)),
            (S.RECRUITING, date(2017, 4, 1)),
            (S.FILLED, date(2017, 6, 1) + timedelta(days=i * 7)),
            (S.CLOSED, date(2019, 3, 31)),
        ]
        made += _make_post(trust, f"CWP-VOL-{i + 1:02d}", fields, path)
    return made


def _seed_checklist(trust, maturity: float) -> None:
    rng = random.Random(f"workforce-checklist-{trust.short_name}")
    for n, item in enumerate(ImplementationChecklistItem.objects.order_by("order")):
        # Earlier phases are further along, as the phases are sequential.
        chance = maturity * (1.25 - n / 25)
        roll = rng.random()
        status = (
            "in_place"
            if roll < chance
            else "in_progress"
            if roll < chance + 0.25
            else "not_started"
        )
        TrustChecklistStatus.objects.get_or_create(
            trust=trust, item=item, defaults={"status": status}
        )


def _seed_returns() -> None:
    quarter_end = last_quarter_end(ANCHOR + timedelta(days=1))
    for short in ("Mersey Care", "GMMH", "LSCft"):
        trust = MemberTrust.objects.filter(short_name=short).first()
        if trust:
            WorkforceReturn.objects.get_or_create(
                trust=trust,
                period=quarter_of(quarter_end),
                defaults={
                    "snapshot_date": quarter_end,
                    "due_date": quarter_end + timedelta(days=15),
                    "status": WorkforceReturn.Status.CONFIRMED,
                    "confirmed_at": timezone.now(),
                    "snapshot_json": return_snapshot(trust, quarter_end),
                },
            )
