"""Multi-step writes: a post and its status-change rows always move together."""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from network.models import MemberTrust
from workforce import figures_cache
from workforce.models import (
    Post,
    PostStatusChange,
    PostVersion,
    TrustChecklistStatus,
    WorkforceReturn,
)
from workforce.models.versions import COUNTED_FIELDS
from workforce.reports import (
    BAND,
    SETTING,
    WTE,
    in_force,
    last_quarter_end,
    quarter_of,
)

RETURN_DUE_AFTER_DAYS = 15  # domain.md §3.2: due = snapshot + 15 days
NOT_ALLOWED = "This return cannot move from {frm} to {to}"


@transaction.atomic
def post_create(*, post: Post, actor) -> Post:
    """Save a new post and the status-change row it starts with."""
    post.created_by = post.updated_by = actor
    post.full_clean()
    post.save()
    PostStatusChange.objects.create(
        post=post,
        from_status="",
        to_status=post.status,
        effective_date=post.status_effective_date,
        changed_by=actor,
        note="Post added",
    )
    PostVersion.of(post, post.status_effective_date).save()
    figures_cache.invalidate()
    return post


@transaction.atomic
def post_save_edits(*, post: Post, actor) -> Post:
    """Save edits to a post's details (not its status: see post_change_status)."""
    post.updated_by = actor
    post.save()
    record_versions([post], timezone.localdate())
    figures_cache.invalidate()
    return post


def _counted(obj) -> tuple:
    return tuple(getattr(obj, name) for name in COUNTED_FIELDS)


def record_versions(posts: list[Post], on: date) -> None:
    """Start a new version, from `on`, for each post whose counted values
    changed, closing the one before; a second change on the same day replaces
    that day's version. A fixed number of queries however many posts."""
    current = {
        v.post_id: v
        for v in PostVersion.objects.filter(
            post_id__in=[p.pk for p in posts], valid_until__isnull=True
        )
    }
    changed = [
        p
        for p in posts
        if p.pk not in current or _counted(current[p.pk]) != _counted(p)
    ]
    if not changed:
        return
    ids = [p.pk for p in changed]
    PostVersion.objects.filter(
        post_id__in=ids, valid_until__isnull=True, effective_date__gte=on
    ).delete()
    PostVersion.objects.filter(post_id__in=ids, valid_until__isnull=True).update(
        valid_until=on
    )
    PostVersion.objects.bulk_create(
        [
            PostVersion.of(p, on if p.pk in current else p.status_effective_date)
            for p in changed
        ],
        batch_size=1000,
    )


@transaction.atomic
def posts_create_many(*, posts: list[Post], actor) -> list[Post]:
    """Bulk-add posts that were already validated (CSV import), with history
    and their first status-change rows, in a fixed number of queries."""
    for post in posts:
        post.created_by = post.updated_by = actor
    created = bulk_create_with_history(posts, Post, batch_size=500, default_user=actor)
    PostStatusChange.objects.bulk_create(
        [
            PostStatusChange(
                post=post,
                to_status=post.status,
                effective_date=post.status_effective_date,
                changed_by=actor,
                note="CSV import",
            )
            for post in created
        ],
        batch_size=1000,
    )
    PostVersion.objects.bulk_create(
        [PostVersion.of(post, post.status_effective_date) for post in created],
        batch_size=1000,
    )
    figures_cache.invalidate()
    return created


@transaction.atomic
def post_change_status(
    *,
    post: Post,
    to_status: str,
    effective_date: date,
    actor,
    note: str = "",
    recruitment_stage: str = "",
) -> PostStatusChange:
    """Move a post along the state machine and record the dated change.

    The current change row is closed at the new effective date so point-in-time
    reports can use a plain range filter.
    """
    post = Post.objects.select_for_update().get(pk=post.pk)
    post.check_transition(to_status, effective_date)
    from_status, from_date = post.status, post.status_effective_date
    PostStatusChange.objects.filter(post=post, valid_until__isnull=True).update(
        valid_until=effective_date
    )
    change = PostStatusChange.objects.create(
        post=post,
        from_status=from_status,
        to_status=to_status,
        effective_date=effective_date,
        previous_effective_date=from_date,
        changed_by=actor,
        note=note,
    )
    post.status = to_status
    post.status_effective_date = effective_date
    post.recruitment_stage = (
        recruitment_stage if to_status == Post.Status.RECRUITING else ""
    )
    post.updated_by = actor
    post.full_clean()
    post.save()
    figures_cache.invalidate()
    return change


@transaction.atomic
def checklist_status_set(
    *,
    trust: MemberTrust,
    item,
    actor,
    status: str,
    evidence_note: str,
    evidence_url: str,
) -> TrustChecklistStatus:
    """Record a trust's status for one item; each save is one history entry."""
    row = (
        TrustChecklistStatus.objects.select_for_update()
        .filter(trust=trust, item=item)
        .first()
    ) or TrustChecklistStatus(trust=trust, item=item)
    row.status = status
    row.evidence_note = evidence_note
    row.evidence_url = evidence_url
    row.updated_by = actor
    row.full_clean()
    row.save()
    return row


def return_snapshot(trust: MemberTrust, on: date) -> dict:
    """The trust's posts as they stood on the snapshot date: the status and
    the counted values (WTE, band, setting) in force then."""
    rows = (
        in_force(on, {"trust": trust})
        .order_by("post__local_ref", "post_id")
        .values("post_id", "post__local_ref", "post__job_title", "to_status")
        .annotate(band=F(BAND), wte=F(WTE), setting=F(SETTING))
    )
    posts = [
        {
            "id": r["post_id"],
            "local_ref": r["post__local_ref"],
            "job_title": r["post__job_title"],
            "band": r["band"],
            "wte": str(r["wte"]),
            "setting": r["setting"],
            "status": r["to_status"],
        }
        for r in rows
    ]
    return {"as_at": on.isoformat(), "posts": posts}


def _move_return(ret: WorkforceReturn, to: str) -> WorkforceReturn:
    ret = WorkforceReturn.objects.select_for_update().get(pk=ret.pk)
    if not ret.can_become(to):
        raise ValueError(NOT_ALLOWED.format(frm=ret.status, to=to))
    ret.status = to
    return ret


@transaction.atomic
def workforce_return_submit(*, ret: WorkforceReturn, actor) -> WorkforceReturn:
    ret = _move_return(ret, WorkforceReturn.Status.SUBMITTED)
    ret.snapshot_json = return_snapshot(ret.trust, ret.snapshot_date)
    ret.submitted_by, ret.submitted_at = actor, timezone.now()
    ret.updated_by = actor
    ret.save()
    return ret


@transaction.atomic
def workforce_return_confirm(*, ret: WorkforceReturn, actor) -> WorkforceReturn:
    ret = _move_return(ret, WorkforceReturn.Status.CONFIRMED)
    ret.confirmed_by, ret.confirmed_at = actor, timezone.now()
    ret.updated_by = actor
    ret.save()
    return ret


@transaction.atomic
def workforce_return_send_back(
    *, ret: WorkforceReturn, actor, reason: str
) -> WorkforceReturn:
    ret = _move_return(ret, WorkforceReturn.Status.RETURNED)
    ret.returned_reason = reason
    ret.updated_by = actor
    ret.save()
    return ret


@transaction.atomic
def workforce_return_reopen(*, ret: WorkforceReturn, actor) -> WorkforceReturn:
    """A coordinator opens one trust's return again so its lead can change it."""
    ret = _move_return(ret, WorkforceReturn.Status.OPEN)
    ret.snapshot_json = {}
    ret.submitted_by = ret.submitted_at = None
    ret.confirmed_by = ret.confirmed_at = None
    ret.returned_reason = ""
    ret.updated_by = actor
    ret.save()
    return ret


def return_round_open(*, quarter_end: date, actor=None) -> int:
    """Open every current trust's return for one quarter; returns how many were new.

    Keyed on (trust, period), so opening the same quarter twice opens it once.
    """
    period = quarter_of(quarter_end)
    opened = 0
    for trust in MemberTrust.objects.current():
        with transaction.atomic():
            _, created = WorkforceReturn.objects.get_or_create(
                trust=trust,
                period=period,
                defaults={
                    "snapshot_date": quarter_end,
                    "due_date": quarter_end + timedelta(days=RETURN_DUE_AFTER_DAYS),
                    "created_by": actor,
                    "updated_by": actor,
                },
            )
        opened += created
    return opened


def apply_date_rules(today: date) -> int:
    """Open each active trust's return for the quarter that has just ended."""
    return return_round_open(quarter_end=last_quarter_end(today))
