"""Per-trust figures for the trust page and the readiness heat-map."""

from decimal import Decimal

from django.db.models import Count, Max, Q, Sum

from network.models import MemberTrust
from workforce.models import (
    ImplementationChecklistItem,
    Post,
    TrustChecklistStatus,
    WorkforceReturn,
)
from workforce.models.readiness import Phase
from workforce.reports import ESTABLISHMENT, Table, vacancy_rate

Z = Decimal("0")
IN_PLACE = TrustChecklistStatus.Status.IN_PLACE
NOT_APPLICABLE = TrustChecklistStatus.Status.NOT_APPLICABLE


def phase_progress(trusts) -> dict[int, list[dict]]:
    """% in place per phase: in place ÷ (items − not applicable), two queries.

    Items with no status row yet count as not started.
    """
    items = dict(
        ImplementationChecklistItem.objects.values_list("phase").annotate(n=Count("id"))
    )
    rows = (
        TrustChecklistStatus.objects.filter(trust__in=trusts)
        .values("trust_id", "item__phase")
        .annotate(
            in_place=Count("id", filter=Q(status=IN_PLACE)),
            na=Count("id", filter=Q(status=NOT_APPLICABLE)),
        )
    )
    counts = {(r["trust_id"], r["item__phase"]): r for r in rows}
    result = {}
    for trust in trusts:
        phases = []
        for value, label in Phase.choices:
            r = counts.get((trust.pk, value), {"in_place": 0, "na": 0})
            applicable = items.get(value, 0) - r["na"]
            percent = round(r["in_place"] * 100 / applicable) if applicable else 100
            phases.append(
                {
                    "phase": value,
                    "label": label,
                    "percent": percent,
                    "in_place": r["in_place"],
                    "applicable": applicable,
                }
            )
        result[trust.pk] = phases
    return result


def current_phase(phases: list[dict]) -> str:
    """The first ImROC phase not yet fully in place."""
    for phase in phases:
        if phase["percent"] < 100:
            return phase["label"]
    return "All phases in place"


def trust_summary(trust: MemberTrust) -> dict:
    """Headline figures for one trust's page (current data)."""
    figures = Post.objects.filter(trust=trust).aggregate(
        posts=Count("id", filter=~Q(status=Post.Status.CLOSED)),
        total_wte=Sum("wte", filter=~Q(status=Post.Status.CLOSED)),
        establishment_wte=Sum("wte", filter=Q(status__in=ESTABLISHMENT)),
        filled_wte=Sum("wte", filter=Q(status=Post.Status.FILLED)),
        filled_posts=Count("id", filter=Q(status=Post.Status.FILLED)),
    )
    phases = phase_progress([trust])[trust.pk]
    return {
        "trust": trust,
        "posts": figures["posts"],
        "wte": figures["total_wte"] or Z,
        "establishment_wte": figures["establishment_wte"] or Z,
        "filled_posts": figures["filled_posts"],
        "filled_wte": figures["filled_wte"] or Z,
        "vacancy_rate": vacancy_rate(
            figures["establishment_wte"], figures["filled_wte"]
        ),
        "phases": phases,
        "current_phase": current_phase(phases),
    }


def _trusts(filters: dict):
    """The trusts the live tables list: only what they show and key rows by."""
    trusts = MemberTrust.objects.current().only("pk", "short_name")
    if filters.get("icb"):
        trusts = trusts.filter(icb=filters["icb"])
    if filters.get("trust"):
        trusts = trusts.filter(pk=filters["trust"].pk)
    return list(trusts.order_by("short_name"))


def readiness_table(filters: dict) -> Table:
    """W10: ImROC phase heat-map, trust × phase, as % of items in place."""
    trusts = _trusts(filters)
    progress = phase_progress(trusts)
    table = Table(
        "imroc-readiness",
        "ImROC phase progress: % of checklist items in place",
        ["Trust", *[label for _, label in Phase.choices], "Current phase"],
    )
    for trust in trusts:
        phases = progress[trust.pk]
        table.rows.append(
            [
                trust.short_name,
                *[f"{p['percent']}%" for p in phases],
                current_phase(phases),
            ]
        )
    return table


def returns_table(filters: dict) -> Table:
    trusts = _trusts(filters)
    confirmed = dict(
        WorkforceReturn.objects.filter(
            status=WorkforceReturn.Status.CONFIRMED, trust__in=trusts
        )
        .values_list("trust_id")
        .annotate(last=Max("snapshot_date"))
    )
    table = Table(
        "returns",
        "Quarterly returns: data last confirmed by each trust",
        ["Trust", "Last confirmed quarter end"],
    )
    for trust in trusts:
        last = confirmed.get(trust.pk)
        table.rows.append(
            [trust.short_name, f"{last:%-d %B %Y}" if last else "Not yet confirmed"]
        )
    return table
