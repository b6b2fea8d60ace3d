from django import forms

from audit.models import AuditEvent
from core.dates import query_date_bounds
from core.forms import NHSForm

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class AuditSearchForm(NHSForm):
    """Filters for the audit search page; every field is optional."""

    actor = forms.CharField(
        label="Person (email contains)", required=False, max_length=254
    )
    action = forms.ChoiceField(
        label="Event",
        required=False,
        choices=[("", "Any event"), *AuditEvent.Action.choices],
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        required=False,
        choices=[("", "Any outcome"), *AuditEvent.Outcome.choices],
    )
    object_type = forms.CharField(
        label="Record type (e.g. workforce.post)", required=False, max_length=100
    )
    object_id = forms.CharField(label="Record id", required=False, max_length=64)
    request_id = forms.CharField(label="Request ID", required=False, max_length=64)
    date_from = forms.DateField(
        label="From date",
        required=False,
        input_formats=DATE_FORMATS,
        validators=[query_date_bounds],
    )
    date_to = forms.DateField(
        label="To date",
        required=False,
        input_formats=DATE_FORMATS,
        validators=[query_date_bounds],
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date must be on or after the start date")
        return cleaned

    def filter(self, events):
        """Apply the valid filters to a queryset of events."""
        data = self.cleaned_data
        if data.get("actor"):
            events = events.filter(actor_label__icontains=data["actor"])
        for field in ("action", "outcome", "object_id", "request_id"):
            if data.get(field):
                events = events.filter(**{field: data[field]})
        if data.get("object_type"):
            events = events.filter(object_type__iexact=data["object_type"])
        if data.get("date_from"):
            events = events.filter(at__date__gte=data["date_from"])
        if data.get("date_to"):
            events = events.filter(at__date__lte=data["date_to"])
        return events
