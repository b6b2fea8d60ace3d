"""The regional dashboard: public aggregates, small numbers hidden from the public."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from core.csvexport import csv_response
from workforce import permissions as perms
from workforce.forms import DashboardFilterForm
from workforce.growth import growth_chart
from workforce.reports import build_dashboard


def _tables(request):
    form = DashboardFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    on = filters.get("as_at") or today
    suppress = not perms.sees_unsuppressed_figures(request.user)
    tables = build_dashboard(on=on, today=today, filters=filters, suppress=suppress)
    return form, tables, on, suppress


def dashboard(request):
    form, tables, on, suppress = _tables(request)
    context = {
        "form": form,
        "tables": tables,
        "as_at": on,
        "suppressed": suppress,
        "query": request.GET.urlencode(),
        "growth_chart": growth_chart(next(t for t in tables if t.slug == "growth")),
    }
    return render(request, "workforce/dashboard.html", context)


def dashboard_csv(request, slug):
    _, tables, on, _ = _tables(request)
    table = next((t for t in tables if t.slug == slug), None)
    if table is None:
        raise Http404
    return csv_response(f"{slug}-{on:%Y-%m-%d}.csv", table.headers, table.rows)
