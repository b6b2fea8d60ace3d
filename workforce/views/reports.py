"""More regional reports on one page, each with its CSV; rounded as on the
dashboard for anyone who may not see exact figures."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from core.csvexport import csv_response
from workforce import figures_cache
from workforce import more_reports as mr
from workforce import permissions as perms
from workforce.charts import attach as attach_charts
from workforce.disclosure import NOTE as ROUNDING_NOTE
from workforce.disclosure import Formatter
from workforce.forms import DashboardFilterForm
from workforce.reports import DASHBOARD_FILTERS, GROWTH_START, quarter_ends
from workforce.xlsx import xlsx_response


def _figure_tables(on, today, filters, exact: bool) -> list:
    fmt = Formatter(exact)
    return [
        mr.band_table(on, filters, fmt),
        mr.supervision_table(on, filters, fmt),
        mr.wte_table(on, filters, fmt),
        mr.vacancy_trend_table(on, filters, fmt),
        mr.setting_growth_table(on, filters, fmt),
    ]


def _tables(request):
    form = DashboardFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    known = {k: v for k, v in filters.items() if k in DASHBOARD_FILTERS}
    today = timezone.localdate()
    on = filters.get("as_at") or today
    exact = perms.sees_exact_figures(request.user, filters.get("trust"))
    tables = figures_cache.cached(
        "reports",
        lambda: _figure_tables(on, today, known, exact),
        on=on,
        today=today,
        exact=exact,
        **{f"filter_{k}": v or "" for k, v in known.items()},
    )
    tables = [*tables, mr.action_plan_table(today)]
    tables.append(mr.returns_timeline_table(today, quarter_ends(GROWTH_START, today)))
    if perms.can_use_register(request.user):
        tables.append(
            mr.long_recruitment_table(on, perms.posts_visible_to(request.user))
        )
    return form, tables, on, exact


def reports(request):
    form, tables, on, exact = _tables(request)
    attach_charts(tables)
    context = {
        "form": form,
        "tables": tables,
        "as_at": on,
        "suppressed": not exact,
        "rounding_note": ROUNDING_NOTE,
        "query": request.GET.urlencode(),
    }
    return render(request, "workforce/reports.html", context)


def _table(request, slug):
    _, tables, on, _ = _tables(request)
    table = next((t for t in tables if t.slug == slug), None)
    if table is None:
        raise Http404
    return table, on


def report_csv(request, slug):
    table, on = _table(request, slug)
    return csv_response(f"{slug}-{on:%Y-%m-%d}.csv", table.headers, table.rows)


def report_xlsx(request, slug):
    table, on = _table(request, slug)
    name = f"{slug}-{on:%Y-%m-%d}.xlsx"
    return xlsx_response(name, table.caption, table.headers, table.rows)
