"""Multi-step writes: a post and its status-change rows always move together."""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import (
    bulk_create_with_history,
    get_history_manager_for_model,
)

from audit.context import current_request
from audit.models import AuditEvent
from audit.recorder import record
from core import workhome_cache
from core.models import Notification
from core.notifications import notify
from core.reminders import DueReminder
from core.roles import coordinators
from network.models import MemberTrust
from workforce import boardpack, csvimport, figures_cache
from workforce.boardpack_pdf import render_pdf
from workforce.bulkupdate import update_in_bulk
from workforce.importrows import DETAIL_FIELDS
from workforce.models import (
    Post,
    PostImport,
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

logger = logging.getLogger(__name__)

BATCH = 500
RETURN_DUE_AFTER_DAYS = 15  # a return is due 15 days after its snapshot
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
    """Move a post along the state machine and record the dated change."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    post.check_transition(to_status, effective_date)
    change = move_status(post, to_status, effective_date, actor, note)
    if to_status == Post.Status.RECRUITING:
        post.recruitment_stage = recruitment_stage
    post.full_clean()
    post.save()
    record_status_moves([change])
    figures_cache.invalidate()
    return change


def move_status(post: Post, to_status, effective_date, actor, note) -> PostStatusChange:
    """Set a post's new status in memory and return the change row to record.

    The one place a status move is written: the web form and the API
    (post_change_status) and the CSV import and API bulk upsert (post_import_apply)
    all come here. The caller has checked the transition; it saves the post,
    then calls record_status_moves. A recruitment stage belongs to recruiting only.
    """
    change = PostStatusChange(
        post=post,
        from_status=post.status,
        to_status=to_status,
        effective_date=effective_date,
        previous_effective_date=post.status_effective_date,
        changed_by=actor,
        note=note,
    )
    post.status, post.status_effective_date = to_status, effective_date
    if to_status != Post.Status.RECRUITING:
        post.recruitment_stage = ""
    post.updated_by = actor
    return change


def record_status_moves(changes: list[PostStatusChange]) -> None:
    """Close each moved post's current change row at its new effective date, so
    point-in-time reports can use a plain range filter, then add the new rows.

    The posts are already saved: one UPDATE per batch reads each new date from
    its post, however many posts moved.
    """
    new_date = Post.objects.filter(pk=OuterRef("post_id")).values(
        "status_effective_date"
    )[:1]
    post_ids = [change.post_id for change in changes]
    for start in range(0, len(post_ids), BATCH):
        PostStatusChange.objects.filter(
            post_id__in=post_ids[start : start + BATCH], valid_until__isnull=True
        ).update(valid_until=Subquery(new_date))
    PostStatusChange.objects.bulk_create(changes, batch_size=BATCH)


IMPORT_NOTE = "CSV import"
IMPORT_UPDATE_FIELDS = [
    *DETAIL_FIELDS,
    "status",
    "status_effective_date",
    "updated_by",
    "updated_at",  # auto_now does not run in a bulk update
]


@transaction.atomic
def post_import_apply(*, post_import: PostImport, user, own_trust):
    """Write every row of a staged import (web upload or API bulk upsert), or
    nothing if any row is now invalid; returns the csvimport.Check."""
    check = csvimport.check_import(
        text=post_import.content, user=user, own_trust=own_trust, lock=True
    )
    if not check.is_valid:
        return check
    _write_import_rows(check.rows, user)
    figures_cache.invalidate()
    post_import.status = PostImport.Status.APPLIED
    post_import.created_count = check.count("create")
    post_import.updated_count = check.count("update")
    post_import.updated_by = user
    post_import.save()
    record(
        AuditEvent.Action.IMPORT,
        request=current_request(),
        actor=user,
        obj=post_import,
        details={
            "created": post_import.created_count,
            "updated": post_import.updated_count,
            "trust_id": post_import.trust_id,
        },
    )
    return check


def _write_import_rows(rows, actor) -> None:
    """New posts, changed posts, their history and status moves, each in bulk:
    the number of queries does not grow with the rows. The rows written are the
    ones post_create and post_change_status write one post at a time."""
    posts_create_many(
        posts=[row.new_post for row in rows if row.action == "create"], actor=actor
    )
    updates = [row for row in rows if row.action == "update"]
    if not updates:
        return
    moves = [_apply_import_row(row, actor) for row in updates]
    posts = [row.post for row in updates]
    update_in_bulk(Post, posts, IMPORT_UPDATE_FIELDS)
    get_history_manager_for_model(Post).bulk_history_create(
        posts, batch_size=BATCH, update=True, default_user=actor
    )
    record_status_moves([move for move in moves if move])
    record_versions(posts, timezone.localdate())


def _apply_import_row(row, actor) -> PostStatusChange | None:
    """Set a checked row's values on its post; the status move, if any."""
    post, (status, effective) = row.post, row.status
    for name, value in row.cleaned.items():
        setattr(post, name, value)
    post.updated_by, post.updated_at = actor, timezone.now()
    if post.status == status:
        return None
    return move_status(post, status, effective, actor, IMPORT_NOTE)


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
    workhome_cache.invalidate()
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
    figures_cache.invalidate()  # confirmed snapshots are the official series
    if quarter_confirmed(ret.period):
        transaction.on_commit(lambda: _queue_board_pack(ret.pk))
    return ret


def _queue_board_pack(return_id: int) -> None:
    from workforce.tasks import board_pack_send

    try:
        board_pack_send.delay(return_id)
    except Exception as exc:  # broker down: the confirmation itself still stands
        logger.warning("could not queue the board pack for %s: %s", return_id, exc)


def quarter_confirmed(period: str) -> bool:
    """Every return opened for the quarter is confirmed."""
    returns = WorkforceReturn.objects.filter(period=period)
    return (
        returns.exists()
        and not returns.exclude(status=WorkforceReturn.Status.CONFIRMED).exists()
    )


BOARD_PACK_KIND = "board-pack"


def board_pack_email(*, return_id: int) -> int:
    """Email the regional board pack to every coordinator once the quarter's
    returns are all confirmed; returns how many messages were recorded.

    Keyed on the quarter's first return and the period, so confirming the last
    return twice (or again after a reopen) never sends the pack twice."""
    ret = WorkforceReturn.objects.get(pk=return_id)
    if not quarter_confirmed(ret.period):
        return 0  # reopened since: the pack goes when all are confirmed again
    first = WorkforceReturn.objects.filter(period=ret.period).order_by("pk").first()
    recipients = _board_pack_recipients(first)
    if not recipients:
        return 0
    pack = boardpack.build(ret.snapshot_date)
    attachment = (pack.filename, render_pdf(pack))
    context = {
        "attachment": attachment,
        "period": pack.period,
        "quarter_start": pack.quarter_start,
        "quarter_end": pack.quarter_end,
        "pack_url": settings.SITE_URL + reverse("workforce:return-list"),
    }
    with transaction.atomic():  # after rendering: no transaction held open
        notes = [
            notify(
                DueReminder(
                    BOARD_PACK_KIND,
                    first,
                    person,
                    pack.period,
                    "workforce_board_pack",
                    context,
                )
            )
            for person in recipients
        ]
    return sum(1 for note in notes if note is not None)


def _board_pack_recipients(first: WorkforceReturn) -> list:
    """Coordinators with an email address not yet sent this quarter's pack."""
    sent = Notification.objects.filter(
        kind=BOARD_PACK_KIND, object_id=str(first.pk), occurrence=first.period
    ).values("recipient_id")
    return list(coordinators().exclude(email="").exclude(pk__in=sent))


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
