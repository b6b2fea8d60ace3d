"""Report W13: attendance by trust over a year, for coordinators."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from core.csvexport import csv_response
from core.forms import NHSForm
from core.roles import deny_unless
from network import permissions
from network.attendance import attendance_table, default_year, report_years


class YearForm(NHSForm):
    year = forms.TypedChoiceField(coerce=int, label="Year")

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in years]


def _table(request):
    deny_unless(permissions.can_see_attendance_report(request.user))
    form = YearForm(request.GET or None, years=report_years())
    year = form.cleaned_data["year"] if form.is_valid() else default_year()
    return form, attendance_table(year)


@login_required
def attendance_report(request):
    form, table = _table(request)
    return render(
        request,
        "network/attendance_report.html",
        {
            "form": form,
            "table": table,
            "breadcrumbs": [
                {"label": "Meetings", "url": reverse("network:meeting-list")}
            ],
        },
    )


@login_required
def attendance_csv(request):
    _, table = _table(request)
    header = ["Trust"] + [
        f"{timezone.localdate(m.starts_at):%Y-%m-%d} {m.title}" for m in table.meetings
    ]
    header += ["Invited to", "Attended", "Attendance rate (%)"]
    rows = (
        [
            row.trust.short_name,
            *[cell or "Not invited" for cell in row.cells],
            row.invited,
            row.attended,
            "" if row.rate is None else row.rate,
        ]
        for row in table.rows
    )
    return csv_response(f"attendance-{table.year}.csv", header, rows)
