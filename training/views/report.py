"""W14 training report: what the catalogue offers and where the demand is."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.shortcuts import render
from django.urls import reverse

from core.csvexport import csv_response
from standards.models import CompetenceDomain
from training import permissions
from training.models import TrainingBooking, TrainingInterest, TrainingOpportunity

LIVE = TrainingOpportunity.PUBLIC_STATUSES


def _by_category() -> list[dict]:
    labels = dict(TrainingOpportunity.Category.choices)
    held = Q(bookings__status__in=TrainingBooking.HOLDS_PLACE)
    rows = (
        TrainingOpportunity.objects.filter(status__in=LIVE)
        .values("category")
        .annotate(
            opportunities=Count("pk", distinct=True),
            booked=Count("bookings", filter=held, distinct=True),
        )
        .order_by("category")
    )
    places = dict(
        TrainingOpportunity.objects.filter(status__in=LIVE)
        .values_list("category")
        .annotate(total=Sum("places_total"))
    )
    interest = dict(
        TrainingInterest.objects.exclude(status="withdrawn")
        .values_list("category")
        .annotate(n=Count("pk"))
    )
    result = {}
    for row in rows:
        result[row["category"]] = {
            **row,
            "places": places.get(row["category"]) or 0,
            "interest": interest.get(row["category"], 0),
        }
    for category, count in interest.items():
        result.setdefault(
            category,
            {
                "category": category,
                "opportunities": 0,
                "booked": 0,
                "places": 0,
                "interest": count,
            },
        )
    return [
        {**row, "label": labels.get(key, key)} for key, row in sorted(result.items())
    ]


def _by_audience() -> list[dict]:
    live = TrainingOpportunity.objects.filter(status__in=LIVE)
    counts = live.aggregate(
        **{
            value: Count("pk", filter=Q(audience__contains=f"|{value}|"))
            for value, _label in TrainingOpportunity.Audience.choices
        }
    )
    return [
        {"label": label, "count": counts[value]}
        for value, label in TrainingOpportunity.Audience.choices
    ]


def _domain_coverage():
    return CompetenceDomain.objects.annotate(
        opportunities=Count(
            "training_opportunities",
            filter=Q(training_opportunities__status__in=LIVE),
        )
    ).order_by("number")


def _by_trust():
    return (
        TrainingInterest.objects.exclude(status="withdrawn")
        .values("user__employer_trust__short_name")
        .annotate(n=Count("pk"))
        .order_by("-n", "user__employer_trust__short_name")
    )


@login_required
def report(request):
    if not permissions.can_view_report(request.user):
        raise PermissionDenied
    context = {
        "by_category": _by_category(),
        "by_audience": _by_audience(),
        "domains": _domain_coverage(),
        "by_trust": _by_trust(),
        "breadcrumbs": [{"label": "Training", "url": reverse("training:catalogue")}],
    }
    return render(request, "training/report.html", context)


@login_required
def report_csv(request):
    if not permissions.can_view_report(request.user):
        raise PermissionDenied
    header = [
        "Category",
        "Opportunities",
        "Places offered",
        "Places booked here",
        "People interested",
    ]
    rows = (
        (r["label"], r["opportunities"], r["places"], r["booked"], r["interest"])
        for r in _by_category()
    )
    return csv_response("training-by-category.csv", header, rows)
