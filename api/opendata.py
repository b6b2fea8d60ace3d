"""Open regional PSW workforce figures, rounded as on the public dashboard.

Point-in-time totals per quarter end, by ICB, setting and band, from the
status-change rows in force (workforce.reports.in_force), with every count and
WTE rounded to the nearest 5 by workforce.disclosure, the dashboard's own rule.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, Sum
from django.utils import timezone

from network.models import ICB
from workforce.disclosure import Formatter
from workforce.models import Post
from workforce.reports import (
    BAND,
    ESTABLISHMENT,
    GROWTH_START,
    SETTING,
    WTE,
    in_force,
    last_quarter_end,
    quarter_ends,
    quarter_of,
)

CSV_HEADER = [
    "Quarter",
    "As at",
    "ICB",
    "Setting",
    "Band",
    "Establishment posts",
    "Establishment WTE",
    "Filled posts",
    "Filled WTE",
]


@dataclass
class Cell:
    quarter: str
    as_at: date
    icb: str
    setting: str
    band: str
    posts: int
    wte: object
    filled_posts: int
    filled_wte: object


def quarters() -> list[date]:
    return quarter_ends(GROWTH_START, last_quarter_end(timezone.localdate()))


DIMENSIONS = {
    "icb": "post__trust__icb",
    "setting": SETTING,
    "band": BAND,
}


def _totals(on: date, group: list[str]) -> list[dict]:
    establishment = in_force(on, {}).filter(to_status__in=ESTABLISHMENT)
    filled = Q(to_status=Post.Status.FILLED)
    sums = {
        "posts": Count("id"),
        "wte": Sum(WTE),
        "filled_posts": Count("id", filter=filled),
        "filled_wte": Sum(WTE, filter=filled),
    }
    if not group:  # regional total: one row, or none when there are no posts
        row = establishment.aggregate(**sums)
        return [row] if row["posts"] else []
    return list(establishment.values(*group).annotate(**sums).order_by(*group))


def cells(quarter: str = "", by: tuple[str, ...] = tuple(DIMENSIONS)) -> list[Cell]:
    """One cell per quarter and combination of the `by` dimensions; a dimension
    left out is totalled over (and shown as empty)."""
    group = [DIMENSIONS[d] for d in by]
    out = []
    for on in quarters():
        label = quarter_of(on)
        if quarter and label != quarter:
            continue
        out.extend(
            Cell(
                label,
                on,
                r.get("post__trust__icb", ""),
                r.get(SETTING, ""),
                r.get(BAND, ""),
                r["posts"],
                r["wte"],
                r["filled_posts"],
                r["filled_wte"],
            )
            for r in _totals(on, group)
        )
    return out


def json_row(cell: Cell, fmt: Formatter) -> dict:
    return {
        "quarter": cell.quarter,
        "as_at": cell.as_at,
        "icb": cell.icb or None,  # None: totalled over every ICB
        "setting": cell.setting or None,
        "band": cell.band or None,
        "establishment_posts": fmt.count_value(cell.posts),
        "establishment_wte": fmt.wte(cell.wte),
        "filled_posts": fmt.count_value(cell.filled_posts),
        "filled_wte": fmt.wte(cell.filled_wte),
    }


def csv_row(cell: Cell, fmt: Formatter) -> list:
    return [
        cell.quarter,
        cell.as_at.isoformat(),
        ICB(cell.icb).label if cell.icb else "All",
        Post.Setting(cell.setting).label if cell.setting else "All",
        Post.Band(cell.band).label if cell.band else "All",
        fmt.count(cell.posts),
        fmt.wte(cell.wte),
        fmt.count(cell.filled_posts),
        fmt.wte(cell.filled_wte),
    ]
