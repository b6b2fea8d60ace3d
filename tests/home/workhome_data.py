"""Rows that put `k` items in every line of each role's work home.

Used by the count, access and query-count tests and by the browser tests, so
every line is exercised with real rows (all dates relative to today)."""

from datetime import datetime, time, timedelta
from decimal import Decimal
from itertools import count

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from accounts.models import User
from core.models import Notification
from network.models import (
    ActionItem,
    ActionPlan,
    ActionUpdate,
    Meeting,
    MemberTrust,
    Objective,
    TermsOfReference,
)
from standards.models import Standard, StandardVersion
from training.models import (
    TrainingBooking,
    TrainingInterest,
    TrainingOpportunity,
    TrainingProvider,
)
from workforce.models import (
    ImplementationChecklistItem,
    Post,
    TrustChecklistStatus,
    WorkforceReturn,
)

_seq = count(1)


def _n() -> int:
    return next(_seq)


def _at(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def populate(k, *, coordinator, lead, peer, trust, other_trust, today=None):
    """k items in every line; `other_trust` gets the same, which no lead of
    `trust` may ever count."""
    today = today or timezone.localdate()
    plan = _plan(coordinator, today)
    for _ in range(k):
        for owner_trust in (trust, other_trust):
            _lead_lines(owner_trust, plan, today)
        _coordinator_lines(plan, coordinator, today)
        _lead_own_lines(plan, lead, today)
        _peer_lines(peer, today)
    return plan


def _plan(coordinator, today):
    plan = ActionPlan.objects.filter(status="active").first()
    if plan is None:
        meeting = Meeting.objects.create(
            title="Approval meeting",
            starts_at=_at(today - timedelta(days=400)),
            ends_at=_at(today - timedelta(days=400), 12),
        )
        TermsOfReference.objects.create(
            version="9.0",
            status="approved",
            purpose="p",
            objectives="o",
            membership="m",
            chair_arrangements="c",
            decision_making="d",
            approved_at=meeting,
            effective_from=today - timedelta(days=700),
            review_due=today + timedelta(days=30),
        )
        plan = ActionPlan.objects.create(
            title="Work plan",
            period_start=today - timedelta(days=500),
            period_end=today + timedelta(days=365),
            status="active",
            approved_at=meeting,
        )
    Objective.objects.get_or_create(
        plan=plan, ref="1", defaults={"title": "Grow the network", "strand": "network"}
    )
    return plan


def _action(plan, owner, due, *, updated=None, lead_trust=None, **extra):
    item = ActionItem.objects.create(
        objective=plan.objectives.first(),
        ref=f"9.{_n()}",
        action="Write the peer supervision guide",
        owner=owner,
        lead_trust=lead_trust,
        due_date=due,
        status="in_progress",
        rag="green",
        **extra,
    )
    if updated:
        ActionUpdate.objects.create(
            item=item,
            author=owner,
            date=updated,
            note="Going well",
            status_at_time="in_progress",
            rag_at_time="green",
        )
    return item


def _coordinator_lines(plan, coordinator, today):
    recent = today - timedelta(days=3)
    _action(plan, coordinator, today - timedelta(days=5), updated=recent)  # overdue
    _action(plan, coordinator, today + timedelta(days=60), updated=today - timedelta(weeks=20))  # quiet  # fmt: skip
    held = today - timedelta(days=20)
    Meeting.objects.create(
        title=f"Held meeting {_n()}",
        starts_at=_at(held),
        ends_at=_at(held, 12),
        status=Meeting.Status.HELD,
    )
    drafted = held - timedelta(days=10)  # the held meeting above can approve them
    Meeting.objects.create(
        title=f"Meeting with draft minutes {_n()}",
        starts_at=_at(drafted),
        ends_at=_at(drafted, 12),
        status=Meeting.Status.HELD,
        minutes="Draft",
        minutes_status=Meeting.MinutesStatus.DRAFT,
    )
    _opportunity(status=TrainingOpportunity.Status.PENDING, today=today)
    _version(coordinator, status="consultation", today=today, closes_in=7)
    _version(coordinator, status="approved", today=today, review_in=20)
    Notification.objects.create(
        kind="test",
        content_type=ContentType.objects.get_for_model(User),
        object_id="1",
        recipient=coordinator,
        occurrence=f"fail-{_n()}",
        subject="A reminder",
        body_text="Body",
        status=Notification.Status.FAILED,
    )
    _trust(f"NL{_n()}")  # a member trust with no trust lead
    invited = User.objects.create(
        email=f"invited{_n()}@example.test",
        full_name="Invited Person",
        role="peer_worker",
        password=make_password(None),
    )
    User.objects.filter(pk=invited.pk).update(
        date_joined=timezone.now() - timedelta(days=30)
    )


def _lead_lines(trust, plan, today):
    """Posts, returns and readiness rows of one trust."""
    for status in ("open", "submitted"):
        WorkforceReturn.objects.create(
            trust=trust,
            period=f"20{10 + _n() % 80:02d}-Q{_n() % 4 + 1}",
            snapshot_date=today - timedelta(days=40),
            due_date=today - timedelta(days=25),
            status=status,
        )
    _post(
        trust, contract_type="fixed_term", funding_end_date=today + timedelta(days=30)
    )
    _post(trust, status="recruiting", status_effective_date=today - timedelta(days=120))
    stale = _post(trust)
    Post.objects.filter(pk=stale.pk).update(
        updated_at=timezone.now() - timedelta(days=200)
    )
    item = ImplementationChecklistItem.objects.create(
        code=f"T{_n()}", phase="preparation", title="A named senior sponsor"
    )
    TrustChecklistStatus.objects.create(trust=trust, item=item, status="in_place")


def _lead_own_lines(plan, lead, today):
    _action(plan, lead, today + timedelta(days=5), updated=today)  # due soon
    _version(lead, status="consultation", today=today, closes_in=30)


def _peer_lines(peer, today):
    offered = _opportunity(today=today, title="Offered course")
    TrainingBooking.objects.create(
        opportunity=offered,
        user=peer,
        status="offered",
        offer_expires_at=timezone.now() + timedelta(hours=30),
    )
    TrainingBooking.objects.create(
        opportunity=_opportunity(today=today, title="Booked course"),
        user=peer,
        status="booked",
    )
    TrainingInterest.objects.get_or_create(
        user=peer,
        opportunity=None,
        category="wrap",
        defaults={"created_at": timezone.now() - timedelta(days=10)},
    )
    _opportunity(today=today, title="New WRAP course", category="wrap")


def _trust(short):
    return MemberTrust.objects.create(
        name=f"{short} NHS Trust",
        short_name=short,
        icb="cheshire_merseyside",
        joined_on=timezone.localdate() - timedelta(days=900),
    )


def _post(trust, **fields):
    values = {
        "role_type": "psw",
        "job_title": "Peer Support Worker",
        "band": "afc_3",
        "wte": Decimal("1.00"),
        "delivery_model": "embedded_in_team",
        "setting": "crisis",
        "lived_experience_basis": "service_user",
        "contract_type": "permanent",
        "funding_source": "trust_baseline",
        "status": "funded",
        "status_effective_date": timezone.localdate() - timedelta(days=30),
        **fields,
    }
    return Post.objects.create(trust=trust, local_ref=f"W-{_n()}", **values)


def _opportunity(today, status="booking_open", title="A course", category="ips_core"):
    provider, _ = TrainingProvider.objects.get_or_create(name="Recovery College")
    return TrainingOpportunity.objects.create(
        title=f"{title} {_n()}",
        provider=provider,
        category=category,
        audience="|psw|",
        description="A day together.",
        delivery_mode="online",
        start_date=today + timedelta(days=40),
        cost_type="free",
        book_here=True,
        places_total=10,
        places_remaining=8,
        booking_deadline=today + timedelta(days=30),
        status=status,
        published_at=timezone.now(),
    )


def _version(owner, *, status, today, closes_in=None, review_in=None):
    standard = Standard.objects.create(
        code=f"NWPSW-T{_n()}",
        title=f"Supervision standard {_n()}",
        area=Standard.Area.choices[0][0],
        owner=owner,
    )
    fields = {"standard": standard, "number": 1, "body": "Text", "status": status}
    if status == "consultation":
        fields.update(
            consultation_opens=today - timedelta(days=5),
            consultation_closes=today + timedelta(days=closes_in),
        )
    if status == "approved":
        meeting = Meeting.objects.filter(status="held").first()
        fields.update(
            approved_at=meeting,
            approved_on=today - timedelta(days=700),
            review_date=today + timedelta(days=review_in),
        )
    return StandardVersion.objects.create(**fields)


# What each role's home shows for k items per line (the line keys, in order).
COORDINATOR_LINES = [
    "actions-overdue",
    "actions-quiet",
    "emails-failed",
    "minutes-not-drafted",
    "minutes-draft",
    "returns-submitted",
    "returns-overdue",
    "proposals",
    "consultations-closing",
    "tor-review",
    "standards-review",
    "trusts-without-lead",
    "invitations",
]
LEAD_LINES = [
    "my-returns",
    "funding-ending",
    "recruiting-long",
    "posts-unchanged",
    "readiness-evidence",
    "trust-consultations",
    "my-actions",
]
PEER_LINES = ["offers", "bookings", "consultations-open", "new-training"]
