"""The load-data generator: deterministic, and sized as issue 10 says."""

from datetime import date

import pytest
from django.db import transaction

from benchmarks import loaddata
from network.models import ActionItem, Meeting
from training.models import TrainingBooking, TrainingOpportunity
from workforce.models import Post, PostStatusChange

pytestmark = pytest.mark.perf

ANCHOR = date(2026, 11, 26)


def fingerprint() -> tuple:
    """What was generated, by natural keys (primary keys differ between runs)."""
    return (
        tuple(
            Post.objects.order_by("local_ref").values_list(
                "local_ref", "status", "wte", "band"
            )
        ),
        tuple(
            PostStatusChange.objects.order_by(
                "post__local_ref", "effective_date", "pk"
            ).values_list(
                "post__local_ref", "to_status", "effective_date", "valid_until"
            )
        ),
        tuple(
            ActionItem.objects.order_by("plan__title", "ref").values_list(
                "ref", "due_date", "status"
            )
        ),
        tuple(
            Meeting.objects.order_by("starts_at").values_list(
                "title", "starts_at", "status"
            )
        ),
        tuple(
            TrainingBooking.objects.order_by(
                "opportunity__title", "user__email"
            ).values_list("opportunity__title", "user__email", "status")
        ),
    )


def generate_and_rollback(seed: int) -> tuple:
    with transaction.atomic():
        loaddata.generate(scale=0.02, seed=seed, anchor=ANCHOR, log=lambda _: None)
        result = fingerprint()
        transaction.set_rollback(True)
    return result


@pytest.mark.django_db
def test_same_seed_writes_the_same_rows_and_another_seed_does_not():
    first = generate_and_rollback(7)
    assert first == generate_and_rollback(7)
    assert first != generate_and_rollback(8)
    assert all(first), "every table in the fingerprint has rows"


def test_scale_one_matches_the_issue_and_scale_ten_grows_the_growing_tables():
    one, ten = loaddata.Volumes.for_scale(1), loaddata.Volumes.for_scale(10)
    assert (one.trusts, one.users, one.posts, one.action_items) == (
        40,
        1500,
        5000,
        2000,
    )
    assert (one.meetings, one.opportunities, one.bookings) == (300, 500, 10000)
    assert one.opportunities * one.sessions_per_opportunity == 2000
    assert ten.trusts == one.trusts
    for growing in (
        "users",
        "posts",
        "action_items",
        "meetings",
        "opportunities",
        "bookings",
    ):
        assert getattr(ten, growing) == 10 * getattr(one, growing)


@pytest.mark.django_db
def test_generated_rows_keep_the_domain_rules():
    loaddata.generate(scale=0.02, seed=3, anchor=ANCHOR, log=lambda _: None)
    for post in Post.objects.all():
        last = post.changes.order_by("-effective_date", "-pk").first()
        assert (last.to_status, last.valid_until) == (post.status, None)
    for opp in TrainingOpportunity.objects.filter(book_here=True):
        holding = opp.bookings.filter(status__in=TrainingBooking.HOLDS_PLACE).count()
        assert opp.places_remaining == opp.places_total - holding


@pytest.mark.django_db
def test_refuses_a_database_that_already_has_load_data():
    loaddata.generate(scale=0.02, seed=1, anchor=ANCHOR, log=lambda _: None)
    assert loaddata.already_loaded()
