"""PSW posts with a walk through the status state machine (~10 changes each)."""

from datetime import timedelta
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from workforce.models import Post, PostStatusChange, PostVersion

ROLES = [r for r, _ in Post.RoleType.choices]
BANDS = ["afc_3", "afc_4", "afc_5", "afc_6"]
SETTINGS = [s for s, _ in Post.Setting.choices]
FUNDING = [f for f, _ in Post.Funding.choices]
WTES = [Decimal("0.4"), Decimal("0.6"), Decimal("0.8"), Decimal("1.00")]
# Moves that keep a post alive; "closed" only ever ends a walk.
LIVE_MOVES = {
    s: tuple(t for t in targets if t != "closed")
    for s, targets in Post.TRANSITIONS.items()
}


def generate(ctx) -> None:
    from benchmarks.loaddata import BATCH

    rng, n = ctx.rng, ctx.volumes.posts
    posts, walks = [], []
    for i in range(n):
        walk = _walk(ctx, ctx.volumes.changes_per_post)
        posts.append(_post(ctx, i, walk))
        walks.append(walk)
    bulk_create_with_history(posts, Post, batch_size=BATCH)
    ctx.count("workforce_post", n)
    ctx.count("workforce_historicalpost", n)
    versions = [PostVersion.of(p, w[0][1]) for p, w in zip(posts, walks, strict=True)]
    PostVersion.objects.bulk_create(versions, batch_size=BATCH)
    ctx.count("workforce_postversion", n)

    changes = []
    for post, walk in zip(posts, walks, strict=True):
        previous = None
        for step, (status, day) in enumerate(walk):
            following = walk[step + 1][1] if step + 1 < len(walk) else None
            changes.append(
                PostStatusChange(
                    post_id=post.pk,
                    from_status=previous[0] if previous else "",
                    to_status=status,
                    effective_date=day,
                    valid_until=following,
                    previous_effective_date=previous[1] if previous else None,
                    changed_by_id=rng.choice(ctx.coordinator_ids),
                )
            )
            previous = (status, day)
    for start in range(0, len(changes), BATCH):
        PostStatusChange.objects.bulk_create(changes[start : start + BATCH])
    ctx.count("workforce_poststatuschange", len(changes))


def _walk(ctx, length: int) -> list:
    """[(status, date)] starting at planned, dates strictly increasing to the anchor."""
    rng = ctx.rng
    day = ctx.anchor - timedelta(days=rng.randrange(2000, 3000))
    status, walk = "planned", [("planned", day)]
    for _ in range(length - 1):
        status = rng.choice(LIVE_MOVES[status])
        day += timedelta(days=rng.randrange(20, 180))
        walk.append((status, min(day, ctx.anchor)))
    if rng.random() < 0.05:
        walk.append(("closed", walk[-1][1]))
    return walk


def _post(ctx, i: int, walk: list) -> Post:
    rng = ctx.rng
    status, day = walk[-1]
    contract = rng.choice(["permanent", "fixed_term", "bank"])
    return Post(
        trust_id=ctx.trust_ids[i % len(ctx.trust_ids)],
        local_ref=f"LD-{i + 1:06d}",
        role_type=rng.choice(ROLES),
        job_title=f"Peer support worker {rng.choice(['community', 'inpatient', 'crisis'])}",
        band=rng.choice(BANDS),
        wte=rng.choice(WTES),
        delivery_model="embedded_in_team",
        setting=rng.choice(SETTINGS),
        service_name=f"Team {rng.randrange(1, 60)}",
        locality=rng.choice(["North", "South", "East", "West", "Central"]),
        lived_experience_basis=rng.choice(["service_user", "carer", "either"]),
        contract_type=contract,
        funding_source=rng.choice(FUNDING),
        funding_end_date=ctx.anchor + timedelta(days=rng.randrange(30, 900))
        if contract == "fixed_term"
        else None,
        status=status,
        status_effective_date=day,
        recruitment_stage="advertised" if status == "recruiting" else "",
    )
