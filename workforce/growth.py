"""W7 growth over time: filled posts at each quarter end, and its chart."""

from decimal import Decimal

from django.db.models import Count, Q, Sum

from workforce.models import PostStatusChange
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
    table = Table(
        "growth",
        "Growth: filled posts at each quarter end",
        [
            "Quarter end",
            *[f"{t} filled WTE" for t in trusts],
            "All trusts filled posts",
            "All trusts filled WTE",
            "Change in filled WTE",
        ],
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
                *cells,
                fmt.count(total_n),
                fmt.wte(total_w),
                change,
            ]
        )
    return table


CHART_WIDTH, CHART_HEIGHT, CHART_TOP = 640, 220, 20


def growth_chart(table: Table) -> dict | None:
    """Column-chart geometry for the regional filled WTE in the growth table.

    Suppressed quarters get no bar; the table beside the chart has every number.
    """
    values = []
    for row in table.rows:
        try:
            values.append((row[0], float(row[-2])))
        except ValueError:
            values.append((row[0], None))
    top = max((v for _, v in values if v is not None), default=0)
    if not values or not top:
        return None
    step = CHART_WIDTH / len(values)
    bars = []
    for i, (label, value) in enumerate(values):
        height = (value or 0) / top * (CHART_HEIGHT - CHART_TOP)
        bars.append(
            {
                "label": label,
                "value": "suppressed" if value is None else f"{value:.2f}",
                "x": round(i * step + 1, 1),
                "width": round(step - 2, 1),
                "y": round(CHART_HEIGHT - height, 1),
                "height": round(height, 1),
                "tick": label.startswith("Mar") or i == 0,
                "text_x": round(i * step, 1),
            }
        )
    return {
        "bars": bars,
        "max": f"{top:.0f}",
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "axis_y": CHART_HEIGHT + 16,
        "view_height": CHART_HEIGHT + 24,
    }
