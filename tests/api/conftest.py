"""API fixtures: one object of each kind, and clients signed in by token."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import ApiToken
from network.models import ActionItem, ActionPlan, Meeting, Objective
from standards.models import Standard, StandardVersion
from training.models import TrainingOpportunity, TrainingProvider, TrainingSession
from workforce.models import Post
from workforce.services import post_create

POST_DEFAULTS = {
    "role_type": "psw",
    "job_title": "Peer Support Worker – Crisis",
    "band": "afc_3",
    "wte": Decimal("1.00"),
    "delivery_model": "embedded_in_team",
    "setting": "crisis",
    "lived_experience_basis": "service_user",
    "contract_type": "permanent",
    "funding_source": "trust_baseline",
    "status": "funded",
    "status_effective_date": date(2024, 1, 10),
}


def make_post(trust, **fields) -> Post:
    return post_create(
        post=Post(trust=trust, **{**POST_DEFAULTS, **fields}), actor=None
    )


def post_body(trust, **overrides) -> dict:
    body = {
        "trust": trust.pk,
        "local_ref": "NEW-1",
        "job_title": "Peer Support Worker – Perinatal",
        "role_type": "psw",
        "band": "afc_4",
        "wte": "0.80",
        "delivery_model": "embedded_in_team",
        "setting": "perinatal",
        "lived_experience_basis": "either",
        "contract_type": "permanent",
        "funding_source": "icb_investment",
        "status": "funded",
        "status_effective_date": "2025-02-01",
    }
    body.update(overrides)
    return body


def aware(d: date, hh: int) -> datetime:
    return timezone.make_aware(datetime.combine(d, time(hh)))


@pytest.fixture
def post_a(trust_a):
    return make_post(trust_a, local_ref="A-001")


@pytest.fixture
def post_b(trust_b):
    return make_post(trust_b, local_ref="B-001")


@pytest.fixture
def meetings(db):
    soon = timezone.localdate() + timedelta(days=10)
    private = Meeting.objects.create(
        title="Steering group",
        starts_at=aware(soon, 10),
        ends_at=aware(soon, 12),
        online_url="https://meet.example.test/secret",
    )
    public = Meeting.objects.create(
        title="Annual celebration event",
        meeting_type=Meeting.MeetingType.ANNUAL_EVENT,
        starts_at=aware(soon, 14),
        ends_at=aware(soon, 16),
        location="Liverpool",
        is_public=True,
    )
    return {"private": private, "public": public}


@pytest.fixture
def plan(meetings):
    return ActionPlan.objects.create(
        title="Action plan 2024-27",
        period_start=date(2024, 1, 1),
        period_end=date(2027, 12, 31),
        status="active",
        approved_at=meetings["private"],
    )


@pytest.fixture
def objective(plan):
    return Objective.objects.create(
        plan=plan, ref="4", title="Standards", strand=Objective.Strand.STANDARDS
    )


@pytest.fixture
def item_a(objective, lead_a, trust_a):
    """Owned by lead A, led by Trust A."""
    return ActionItem.objects.create(
        objective=objective,
        ref="4.1",
        action="Write the supervision standard",
        owner=lead_a,
        lead_trust=trust_a,
        due_date=timezone.localdate() + timedelta(days=60),
        status=ActionItem.Status.IN_PROGRESS,
        rag=ActionItem.Rag.GREEN,
    )


@pytest.fixture
def standard(coordinator, meetings):
    standard = Standard.objects.create(
        code="NWPSW-S03",
        title="Supervision for peer support workers",
        area=Standard.Area.SUPERVISION,
        owner=coordinator,
    )
    today = timezone.localdate()
    StandardVersion.objects.create(
        standard=standard,
        number=1,
        body="Every PSW has monthly peer supervision.",
        status=StandardVersion.Status.APPROVED,
        approved_at=meetings["private"],
        approved_on=today - timedelta(days=1),
        review_date=today + timedelta(days=700),
    )
    StandardVersion.objects.create(
        standard=standard, number=2, body="Draft: fortnightly supervision."
    )
    return standard


@pytest.fixture
def opportunity(db):
    provider = TrainingProvider.objects.create(
        name="Mersey Recovery College", provider_type="recovery_college"
    )
    today = timezone.localdate()
    opp = TrainingOpportunity.objects.create(
        title="Intentional Peer Support Core Training",
        provider=provider,
        category="ips_core",
        audience="|psw|",
        description="Four tasks.",
        delivery_mode="in_person",
        location="The Life Rooms, Walton",
        town="Liverpool",
        icb="cheshire_merseyside",
        start_date=today + timedelta(days=30),
        cost_type="free",
        book_here=True,
        places_total=1,
        places_remaining=1,
        booking_deadline=today + timedelta(days=20),
        status="booking_open",
        published_at=timezone.now(),
    )
    TrainingSession.objects.create(
        opportunity=opp, date=opp.start_date, start_time=time(9, 30), end_time=time(16)
    )
    return opp


@pytest.fixture
def world(post_a, post_b, item_a, standard, opportunity, meetings):
    """One of everything, for the permission matrix."""
    return {
        "post_a": post_a,
        "post_b": post_b,
        "item_a": item_a,
        "standard": standard,
        "opportunity": opportunity,
        **meetings,
    }


@pytest.fixture
def api():
    """`api(user)`: a client sending that user's new token (None: anonymous)."""

    def _client(user=None):
        client = APIClient()
        if user is not None:
            _, raw = ApiToken.issue(user=user, name="test")
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
        return client

    return _client
