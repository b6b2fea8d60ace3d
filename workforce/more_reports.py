"""More regional reports: band mix and senior share (W3), supervision capacity
(W4), WTE and headcount (W5), the vacancy-rate trend and long-running
recruitment (W6), growth by setting with the network's milestones (W7) and
each trust's quarterly returns over time (W15).

Like workforce.reports, each is a Table built from the status and version in
force on each date, and every number goes through a disclosure.Formatter.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from network.models import ActionItem, ActionPlan, MemberTrust, Milestone
from workforce.models import Post, PostStatusChange, WorkforceReturn
from workforce.reports import (
    BAND,
    ESTABLISHMENT,
    GROWTH_START,
    ROLE,
    SETTING,
    WTE,
    Table,
    _post_filters,
    in_force,
    quarter_ends,
    quarter_of,
    shown_vacancy_rate,
    version_on,
)

SENIOR_BANDS = ("afc_5", "afc_6", "afc_7", "afc_8a")  # Band 5 and above
PEER_ROLES = ("psw", "carer_psw", "apprentice_peer_worker", "peer_trainer")
SUPERVISING_ROLES = ("senior_psw", "peer_coordinator", "peer_lead", "peer_supervisor")
LONG_RECRUITMENT_DAYS = 90
Z = Decimal("0")
TRUST = "post__trust__short_name"


def _per_trust(on, filters, **aggs) -> list[dict]:
    return list(
        in_force(on, filters)
        .filter(to_status__in=ESTABLISHMENT)
        .values(TRUST)
        .annotate(**aggs)
        .order_by(TRUST)
    )


def _with_total(rows: list[dict], keys) -> list[tuple[str, dict]]:
    total = {k: sum((r[k] or 0) for r in rows) for k in keys}
    return [*((r[TRUST], r) for r in rows), ("All trusts", total)]


def band_table(on, filters, fmt) -> Table:
    """W3: funded posts by band for each trust, and the share at Band 5 and above."""
    bands = Post.Band.choices
    aggs = {b: Count("id", filter=Q(**{BAND: b})) for b, _ in bands}
    aggs["all"] = Count("id")
    aggs["senior"] = Count("id", filter=Q(**{f"{BAND}__in": SENIOR_BANDS}))
    table = Table(
        "band-mix",
        "Funded posts by band, and the share of senior posts",
        ["Trust", *[label for _, label in bands], "Band 5 and above"],
        note="Funded posts are funded, recruiting, filled and vacant posts. "
        "The senior share is posts at Band 5 and above as a share of all of them.",
    )
    for label, r in _with_total(_per_trust(on, filters, **aggs), aggs):
        table.rows.append(
            [
                label,
                *[fmt.count(r[b]) for b, _ in bands],
                fmt.share(r["senior"], r["all"]),
            ]
        )
    return table


def supervision_table(on, filters, fmt) -> Table:
    """W4: filled peer-worker WTE for each filled WTE of senior and supervising roles."""
    filled = Q(to_status=Post.Status.FILLED)
    aggs = {
        "peer": Sum(WTE, filter=filled & Q(**{f"{ROLE}__in": PEER_ROLES})),
        "lead": Sum(WTE, filter=filled & Q(**{f"{ROLE}__in": SUPERVISING_ROLES})),
    }
    table = Table(
        "supervision",
        "Supervision capacity: peer workers for each senior or supervising role",
        ["Trust", "Peer worker WTE", "Senior and supervising WTE", "Peer WTE for each"],
        note="Filled posts only. Peer workers are peer support workers, carer peer "
        "support workers, apprentices and peer trainers; senior and supervising "
        "roles are senior peer support workers, coordinators, leads and supervisors.",
    )
    for label, r in _with_total(_per_trust(on, filters, **aggs), aggs):
        peer, lead = fmt.wte_value(r["peer"]), fmt.wte_value(r["lead"])
        ratio = f"{peer / lead:.1f}" if lead else "–"
        table.rows.append([label, fmt.wte(r["peer"]), fmt.wte(r["lead"]), ratio])
    return table


def wte_table(on, filters, fmt) -> Table:
    """W5: funded WTE against the number of posts, and how many are part time."""
    aggs = {
        "posts": Count("id"),
        "wte": Sum(WTE),
        "part": Count("id", filter=Q(**{f"{WTE}__lt": 1})),
    }
    table = Table(
        "wte-headcount",
        "WTE and number of posts",
        ["Trust", "Funded posts", "Funded WTE", "Average WTE a post", "Part time"],
        note="Part time means under 1.00 WTE (37.5 hours a week).",
    )
    for label, r in _with_total(_per_trust(on, filters, **aggs), aggs):
        posts = fmt.count_value(r["posts"])
        average = f"{fmt.wte_value(r['wte']) / posts:.2f}" if posts else "–"
        table.rows.append(
            [
                label,
                fmt.count(r["posts"]),
                fmt.wte(r["wte"]),
                average,
                fmt.share(r["part"], r["posts"]),
            ]
        )
    return table


def vacancy_trend_table(until, filters, fmt, since=GROWTH_START) -> Table:
    """W6: the regional vacancy rate at each quarter end from `since`."""
    ends = quarter_ends(since, until)
    aggs = {}
    for i, end in enumerate(ends):
        live = _live_at(end, filters)
        aggs[f"e{i}"] = Sum(WTE, filter=live & Q(to_status__in=ESTABLISHMENT))
        aggs[f"f{i}"] = Sum(WTE, filter=live & Q(to_status=Post.Status.FILLED))
        aggs[f"n{i}"] = Sum(WTE, filter=live & Q(to_status=Post.Status.FUNDED))
    on_post = {k: v for k, v in _post_filters(filters).items() if "versions" not in k}
    # only rows in force at some quarter end shown (fewer rows to aggregate)
    in_range = Q(valid_until__isnull=True) | Q(valid_until__gt=ends[0]) if ends else Q()
    r = PostStatusChange.objects.filter(in_range, **on_post).aggregate(**aggs)
    table = Table(
        "vacancy-trend",
        "Vacancy rate at each quarter end",
        [
            "Quarter end",
            "Funded WTE",
            "Filled WTE",
            "Vacancy rate",
            "Turnover vacancy rate",
        ],
        note="The turnover vacancy rate leaves out funded posts that have never "
        "been filled yet.",
    )
    for i, end in enumerate(ends):
        est, filled, new = r[f"e{i}"] or Z, r[f"f{i}"] or Z, r[f"n{i}"] or Z
        table.rows.append(
            [
                f"{end:%b %Y}",
                fmt.wte(est),
                fmt.wte(filled),
                shown_vacancy_rate(fmt, est, filled),
                shown_vacancy_rate(fmt, est - new, filled),
            ]
        )
    return table


def _live_at(end, filters) -> Q:
    """The status row and version both in force at `end`, matching filters."""
    by_version = {k: v for k, v in _post_filters(filters).items() if "versions" in k}
    return (
        Q(effective_date__lte=end)
        & (Q(valid_until__isnull=True) | Q(valid_until__gt=end))
        & version_on(end)
        & Q(**by_version)
    )


def long_recruitment_table(on, posts) -> Table:
    """W6: posts recruiting for more than 90 days on the date; `posts` is what
    the viewer may see in detail, so the public never gets this list."""
    rows = (
        PostStatusChange.objects.as_at(on)
        .filter(
            to_status=Post.Status.RECRUITING,
            effective_date__lte=on - timedelta(days=LONG_RECRUITMENT_DAYS),
            post__in=posts,
        )
        .select_related("post__trust")
        .order_by("effective_date", "post__trust__short_name")
    )
    table = Table(
        "long-recruitment",
        "Posts recruiting for more than 90 days",
        ["Trust", "Local reference", "Job title", "Recruiting since", "Days"],
    )
    for r in rows:
        table.rows.append(
            [
                r.post.trust.short_name,
                r.post.local_ref or "–",
                r.post.job_title,
                f"{r.effective_date:%-d %B %Y}",
                str((on - r.effective_date).days),
            ]
        )
    return table


def setting_growth_table(until, filters, fmt) -> Table:
    """W7: filled WTE by setting at each quarter end, with the milestones reached."""
    ends = quarter_ends(GROWTH_START, until)
    aggs = {
        f"w{i}": Sum(WTE, filter=_live_at(end, filters)) for i, end in enumerate(ends)
    }
    on_post = {k: v for k, v in _post_filters(filters).items() if "versions" not in k}
    rows = {
        r[SETTING]: r
        for r in PostStatusChange.objects.filter(to_status="filled", **on_post)
        .values(SETTING)
        .annotate(**aggs)
    }
    settings = [(v, label) for v, label in Post.Setting.choices if v in rows]
    milestones = _milestones_by_quarter(ends)
    table = Table(
        "growth-by-setting",
        "Filled WTE by setting at each quarter end, with the network's milestones",
        ["Quarter end", *[label for _, label in settings], "Milestones"],
    )
    for i, end in enumerate(ends):
        table.rows.append(
            [
                f"{end:%b %Y}",
                *[fmt.wte(rows[v][f"w{i}"]) for v, _ in settings],
                "; ".join(milestones.get(end, [])) or "–",
            ]
        )
    return table


def _milestones_by_quarter(ends: list[date]) -> dict:
    found = {}
    for m in Milestone.objects.filter(happened_on__isnull=False):
        end = next((e for e in ends if e >= m.happened_on), None)
        if end:
            found.setdefault(end, []).append(m.title)
    return found


RETURN_QUARTERS = 8


def returns_timeline_table(today, ends: list[date]) -> Table:
    """W15: each trust's return for each of the last eight quarters."""
    ends = ends[-RETURN_QUARTERS:]
    returns = {
        (r.trust_id, r.snapshot_date): r
        for r in WorkforceReturn.objects.filter(snapshot_date__in=ends)
    }
    table = Table(
        "returns-timeline",
        "Quarterly returns by trust",
        ["Trust", *[quarter_of(e) for e in ends]],
        note="Each quarter's return is due 15 days after the quarter ends.",
    )
    for trust in MemberTrust.objects.current().order_by("short_name"):
        table.rows.append(
            [
                trust.short_name,
                *[_return_cell(returns.get((trust.pk, e)), today) for e in ends],
            ]
        )
    return table


def _return_cell(ret, today) -> str:
    if ret is None:
        return "Not opened"
    if ret.status == WorkforceReturn.Status.CONFIRMED:
        return f"Confirmed {timezone.localtime(ret.confirmed_at):%-d %b %Y}"
    if ret.status != WorkforceReturn.Status.SUBMITTED and ret.due_date < today:
        return f"Overdue since {ret.due_date:%-d %b %Y}"
    return ret.get_status_display()


def action_plan_table(today) -> Table:
    """W12: the active plan's actions by objective, RAG and completion rate."""
    rag = ActionItem.Rag
    done = ActionItem.Status.COMPLETED
    dropped = [ActionItem.Status.DEFERRED, ActionItem.Status.CANCELLED]
    counts = {f"rag_{r}": Count("id", filter=Q(rag=r)) for r in rag.values}
    rows = (
        ActionItem.objects.filter(plan__status=ActionPlan.Status.ACTIVE)
        .values("objective__ref", "objective__title")
        .annotate(
            total=Count("id"),
            counted=Count("id", filter=~Q(status__in=dropped)),
            done=Count("id", filter=Q(status=done)),
            overdue=Count(
                "id", filter=Q(status__in=ActionItem.OPEN_STATUSES, due_date__lt=today)
            ),
            **counts,
        )
        .order_by("objective__ref")
    )
    table = Table(
        "action-plan",
        "Action plan: completion by objective",
        [
            "Objective",
            "Actions",
            *rag.labels,
            "Overdue",
            "Completed",
            "Completion rate",
        ],
        note="The completion rate leaves out deferred and cancelled actions.",
    )
    for r in rows:
        rate = f"{r['done'] * 100 / r['counted']:.0f}%" if r["counted"] else "–"
        table.rows.append(
            [
                f"{r['objective__ref']}. {r['objective__title']}",
                str(r["total"]),
                *[str(r[f"rag_{v}"]) for v in rag.values],
                str(r["overdue"]),
                str(r["done"]),
                rate,
            ]
        )
    return table
