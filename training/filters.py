"""The training catalogue's filters, read from the query string so a search
can be shared; the page, the API and the public calendar feed narrow the
catalogue the same way."""

import django_filters
from django.db.models import Prefetch

from core.dates import query_date_bounds
from core.filters import CheckboxFilter, FilterSet, NHSDateFilter
from core.forms import NHSForm
from network.models import ICB
from standards.models import CompetenceDomain
from training.forms import MAX_SEARCH
from training.models import TrainingOpportunity, TrainingSession

# The API's 400 has always said this for a date that does not exist.
DATE_MESSAGES = {"invalid": "Enter a valid date."}


class CatalogueFilterForm(NHSForm):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error(
                "date_to", "The 'starting by' date must be after 'starting from'"
            )
        return cleaned


class CatalogueFilter(FilterSet):
    """A bad value is reported and left out; the others still apply."""

    SORTS = [("date", "Soonest first"), ("relevance", "Best match"), ("title", "Title")]
    COSTS = [("free", "Free"), ("funded", "Funded"), ("no_cost", "Free or funded")]

    q = django_filters.CharFilter(
        label="Search",
        max_length=MAX_SEARCH,
        error_messages={
            "max_length": f"Search text must be {MAX_SEARCH} characters or fewer"
        },
    )
    category = django_filters.ChoiceFilter(
        label="Category",
        choices=TrainingOpportunity.Category.choices,
        empty_label="Any category",
    )
    audience = django_filters.ChoiceFilter(
        label="Who it is for",
        choices=TrainingOpportunity.Audience.choices,
        empty_label="Anyone",
    )
    domain = django_filters.ModelChoiceFilter(
        label="HEE competence domain",
        queryset=CompetenceDomain.objects.all(),
        to_field_name="number",
        empty_label="Any domain",
    )
    delivery_mode = django_filters.ChoiceFilter(
        label="How it is delivered",
        choices=TrainingOpportunity.DeliveryMode.choices,
        empty_label="Any way",
    )
    icb = django_filters.ChoiceFilter(
        label="Area (ICB)", choices=ICB.choices, empty_label="Anywhere"
    )
    town = django_filters.CharFilter(label="Town", max_length=80)
    cost = django_filters.ChoiceFilter(
        label="Cost", choices=COSTS, empty_label="Any cost"
    )
    date_from = NHSDateFilter(
        label="Starting from",
        validators=[query_date_bounds],
        error_messages=DATE_MESSAGES,
    )
    date_to = NHSDateFilter(
        label="Starting by",
        validators=[query_date_bounds],
        error_messages=DATE_MESSAGES,
    )
    available = CheckboxFilter(label="Only with places available")
    past = CheckboxFilter(label="Include finished training")
    sort = django_filters.ChoiceFilter(label="Sort", choices=SORTS, empty_label=None)

    class Meta:
        model = TrainingOpportunity
        fields: list = []
        form = CatalogueFilterForm

    @property
    def qs(self):
        """Unfiltered, the catalogue still leaves out finished training and is
        in date order: the filters are one rule, applied together."""
        if not hasattr(self, "_qs"):
            filters = self.valid_filters() if self.is_bound else {}
            self._qs = catalogue_queryset(filters, self.queryset)
        return self._qs


def catalogue_queryset(filters: dict, queryset=None):
    """Public opportunities narrowed by the catalogue's (already validated) filters."""
    if queryset is None:
        queryset = TrainingOpportunity.objects.public()
    exact = ("category", "delivery_mode", "icb")
    queryset = queryset.filter(**{k: filters[k] for k in exact if k in filters})
    if "audience" in filters:
        queryset = queryset.filter(audience__contains=f"|{filters['audience']}|")
    if "domain" in filters:
        queryset = queryset.filter(hee_domains=filters["domain"])
    if "town" in filters:
        queryset = queryset.filter(town__iexact=filters["town"].strip())
    cost = filters.get("cost")
    if cost in ("free", "funded"):
        queryset = queryset.filter(cost_type=cost)
    elif cost == "no_cost":
        queryset = queryset.filter(cost_type__in=["free", "funded"])
    if "date_from" in filters:
        queryset = queryset.filter(start_date__gte=filters["date_from"])
    if "date_to" in filters:
        queryset = queryset.filter(start_date__lte=filters["date_to"])
    if not filters.get("past"):
        queryset = queryset.exclude(status=TrainingOpportunity.Status.COMPLETED)
    if filters.get("available"):
        queryset = queryset.with_places()
    return _ordered(queryset, filters)


def _ordered(queryset, filters: dict):
    text = filters.get("q", "").strip()
    if text:
        queryset = queryset.search(text)
    order = ["start_date", "title", "pk"]
    if filters.get("sort") == "title":
        order = ["title", "start_date", "pk"]
    elif filters.get("sort") == "relevance" and text:
        order = ["-rank", *order]
    return (
        queryset.select_related("provider")
        .prefetch_related(
            Prefetch("sessions", queryset=TrainingSession.objects.order_by("date"))
        )
        .order_by(*order)
    )
