"""The audit trail's search; every field is optional."""

import django_filters

from audit.models import AuditEvent
from core.dates import query_date_bounds
from core.filters import FilterSet, NHSDateFilter
from core.forms import NHSForm

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]  # the boxes give ISO; old links UK dates


class AuditSearchForm(NHSForm):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date must be on or after the start date")
        return cleaned


class AuditFilter(FilterSet):
    """A search with a bad value finds nothing: evidence from a search that
    quietly dropped one of its terms would mislead."""

    actor = django_filters.CharFilter(
        label="Person (email contains)",
        field_name="actor_label",
        lookup_expr="icontains",
        max_length=254,
    )
    action = django_filters.ChoiceFilter(
        label="Event", choices=AuditEvent.Action.choices, empty_label="Any event"
    )
    outcome = django_filters.ChoiceFilter(
        label="Outcome", choices=AuditEvent.Outcome.choices, empty_label="Any outcome"
    )
    object_type = django_filters.CharFilter(
        label="Record type (e.g. workforce.post)", lookup_expr="iexact", max_length=100
    )
    object_id = django_filters.CharFilter(label="Record id", max_length=64)
    request_id = django_filters.CharFilter(label="Request ID", max_length=64)
    date_from = NHSDateFilter(
        label="From date",
        field_name="at",
        lookup_expr="date__gte",
        input_formats=DATE_FORMATS,
        validators=[query_date_bounds],
    )
    date_to = NHSDateFilter(
        label="To date",
        field_name="at",
        lookup_expr="date__lte",
        input_formats=DATE_FORMATS,
        validators=[query_date_bounds],
    )

    class Meta:
        model = AuditEvent
        fields: list = []
        form = AuditSearchForm

    def filter_queryset(self, events):
        if not self.form.is_valid():
            return events.none()
        return super().filter_queryset(events)
