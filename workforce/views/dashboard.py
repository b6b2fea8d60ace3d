"""The regional dashboard: public aggregates, small numbers hidden from the public."""

from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from core.csvexport import csv_response
from workforce import figures_cache
from workforce import permissions as perms
from workforce.charts import attach as attach_charts
from workforce.disclosure import NOTE as ROUNDING_NOTE
from workforce.forms import DashboardFilterForm
from workforce.reports import LIVE_TABLES, build_dashboard
from workforce.xlsx import xlsx_response

SECTIONS = "workforce/includes/dashboard_sections.html"


def _tables(request):
    form = DashboardFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    on = filters.get("as_at") or today
    suppress = not perms.sees_exact_figures(request.user, filters.get("trust"))
    tables = build_dashboard(on=on, today=today, filters=filters, suppress=suppress)
    return form, tables, on, suppress


def _figure_sections(tables, query: str, **key_parts) -> str:
    """The post figures' sections as HTML: thousands of cells (the growth table
    is quarters × trusts), so rendered once per key, not per request. They hold
    only the figures and links, nothing about the viewer."""
    figures = [t for t in tables if t.slug not in LIVE_TABLES]

    def render_sections():
        attach_charts(figures)
        context = {"tables": figures, "query": query}
        # render_to_string gives a SafeString (autoescaped by our template); it
        # pickles as one, so a cached copy needs no mark_safe here.
        return render_to_string(SECTIONS, context)

    return figures_cache.cached(
        "dashboard-html", render_sections, query=query, **key_parts
    )


def dashboard(request):
    form, tables, on, suppress = _tables(request)
    query = request.GET.urlencode()
    sections = _figure_sections(
        tables, query, on=on, today=timezone.localdate(), suppress=suppress
    )
    context = {
        "form": form,
        "tables": tables,
        "figure_sections": sections,
        "live_tables": [t for t in tables if t.slug in LIVE_TABLES],
        "as_at": on,
        "suppressed": suppress,
        "rounding_note": ROUNDING_NOTE,
        "query": query,
    }
    return render(request, "workforce/dashboard.html", context)


def _table(request, slug):
    _, tables, on, _ = _tables(request)
    table = next((t for t in tables if t.slug == slug), None)
    if table is None:
        raise Http404
    return table, on


def dashboard_csv(request, slug):
    table, on = _table(request, slug)
    return csv_response(f"{slug}-{on:%Y-%m-%d}.csv", table.headers, table.rows)


def dashboard_xlsx(request, slug):
    table, on = _table(request, slug)
    name = f"{slug}-{on:%Y-%m-%d}.xlsx"
    return xlsx_response(name, table.caption, table.headers, table.rows)
