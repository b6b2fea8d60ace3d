"""W7 growth over time: filled posts at each quarter end, and its chart.

Where a trust's return for a quarter is confirmed, its figures for that
quarter end come from the return's frozen snapshot (the official series);
otherwise they are rebuilt live from the recorded changes. Each row says which.
"""

from decimal import Decimal

from django.db.models import Count, Q, Sum

from workforce.models import PostStatusChange, WorkforceReturn
from workforce.reports import (
    GROWTH_START,
    WTE,
    Table,
    _post_filters,
    quarter_ends,
    version_on,
)

Z = Decimal("0")


def growth_table(until, filters, fmt) -> Table:
    """W7: filled posts and WTE at each quarter end since mid-2016, per trust."""
    ends = quarter_ends(GROWTH_START, until)
    flt = _post_filters(filters)
    on_post = {k: v for k, v in flt.items() if "__versions__" not in k}
    by_version = Q(**{k: v for k, v in flt.items() if k not in on_post})
    aggs = {}
    for i, end in enumerate(ends):
        # the filled row and the post's version (setting, band, WTE) both in
        # force at this quarter end
        live = (
            Q(effective_date__lte=end)
            & (Q(valid_until__isnull=True) | Q(valid_until__gt=end))
            & version_on(end)
            & by_version
        )
        aggs[f"n{i}"] = Count("id", filter=live)
        aggs[f"w{i}"] = Sum(WTE, filter=live)
    per_trust = list(
        PostStatusChange.objects.filter(to_status="filled", **on_post)
        .values("post__trust__short_name")
        .annotate(**aggs)
        .order_by("post__trust__short_name")
    )
    trusts = [r["post__trust__short_name"] for r in per_trust]
    _use_confirmed(per_trust, ends, confirmed_filled(filters))
    table = Table(
        "growth",
        "Growth: filled posts at each quarter end",
        [
            "Quarter end",
            "Figures",
            *[f"{t} filled WTE" for t in trusts],
            "All trusts filled posts",
            "All trusts filled WTE",
            "Change in filled WTE",
        ],
        note="Figures: “Confirmed” quarter ends use the returns trusts have "
        "confirmed, the official figures; “Live” ones are rebuilt from each "
        "post's recorded changes and can still change.",
    )
    previous = None
    for i, end in enumerate(ends):
        total_n = sum(r[f"n{i}"] for r in per_trust)
        total_w = fmt.wte_value(sum((r[f"w{i}"] or Z) for r in per_trust))
        change = "–" if previous is None else f"{total_w - previous:+.2f}"
        previous = total_w
        cells = [fmt.wte(r[f"w{i}"]) for r in per_trust]
        table.rows.append(
            [
                f"{end:%b %Y}",
                _source(per_trust, i),
                *cells,
                fmt.count(total_n),
                fmt.wte(total_w),
                change,
            ]
        )
    return table


def confirmed_filled(filters: dict) -> dict:
    """{(trust short name, quarter end): (filled posts, filled WTE)} from the
    snapshots of confirmed returns, with the same filters as the live figures."""
    on_trust = {
        k.removeprefix("post__"): v
        for k, v in _post_filters(filters).items()
        if k.startswith("post__trust")
    }
    wanted = {k: filters[k] for k in ("setting", "band") if filters.get(k)}
    found = {}
    returns = WorkforceReturn.objects.filter(
        status=WorkforceReturn.Status.CONFIRMED, **on_trust
    ).values_list("trust__short_name", "snapshot_date", "snapshot_json")
    for trust, day, snapshot in returns:
        if "posts" not in (snapshot or {}):
            continue  # nothing was frozen, so there is no official figure
        filled = [
            p
            for p in snapshot["posts"]
            if p["status"] == "filled" and all(p[k] == v for k, v in wanted.items())
        ]
        found[trust, day] = (len(filled), sum((Decimal(p["wte"]) for p in filled), Z))
    return found


def _use_confirmed(per_trust: list[dict], ends: list, confirmed: dict) -> None:
    """Replace live figures with confirmed ones where a return is confirmed."""
    for row in per_trust:
        trust = row["post__trust__short_name"]
        for i, end in enumerate(ends):
            if (trust, end) in confirmed:
                row[f"n{i}"], row[f"w{i}"] = confirmed[trust, end]
                row[f"c{i}"] = True


def _source(per_trust: list[dict], i: int) -> str:
    done = sum(1 for r in per_trust if r.get(f"c{i}"))
    if not done:
        return "Live"
    if done == len(per_trust):
        return "Confirmed"
    return f"Confirmed for {done} of {len(per_trust)} trusts"
