"""Open regional PSW workforce figures, suppressed as on the public dashboard.

Point-in-time totals per quarter end, by ICB, setting and band, from the
status-change rows in force (workforce.reports.in_force) with cells under five
posts hidden by workforce.reports.Formatter, the dashboard's own rule.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, Sum
from django.utils import timezone

from network.models import ICB
from workforce.models import Post
from workforce.reports import (
    ESTABLISHMENT,
    GROWTH_START,
    Formatter,
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


def cells(quarter: str = "") -> list[Cell]:
    out = []
    for on in quarters():
        label = quarter_of(on)
        if quarter and label != quarter:
            continue
        rows = (
            in_force(on, {})
            .filter(to_status__in=ESTABLISHMENT)
            .values("post__trust__icb", "post__setting", "post__band")
            .annotate(
                posts=Count("id"),
                wte=Sum("post__wte"),
                filled_posts=Count("id", filter=Q(to_status=Post.Status.FILLED)),
                filled_wte=Sum("post__wte", filter=Q(to_status=Post.Status.FILLED)),
            )
            .order_by("post__trust__icb", "post__setting", "post__band")
        )
        out.extend(
            Cell(
                label,
                on,
                r["post__trust__icb"],
                r["post__setting"],
                r["post__band"],
                r["posts"],
                r["wte"],
                r["filled_posts"],
                r["filled_wte"],
            )
            for r in rows
        )
    return out


def json_row(cell: Cell, fmt: Formatter) -> dict:
    hidden, filled_hidden = fmt.hidden(cell.posts), fmt.hidden(cell.filled_posts)
    return {
        "quarter": cell.quarter,
        "as_at": cell.as_at,
        "icb": cell.icb,
        "setting": cell.setting,
        "band": cell.band,
        "establishment_posts": None if hidden else cell.posts,
        "establishment_wte": None if hidden else fmt.wte(cell.wte, cell.posts),
        "filled_posts": None if filled_hidden else cell.filled_posts,
        "filled_wte": None
        if filled_hidden
        else fmt.wte(cell.filled_wte, cell.filled_posts),
        "suppressed": hidden or filled_hidden,
    }


def csv_row(cell: Cell, fmt: Formatter) -> list:
    return [
        cell.quarter,
        cell.as_at.isoformat(),
        ICB(cell.icb).label,
        Post.Setting(cell.setting).label,
        Post.Band(cell.band).label,
        fmt.count(cell.posts),
        fmt.wte(cell.wte, cell.posts),
        fmt.count(cell.filled_posts),
        fmt.wte(cell.filled_wte, cell.filled_posts),
    ]
