"""Regional figures, aggregated in the database.

Point-in-time figures come from the PostStatusChange row and the PostVersion
(WTE, band, setting, delivery model, role) in force on the as-at date, never
from typed-in totals or a post's values today. Each report returns a Table:
the page shows it as an accessible table and the same rows download as CSV.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import (
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    Sum,
)

from core.dates import add_months
from workforce import figures_cache
from workforce.disclosure import Formatter
from workforce.models import Post, PostStatusChange

# Mersey Care reported that 80% of its PSWs work alongside professionals.
SEED_EMBEDDED_SHARE = 80
GROWTH_START = date(2016, 6, 30)  # W7 starts at 2016-Q2
ESTABLISHMENT = [str(s) for s in Post.ESTABLISHMENT]
Z = Decimal("0")


def last_quarter_end(today: date) -> date:
    """The latest quarter end (30 Jun, 30 Sep, 31 Dec, 31 Mar) before today."""
    start_month = (today.month - 1) // 3 * 3 + 1
    return date(today.year, start_month, 1) - timedelta(days=1)


def quarter_of(day: date) -> str:
    """NHS financial-year quarter label: 1 Apr–30 Jun 2025 is "2025-Q1"."""
    fy = day.year if day.month >= 4 else day.year - 1
    return f"{fy}-Q{(day.month - 4) % 12 // 3 + 1}"


def quarter_ends(start: date, until: date) -> list[date]:
    ends, current = [], start
    while current <= until:
        ends.append(current)
        current = last_quarter_end(add_months(current, 4))
    return ends


def vacancy_rate(establishment_wte, filled_wte) -> Decimal | None:
    """(funded establishment WTE − filled WTE) ÷ funded establishment WTE, as %."""
    establishment_wte = establishment_wte or Z
    if not establishment_wte:
        return None
    rate = (establishment_wte - (filled_wte or Z)) / establishment_wte * 100
    return rate.quantize(Decimal("0.1"))


@dataclass
class Table:
    slug: str
    caption: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    note: str = ""
    chart: dict | None = None  # set by workforce.charts.attach


# The post's counted values on the date in question, read from a status-change
# row through the version joined by version_on() in the same filter() call.
WTE = "post__versions__wte"
SETTING = "post__versions__setting"
BAND = "post__versions__band"
DELIVERY = "post__versions__delivery_model"
ROLE = "post__versions__role_type"


def version_on(on) -> Q:
    """The post's version in force on a date (or a date expression)."""
    until = "post__versions__valid_until"
    return Q(post__versions__effective_date__lte=on) & (
        Q(**{f"{until}__isnull": True}) | Q(**{f"{until}__gt": on})
    )


def in_force(on: date, filters: dict):
    """For each post matching filters on a date: the status-change row in force
    then, joined to the version in force then (one filter() call, one join)."""
    return PostStatusChange.objects.as_at(on).filter(
        version_on(on), **_post_filters(filters)
    )


def _post_filters(filters: dict) -> dict:
    """Filters on a status-change row; setting and band are the version's, so
    use them in the same filter() call as version_on()."""
    mapping = {
        "icb": "post__trust__icb",
        "trust": "post__trust",
        "setting": SETTING,
        "band": BAND,
    }
    return {mapping[k]: v for k, v in filters.items() if v and k in mapping}


def _est(prefix=""):
    return Q(**{f"{prefix}to_status__in": ESTABLISHMENT})


def status_table(on, filters, fmt) -> Table:
    data = {
        r["to_status"]: r
        for r in in_force(on, filters)
        .values("to_status")
        .annotate(posts=Count("id"), wte=Sum(WTE))
    }
    table = Table("by-status", "Posts and WTE by status", ["Status", "Posts", "WTE"])
    for value, label in Post.Status.choices:
        r = data.get(value, {})
        table.rows.append([label, fmt.count(r.get("posts")), fmt.wte(r.get("wte"))])
    return table


def trust_table(on, filters, fmt) -> Table:
    """W1 and W6: posts by status per trust, with establishment and vacancy rate."""
    statuses = [s for s in Post.Status if s != Post.Status.CLOSED]
    aggs = {f"n_{s}": Count("id", filter=Q(to_status=s)) for s in statuses}
    aggs["est_wte"] = Sum(WTE, filter=_est())
    aggs["est_n"] = Count("id", filter=_est())
    aggs["filled_wte"] = Sum(WTE, filter=Q(to_status="filled"))
    rows = (
        in_force(on, filters)
        .values("post__trust__short_name", "post__trust__icb")
        .annotate(**aggs)
        .order_by("post__trust__short_name")
    )
    table = Table(
        "by-trust",
        "Posts by trust and status, with vacancy rate",
        [
            "Trust",
            *[s.label for s in statuses],
            "Establishment WTE",
            "Filled WTE",
            "Vacancy rate",
        ],
        note="Vacancy rate = (funded establishment WTE − filled WTE) ÷ funded "
        "establishment WTE. Establishment is funded, recruiting, filled and vacant posts.",
    )
    totals = {k: 0 for k in aggs}
    for r in rows:
        for k in aggs:
            totals[k] += r[k] or 0
        table.rows.append(_trust_row(r["post__trust__short_name"], r, statuses, fmt))
    table.rows.append(_trust_row("All trusts", totals, statuses, fmt))
    return table


def _trust_row(label, r, statuses, fmt) -> list:
    return [
        label,
        *[fmt.count(r[f"n_{s}"]) for s in statuses],
        fmt.wte(r["est_wte"]),
        fmt.wte(r["filled_wte"]),
        shown_vacancy_rate(fmt, r["est_wte"], r["filled_wte"]),
    ]


def shown_vacancy_rate(fmt, establishment_wte, filled_wte) -> str:
    """The vacancy rate worked out from the WTE as shown to this viewer."""
    rate = vacancy_rate(fmt.wte_value(establishment_wte), fmt.wte_value(filled_wte))
    return "–" if rate is None else f"{rate}%"


def grouped_table(on, filters, fmt, *, slug, caption, field_name, choices) -> Table:
    """W2/W3: establishment and filled posts and WTE for each value of a field."""
    data = {
        r[field_name]: r
        for r in in_force(on, filters)
        .values(field_name)
        .annotate(
            est_n=Count("id", filter=_est()),
            est_wte=Sum(WTE, filter=_est()),
            filled_n=Count("id", filter=Q(to_status="filled")),
            filled_wte=Sum(WTE, filter=Q(to_status="filled")),
        )
    }
    table = Table(
        slug, caption, ["", "Funded posts", "Funded WTE", "Filled posts", "Filled WTE"]
    )
    table.headers[0] = caption.split(" by ")[-1].capitalize()
    for value, label in choices:
        r = data.get(value)
        if not r:
            continue
        table.rows.append(
            [
                label,
                fmt.count(r["est_n"]),
                fmt.wte(r["est_wte"]),
                fmt.count(r["filled_n"]),
                fmt.wte(r["filled_wte"]),
            ]
        )
    return table


def delivery_table(on, filters, fmt) -> Table:
    """W8: delivery-model split of filled posts against Mersey Care's 80%."""
    data = {
        r[DELIVERY]: r["n"]
        for r in in_force(on, filters)
        .filter(to_status="filled")
        .values(DELIVERY)
        .annotate(n=Count("id"))
    }
    total = sum(data.values())
    table = Table(
        "delivery-model",
        "Delivery model of filled posts compared with Mersey Care's 80%",
        ["Delivery model", "Filled posts", "Share", "Mersey Care's figure"],
        note="Mersey Care has reported that 80% of its peer support workers work "
        "alongside other professionals in teams; the rest are peer trainers in "
        "its Recovery College.",
    )
    seed = {
        "embedded_in_team": f"{SEED_EMBEDDED_SHARE}%",
        "recovery_college": f"{100 - SEED_EMBEDDED_SHARE}%",
    }
    for value, label in Post.DeliveryModel.choices:
        n = data.get(value, 0)
        table.rows.append(
            [label, fmt.count(n), fmt.share(n, total, "1"), seed.get(value, "–")]
        )
    return table


def _fills(on, filters):
    """Recruiting spells that ended with the post filled, by the as-at date."""
    days = ExpressionWrapper(
        F("effective_date") - F("previous_effective_date"),
        output_field=DurationField(),
    )
    return PostStatusChange.objects.filter(
        version_on(F("effective_date")),
        from_status=Post.Status.RECRUITING,
        to_status=Post.Status.FILLED,
        effective_date__lte=on,
        **_post_filters(filters),
    ).annotate(days=days)


def time_to_fill_table(on, filters, fmt) -> Table:
    """W6: how long recruitment takes, and posts recruiting for over 90 days."""
    fills = _fills(on, filters)
    per_trust = {
        r["post__trust__short_name"]: r
        for r in fills.values("post__trust__short_name").annotate(
            n=Count("id"), mean=Avg("days")
        )
    }
    long_running = dict(
        in_force(on, filters)
        .filter(to_status="recruiting", effective_date__lte=on - timedelta(days=90))
        .values_list("post__trust__short_name")
        .annotate(n=Count("id"))
    )
    count = sum(r["n"] for r in per_trust.values())  # no separate COUNT query
    middle = fills.order_by("days").values_list("days", flat=True)[
        count // 2 : count // 2 + 1
    ]
    median = f"{middle[0].days} days" if count else "–"
    table = Table(
        "time-to-fill",
        "Time to fill and long-running recruitment",
        [
            "Trust",
            "Posts filled from recruiting",
            "Average days to fill",
            "Recruiting over 90 days",
        ],
        note=f"Median time to fill across the selection: {median}.",
    )
    for trust in sorted(set(per_trust) | set(long_running)):
        r = per_trust.get(trust, {"n": 0, "mean": None})
        mean = f"{r['mean'].days}" if r["mean"] is not None else "–"
        table.rows.append(
            [trust, fmt.count(r["n"]), mean, fmt.count(long_running.get(trust, 0))]
        )
    return table


def funding_table(today, filters, fmt) -> Table:
    """W9: posts whose funding ends in the next 3, 6 and 12 months, by trust."""
    windows = (3, 6, 12)
    aggs = {
        f"m{m}": Count(
            "id",
            filter=Q(
                funding_end_date__gte=today, funding_end_date__lte=add_months(today, m)
            ),
        )
        for m in windows
    }
    aggs["live"] = Count("id")
    aggs["fixed"] = Count("id", filter=Q(contract_type=Post.Contract.FIXED_TERM))
    # today's posts, so their current values
    flt = {
        k.removeprefix("post__").replace("versions__", ""): v
        for k, v in _post_filters(filters).items()
    }
    rows = (
        Post.objects.exclude(status=Post.Status.CLOSED)
        .filter(**flt)
        .values("trust__short_name")
        .annotate(**aggs)
        .order_by("trust__short_name")
    )
    table = Table(
        "funding-ending",
        "Posts with funding ending",
        ["Trust", "Fixed-term share", *[f"Within {m} months" for m in windows]],
        note="Current posts that are not closed.",
    )
    for r in rows:
        table.rows.append(
            [
                r["trust__short_name"],
                fmt.share(r["fixed"], r["live"], "1"),
                *[fmt.count(r[f"m{m}"]) for m in windows],
            ]
        )
    return table


def regional_status(today: date) -> Table:
    """The home page's regional figures: public, so small counts are hidden."""
    return figures_cache.cached(
        "home-status",
        lambda: status_table(today, {}, Formatter(exact=False)),
        today=today,
    )


def build_dashboard(
    *, on: date, today: date, filters: dict, suppress: bool
) -> list[Table]:
    """Every dashboard table. Those derived from posts are cached per scope
    (suppressed or not), dates and filters; the readiness and returns tables are
    kept until a checklist status, return or trust changes."""
    from workforce.summaries import readiness_table, returns_table

    known = {k: v for k, v in filters.items() if k in DASHBOARD_FILTERS}
    post_tables = figures_cache.cached(
        "dashboard",
        lambda: _post_tables(on, today, known, Formatter(exact=not suppress)),
        on=on,
        today=today,
        suppress=suppress,
        **{f"filter_{k}": v or "" for k, v in known.items()},
    )
    trust = filters.get("trust")
    live_filters = {"icb": filters.get("icb") or "", "trust": trust or ""}
    live_tables = figures_cache.cached_live(
        "dashboard-live",
        lambda: [readiness_table(filters), returns_table(filters)],
        **live_filters,
    )
    return [*post_tables, *live_tables]


DASHBOARD_FILTERS = ("icb", "trust", "setting", "band")
LIVE_TABLES = ("imroc-readiness", "returns")  # the same for every scope


def _post_tables(on, today, filters, fmt) -> list[Table]:
    from workforce.growth import growth_table

    return [
        status_table(on, filters, fmt),
        trust_table(on, filters, fmt),
        grouped_table(
            on,
            filters,
            fmt,
            slug="by-setting",
            caption="Posts by setting",
            field_name=SETTING,
            choices=Post.Setting.choices,
        ),
        grouped_table(
            on,
            filters,
            fmt,
            slug="by-band",
            caption="Posts by band",
            field_name=BAND,
            choices=Post.Band.choices,
        ),
        delivery_table(on, filters, fmt),
        time_to_fill_table(on, filters, fmt),
        funding_table(today, filters, fmt),
        growth_table(on, filters, fmt),
    ]
