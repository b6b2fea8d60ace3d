"""The post state machine (docs/rules.md) and the database's invariants."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.workforce.conftest import make_post
from workforce.models import Post, PostStatusChange
from workforce.services import post_change_status

pytestmark = pytest.mark.django_db

S = Post.Status
ALLOWED = {
    ("planned", "funded"), ("planned", "closed"),
    ("funded", "recruiting"), ("funded", "frozen"), ("funded", "closed"),
    ("recruiting", "filled"), ("recruiting", "vacant"), ("recruiting", "frozen"),
    ("filled", "vacant"), ("filled", "closed"),
    ("vacant", "recruiting"), ("vacant", "frozen"), ("vacant", "closed"),
    ("frozen", "funded"), ("frozen", "vacant"), ("frozen", "closed"),
}  # fmt: skip
PAIRS = [(a, b) for a in S.values for b in S.values]


@pytest.mark.parametrize("from_status, to_status", PAIRS)
def test_every_transition_is_allowed_or_refused_as_the_domain_says(
    trust_a, lead_a, from_status, to_status
):
    post = make_post(trust_a, status=from_status)
    if (from_status, to_status) in ALLOWED:
        change = post_change_status(
            post=post,
            to_status=to_status,
            effective_date=date(2024, 6, 1),
            actor=lead_a,
        )
        post.refresh_from_db()
        assert post.status == to_status
        assert post.status_effective_date == date(2024, 6, 1)
        assert (change.from_status, change.to_status) == (from_status, to_status)
        assert post.changes.count() == 2
    else:
        with pytest.raises(ValidationError):
            post_change_status(
                post=post,
                to_status=to_status,
                effective_date=date(2024, 6, 1),
                actor=lead_a,
            )
        post.refresh_from_db()
        assert post.status == from_status and post.changes.count() == 1


def test_status_change_closes_the_previous_row_at_the_new_date(trust_a, lead_a):
    post = make_post(trust_a, status="funded", status_effective_date=date(2024, 1, 1))
    post_change_status(
        post=post, to_status="recruiting", effective_date=date(2024, 3, 1), actor=lead_a
    )
    first, second = PostStatusChange.objects.filter(post=post).order_by("pk")
    assert first.valid_until == date(2024, 3, 1)
    assert second.valid_until is None and second.changed_by == lead_a


def test_status_cannot_take_effect_in_the_future_or_before_the_current_status(
    trust_a, lead_a
):
    post = make_post(trust_a, status="funded", status_effective_date=date(2024, 1, 1))
    with pytest.raises(ValidationError) as future:
        post_change_status(
            post=post,
            to_status="recruiting",
            effective_date=date.today() + timedelta(days=1),
            actor=lead_a,
        )
    assert "future" in str(future.value)
    with pytest.raises(ValidationError) as earlier:
        post_change_status(
            post=post,
            to_status="recruiting",
            effective_date=date(2023, 12, 31),
            actor=lead_a,
        )
    assert "on or after" in str(earlier.value)
    assert post.changes.count() == 1


def test_recruitment_stage_is_kept_only_while_recruiting(trust_a, lead_a):
    post = make_post(trust_a, status="funded")
    post_change_status(
        post=post,
        to_status="recruiting",
        effective_date=date(2024, 2, 1),
        actor=lead_a,
        recruitment_stage="interviewing",
    )
    post.refresh_from_db()
    assert post.recruitment_stage == "interviewing"
    post_change_status(
        post=post,
        to_status="filled",
        effective_date=date(2024, 3, 1),
        actor=lead_a,
        recruitment_stage="interviewing",
    )
    post.refresh_from_db()
    assert post.recruitment_stage == ""


@pytest.mark.parametrize(
    "fields",
    [
        {"wte": Decimal("0.00")},
        {"wte": Decimal("1.50")},
        {"contract_type": "fixed_term", "funding_end_date": None},
        {"status": "filled", "recruitment_stage": "advertised"},
    ],
)
def test_database_refuses_invalid_posts(trust_a, fields):
    values = {
        "trust": trust_a, "role_type": "psw", "job_title": "X", "band": "afc_3",
        "wte": Decimal("1.00"), "delivery_model": "other", "setting": "other",
        "lived_experience_basis": "either", "contract_type": "permanent",
        "funding_source": "other", "status": "funded", "status_effective_date": date(2024, 1, 1),
    }  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        Post.objects.create(**{**values, **fields})


def test_local_ref_is_unique_within_a_trust_only(trust_a, trust_b):
    make_post(trust_a, local_ref="R1")
    make_post(trust_b, local_ref="R1")
    make_post(trust_a, local_ref="")
    make_post(trust_a, local_ref="")
    with pytest.raises(ValidationError):
        make_post(trust_a, local_ref="R1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Post.objects.create(
            **{
                **Post.objects.filter(local_ref="R1", trust=trust_a).values().get(),
                "id": None,
            }
        )


def test_hours_are_derived_from_wte(trust_a):
    assert make_post(trust_a, wte=Decimal("0.60")).hours_per_week == Decimal("22.50")


def test_field_changes_are_historised(trust_a):
    post = make_post(trust_a, band="afc_3")
    post.band = "afc_4"
    post.save()
    latest = post.history.first()
    delta = latest.diff_against(latest.prev_record)
    assert [c.field for c in delta.changes] == ["band"]
