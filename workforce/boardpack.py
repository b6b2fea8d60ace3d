"""The quarterly board pack: what the network reports to trust boards, ICBs and
NHS England for one quarter, read from the same reports as the web pages.

`build()` gathers the sections (pure reads); `workforce.boardpack_pdf` turns
them into an A4 PDF. The regional pack is for coordinators; a trust lead's
pack holds their own trust's figures only, with the region's totals rounded
as on the public dashboard (workforce.disclosure).
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from network.models import ActionItem, ActionPlan, MemberTrust
from network.models.actions import stale_cutoff
from network.queries import RAG_ORDER, rag_counts
from standards.consultlog import answered_comments
from standards.models import StandardAdoption, StandardVersion
from training.models import TrainingBooking, TrainingInterest, TrainingOpportunity
from workforce import more_reports as mr
from workforce.charts import attach as attach_charts
from workforce.disclosure import NOTE as ROUNDING_NOTE
from workforce.disclosure import Formatter
from workforce.growth import growth_table
from workforce.models import Post
from workforce.reports import (
    GROWTH_START,
    SETTING,
    Table,
    grouped_table,
    quarter_ends,
    quarter_of,
    status_table,
    trust_table,
)
from workforce.summaries import readiness_table

ATTENTION_ROWS = 20  # overdue and stale actions listed; the rest are counted
SAID_ROWS = 30  # "you said, we did" comments printed; the rest are counted
TREND_ROWS = 8  # quarters in the trend tables; the growth chart shows them all
TREND_TITLE = "Growth and vacancy rate over time"
GROWTH_COLUMNS = (
    "Quarter end",
    "Figures",
    "All trusts filled posts",
    "All trusts filled WTE",
)


@dataclass
class Section:
    slug: str
    title: str
    intro: str = ""
    tables: list[Table] = field(default_factory=list)
    items: list[dict] = field(default_factory=list)  # "you said, we did"
    empty: str = ""  # said instead of the tables when there is nothing
    chart_note: str = ""  # under each chart, when its table is shortened


@dataclass
class BoardPack:
    quarter_end: date
    trust: MemberTrust | None
    made_on: date
    sections: list[Section]
    has_figures: bool

    @property
    def period(self) -> str:
        return quarter_of(self.quarter_end)

    @property
    def quarter_start(self) -> date:
        return quarter_start(self.quarter_end)

    @property
    def scope(self) -> str:
        return self.trust.name if self.trust else "North West region"

    @property
    def filename(self) -> str:
        who = f"-{self.trust.short_name}" if self.trust else "-regional"
        slug = "".join(c if c.isalnum() else "-" for c in who.lower())
        return f"board-pack-{self.period}{slug}.pdf"


def quarter_start(quarter_end: date) -> date:
    return date(quarter_end.year, quarter_end.month - 2, 1)


def build(quarter_end: date, *, trust=None, today=None) -> BoardPack:
    """The pack for a quarter: regional, or one trust's own when `trust` is given."""
    today = today or timezone.localdate()
    filters = {"trust": trust} if trust else {}
    fmt = Formatter(exact=True)  # coordinators, or a lead about their own trust
    figures = workforce_section(quarter_end, filters, fmt, regional=trust is None)
    sections = [
        figures,
        trend_section(quarter_end, filters, fmt, empty=figures.empty),
        trusts_section(quarter_end, filters, fmt),
        action_plan_section(today, trust),
        standards_section(quarter_end, trust),
        consultations_section(quarter_end),
        training_section(quarter_end, trust),
    ]
    pack = BoardPack(quarter_end, trust, today, sections, has_figures=not figures.empty)
    if trust:
        sections.insert(1, region_section(quarter_end))
    return pack


def _has_posts(table: Table) -> bool:
    return any(row[1] != "0" for row in table.rows)


def workforce_section(on, filters, fmt, *, regional: bool) -> Section:
    status = status_table(on, filters, fmt)
    section = Section(
        "workforce",
        "Workforce at the quarter end",
        f"Posts on the register on {on:%-d %B %Y}, from what each post was on that "
        "date. Figures a trust has confirmed in its quarterly return are the "
        "official ones.",
    )
    if not _has_posts(status):
        section.empty = (
            f"There are no workforce figures for this quarter: no posts were on "
            f"the register on {on:%-d %B %Y}."
        )
        return section
    by_setting = grouped_table(
        on,
        filters,
        fmt,
        slug="by-setting",
        caption="Posts by setting",
        field_name=SETTING,
        choices=Post.Setting.choices,
    )
    section.tables = [status, by_setting]
    if regional:
        section.tables.insert(1, trust_table(on, filters, fmt))
    attach_charts(section.tables)
    return section


def region_section(on) -> Section:
    """A trust lead's pack: the region's totals, rounded as for the public."""
    table = status_table(on, {}, Formatter(exact=False))
    table.caption = "All member trusts: posts and WTE by status (rounded)"
    table.slug = "region-by-status"  # the trust's own table is "by-status"
    return Section(
        "region",
        "The region as a whole",
        "So you can compare, these are the totals for all member trusts. "
        + ROUNDING_NOTE,
        tables=[table],
    )


def trend_section(until, filters, fmt, *, empty: str = "") -> Section:
    if empty:
        return Section("trend", TREND_TITLE, empty="There is no trend to show yet.")
    growth = growth_table(until, filters, fmt)
    # the vacancy rate for the last two years only: a fifth of the work
    since = quarter_ends(GROWTH_START, until)[-TREND_ROWS:][0]
    vacancy = mr.vacancy_trend_table(until, filters, fmt, since=since)
    attach_charts([growth, vacancy])  # growth's chart: every quarter since 2016
    _keep_columns(growth, GROWTH_COLUMNS)
    for table in (growth, vacancy):
        table.rows = table.rows[-TREND_ROWS:]
        table.caption += f" (the last {TREND_ROWS} quarters)"
    return Section(
        "trend",
        TREND_TITLE,
        "The growth chart shows every quarter end since June 2016; the vacancy "
        "rate chart and the tables show the last two years.",
        tables=[growth, vacancy],
        chart_note=f"The table below gives the last {TREND_ROWS} quarters; the "
        "workforce reports pages give every quarter.",
    )


def _keep_columns(table: Table, names) -> None:
    keep = [i for i, h in enumerate(table.headers) if h in names]
    table.headers = [table.headers[i] for i in keep]
    table.rows = [[row[i] for i in keep] for row in table.rows]


def trusts_section(on, filters, fmt) -> Section:
    readiness = readiness_table(filters)
    readiness.caption = "ImROC readiness: % of checklist items in place, today"
    return Section(
        "trusts",
        "Each trust's readiness phase",
        "How far each trust has got with the ImROC implementation checklist. "
        "The checklist keeps no history, so this is where each trust is today.",
        tables=[readiness],
        empty="There are no member trusts yet." if not readiness.rows else "",
    )


def action_plan_section(today, trust) -> Section:
    plan = ActionPlan.objects.filter(status=ActionPlan.Status.ACTIVE).first()
    section = Section(
        "action-plan",
        "Action plan progress",
        f"The active action plan on {today:%-d %B %Y}. Overdue actions are open "
        "and past their due date; stale ones have had no progress update for "
        "several weeks.",
    )
    if plan is None:
        section.empty = "There is no active action plan."
        return section
    section.tables = [objective_table(plan, today), attention_table(plan, today, trust)]
    return section


RAG_LABELS = {
    "red": "Red",
    "amber": "Amber",
    "green": "Green",
    "blue": "Blue",
    "na": "Not applicable",
}


def objective_table(plan, today) -> Table:
    """W12: RAG counts, overdue, stale and completion rate for each objective."""
    items = ActionItem.objects.filter(plan=plan)
    overdue = dict(_per_objective(items.overdue(today)))
    stale = dict(_per_objective(items.stale(stale_cutoff(today))))
    table = Table(
        "objectives",
        "Actions by objective",
        [
            "Objective",
            "Actions",
            *[RAG_LABELS[r] for r in RAG_ORDER],
            "Overdue",
            "Stale",
            "Complete",
        ],
        note="Complete is the share of actions completed, leaving out cancelled "
        "ones. Blue means complete.",
    )
    for row in rag_counts(plan):
        objective, rate = row["objective"], row["completion_rate"]
        table.rows.append(
            [
                str(objective),
                str(row["total"]),
                *[str(n) for n in row["counts"]],
                str(overdue.get(objective.pk, 0)),
                str(stale.get(objective.pk, 0)),
                "–" if rate is None else f"{rate}%",
            ]
        )
    return table


def _per_objective(items):
    return items.order_by().values_list("objective_id").annotate(n=Count("pk"))


def attention_table(plan, today, trust) -> Table:
    """The overdue and stale actions themselves, longest overdue first (a
    lead's pack: their trust's); a board reads the first few, not hundreds."""
    cutoff = stale_cutoff(today)
    items = (
        ActionItem.objects.filter(plan=plan)
        .open()
        .with_last_update()
        .filter(Q(due_date__lt=today) | Q(last_update_on__lt=cutoff))
        .select_related("lead_trust")
        .order_by("due_date", "ref")
    )
    if trust:
        items = items.filter(lead_trust=trust)
    shown = list(items[: ATTENTION_ROWS + 1])
    table = Table(
        "attention",
        "Overdue and stale actions",
        ["Action", "Lead trust", "Due", "Last update", "Reason"],
    )
    if len(shown) > ATTENTION_ROWS:
        shown = shown[:ATTENTION_ROWS]
        table.note = (
            f"The {ATTENTION_ROWS} that have been overdue longest, of "
            f"{items.count()}. The action plan page lists them all."
        )
    table.rows = [_attention_row(item, today, cutoff) for item in shown]
    return table


def _attention_row(item, today, cutoff) -> list:
    why = " and ".join(w for w, hit in _reasons(item, today, cutoff) if hit)
    return [
        f"{item.ref} {_first_line(item.action)}",
        item.lead_trust.short_name if item.lead_trust else "Network",
        f"{item.due_date:%-d %b %Y}",
        f"{item.last_update_on:%-d %b %Y}",
        why.capitalize(),
    ]


def _reasons(item, today, cutoff):
    return [("overdue", item.due_date < today), ("stale", item.last_update_on < cutoff)]


def _first_line(text: str, limit: int = 90) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def standards_section(quarter_end, trust) -> Section:
    approved = approved_table(quarter_start(quarter_end), quarter_end)
    adoption = adoption_table(trust)
    return Section(
        "standards",
        "Standards approved and adopted",
        "The standards approved this quarter, and how far each member trust has "
        "got with adopting the standards in force today.",
        tables=[approved, adoption],
    )


ADOPTED = StandardAdoption.Status


def approved_table(start, end) -> Table:
    versions = (
        StandardVersion.objects.filter(approved_on__range=(start, end))
        .select_related("standard")
        .order_by("approved_on", "standard__code")
    )
    table = Table(
        "standards-approved",
        "Standards approved this quarter",
        ["Standard", "Version", "Approved", "Now"],
    )
    for version in versions:
        table.rows.append(
            [
                f"{version.standard.code} {version.standard.title}",
                version.label,
                f"{version.approved_on:%-d %b %Y}",
                version.get_status_display(),
            ]
        )
    return table


def adoption_table(trust) -> Table:
    """Each trust's adoption of the standards in force (a lead: their own)."""
    in_force = StandardVersion.objects.current().values("standard_id")
    total = in_force.count()
    trusts = [trust] if trust else list(MemberTrust.objects.current())
    counts = {}
    for trust_id, state, n in (
        StandardAdoption.objects.filter(standard_id__in=in_force, trust__in=trusts)
        .values_list("trust_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[trust_id, state] = n
    shown = [s for s in ADOPTED if s != ADOPTED.NOT_CONSIDERED]
    table = Table(
        "standards-adoption",
        f"Adoption of the {total} standards in force, by trust",
        ["Trust", *[s.label for s in shown], "Not considered yet"],
    )
    for t in sorted(trusts, key=lambda t: t.short_name):
        cells = [counts.get((t.pk, s), 0) for s in shown]
        table.rows.append([t.short_name, *map(str, cells), str(total - sum(cells))])
    return table


def consultations_section(quarter_end) -> Section:
    """Consultations that closed in the quarter, each with 'you said, we did'."""
    start = quarter_start(quarter_end)
    versions = (
        StandardVersion.objects.filter(
            consultation_closes__gte=start, consultation_closes__lte=quarter_end
        )
        .select_related("standard")
        .annotate(n_responses=Count("responses"))
        .order_by("consultation_closes", "standard__code")
    )
    table = Table(
        "consultations",
        "Consultations that closed this quarter",
        ["Standard", "Version", "Open", "Responses", "Comments answered"],
    )
    items = []
    for version in versions:
        answered = answered_comments(version)
        table.rows.append(
            [
                f"{version.standard.code} {version.standard.title}",
                version.label,
                f"{version.consultation_opens:%-d %b} to "
                f"{version.consultation_closes:%-d %b %Y}",
                str(version.n_responses),
                str(len(answered)),
            ]
        )
        items += [{**a, "version": version} for a in answered]
    if len(items) > SAID_ROWS:
        table.note = (
            f"“You said, we did” below gives the first {SAID_ROWS} of {len(items)} "
            "answered comments; each standard's page on the site gives them all."
        )
    return Section(
        "consultations",
        "Consultations: you said, we did",
        "What people said in each consultation, and what we did about it.",
        tables=[table],
        items=items[:SAID_ROWS],
        empty="No consultation closed this quarter." if not table.rows else "",
    )


Booking = TrainingBooking.Status
DELIVERED = (Booking.ATTENDED, Booking.COMPLETED)


def training_section(quarter_end, trust) -> Section:
    """Training delivered in the quarter and the demand for it, by category."""
    start = quarter_start(quarter_end)
    people = {"user__employer_trust": trust} if trust else {}
    held = _by_category(
        TrainingBooking.objects.filter(
            opportunity__start_date__range=(start, quarter_end),
            **people,
        ),
        delivered=Count("pk", filter=Q(status__in=DELIVERED)),
        booked=Count("pk", filter=Q(status__in=TrainingBooking.HOLDS_PLACE)),
        courses=Count("opportunity", distinct=True),
    )
    waiting = _by_category(
        TrainingBooking.objects.filter(status=Booking.WAITLISTED, **people),
        n=Count("pk"),
    )
    interest = _by_category(
        TrainingInterest.objects.exclude(status="withdrawn").filter(**people),
        n=Count("pk"),
        field="category",
    )
    return _training_section(held, waiting, interest, trust)


def _by_category(queryset, *, field="opportunity__category", **aggs) -> dict:
    rows = queryset.order_by().values(field).annotate(**aggs)
    return {r[field]: r for r in rows}


def _training_section(held, waiting, interest, trust) -> Section:
    whose = "people your trust employs" if trust else "people across the region"
    table = Table(
        "training",
        "Training delivered this quarter, and demand",
        [
            "Category",
            "Courses starting",
            "Places booked",
            "Attended or completed",
            "On a waiting list now",
            "People interested now",
        ],
        note=f"Bookings made through this site by {whose}.",
    )
    for value, label in TrainingOpportunity.Category.choices:
        h = held.get(value, {})
        w, i = waiting.get(value, {}).get("n", 0), interest.get(value, {}).get("n", 0)
        if not (h or w or i):
            continue
        table.rows.append(
            [
                label,
                str(h.get("courses", 0)),
                str(h.get("booked", 0)),
                str(h.get("delivered", 0)),
                str(w),
                str(i),
            ]
        )
    return Section(
        "training",
        "Training delivered and demand",
        "Courses that started this quarter, who booked and attended them, and "
        "who is waiting or interested now.",
        tables=[table],
        empty="No training was booked or asked for." if not table.rows else "",
    )
