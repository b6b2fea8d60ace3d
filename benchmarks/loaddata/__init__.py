"""Deterministic load data for benchmarks (issue 10).

Everything comes from one `random.Random(seed)` and a fixed anchor date, so two
runs with the same seed, scale and anchor write the same rows. Rows are written
with bulk_create in batches: scale 10 (about 1.3 million rows) loads in minutes.

Scale 1 is the North West today: 40 trusts, ~1,500 users, 5,000 posts with ~10
status changes each, 2,000 action items with updates, 300 meetings, 500 training
opportunities with 2,000 sessions and 10,000 bookings, standards with versions
and consultation responses. Scale 10 multiplies the growing tables by 10; the
trusts, coordinators and trust leads stay as they are (one region's shape).
"""

import random
import time
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from benchmarks.loaddata import network, people, standards, training, workforce

EMAIL_DOMAIN = "load.nwpsw.example"
BATCH = 2000


@dataclass
class Volumes:
    trusts: int
    users: int
    posts: int
    changes_per_post: int
    action_items: int
    items_per_plan: int
    meetings: int
    attendees_per_meeting: int
    opportunities: int
    sessions_per_opportunity: int
    bookings: int
    standards: int
    versions_per_standard: int

    @classmethod
    def for_scale(cls, scale: float) -> "Volumes":
        def grow(n: int) -> int:
            return max(1, round(n * scale))

        return cls(
            trusts=40 if scale >= 1 else max(2, grow(40)),
            users=max(20, grow(1500)),
            posts=grow(5000),
            changes_per_post=10,
            action_items=grow(2000),
            items_per_plan=200 if scale >= 1 else max(2, grow(200)),
            meetings=grow(300),
            attendees_per_meeting=15 if scale >= 1 else 3,
            opportunities=grow(500),
            sessions_per_opportunity=4,
            bookings=grow(10000),
            standards=grow(12),
            versions_per_standard=4,
        )


@dataclass
class Context:
    """What one generator step hands to the next (ids, not model instances)."""

    rng: random.Random
    anchor: date
    volumes: Volumes
    trust_ids: list = field(default_factory=list)
    coordinator_ids: list = field(default_factory=list)
    lead_ids_by_trust: dict = field(default_factory=dict)
    psw_ids: list = field(default_factory=list)
    psw_trust: dict = field(default_factory=dict)
    meeting_ids: list = field(default_factory=list)
    past_meeting_ids: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)

    def count(self, table: str, n: int) -> None:
        self.counts[table] = self.counts.get(table, 0) + n


STEPS = (
    ("people", people.generate),
    ("network", network.generate),
    ("workforce", workforce.generate),
    ("standards", standards.generate),
    ("training", training.generate),
)


def already_loaded() -> bool:
    from accounts.models import User

    return User.objects.filter(email__endswith="@" + EMAIL_DOMAIN).exists()


def generate(*, scale: float, seed: int, anchor: date, log=print) -> Context:
    """Write the whole data set in one transaction; returns counts per table."""
    ctx = Context(
        rng=random.Random(seed), anchor=anchor, volumes=Volumes.for_scale(scale)
    )
    with transaction.atomic():
        for name, step in STEPS:
            started = time.monotonic()
            step(ctx)
            log(f"  {name}: {time.monotonic() - started:.1f} s")
    return ctx
