from django import forms

from core.dates import query_date_bounds
from core.forms import NHSForm, NHSModelForm
from core.widgets import NHSDateField
from network.models import ICB
from standards.models import CompetenceDomain
from training.models import TrainingOpportunity, TrainingSession

MAX_SEARCH = 200


class OpportunityForm(NHSModelForm):
    crispy_csrf = True  # as before: crispy writes a token beside the template's

    audiences = forms.MultipleChoiceField(
        label="Who is it for?",
        choices=TrainingOpportunity.Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one audience"},
    )
    booking_url = forms.URLField(
        label="Booking link on the provider's website",
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = TrainingOpportunity
        fields = [
            "title",
            "provider",
            "category",
            "audiences",
            "description",
            "hee_domains",
            "delivery_mode",
            "location",
            "town",
            "icb",
            "start_date",
            "end_date",
            "duration_hours",
            "cost_type",
            "cost_gbp",
            "funding_note",
            "eligibility",
            "accreditation",
            "book_here",
            "places_total",
            "booking_url",
            "booking_opens",
            "booking_deadline",
        ]
        field_classes = {
            "start_date": NHSDateField,
            "end_date": NHSDateField,
            "booking_opens": NHSDateField,
            "booking_deadline": NHSDateField,
        }
        widgets = {
            "hee_domains": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 8}),
            "funding_note": forms.Textarea(attrs={"rows": 3}),
            "eligibility": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "town": "For the catalogue's place filter, for example Liverpool.",
            "booking_deadline": "Must be on or before the start date.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audiences"].initial = self.instance.audiences
        self.fields["cost_gbp"].min_value = 0

    def clean_cost_gbp(self):
        value = self.cleaned_data.get("cost_gbp")
        if value is not None and value < 0:
            raise forms.ValidationError("The cost cannot be negative")
        return value

    def _post_clean(self):
        self.instance.audiences = self.cleaned_data.get("audiences") or []
        super()._post_clean()


class SessionForm(NHSModelForm):
    crispy_csrf = True  # as before: crispy writes a token beside the template's

    class Meta:
        model = TrainingSession
        fields = ["date", "start_time", "end_time", "note"]
        field_classes = {"date": NHSDateField}
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args, opportunity=None, **kwargs):
        super().__init__(*args, **kwargs)
        if opportunity is not None:
            self.instance.opportunity = opportunity

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", "The session must end after it starts")
        return cleaned


class CancelForm(NHSForm):
    crispy_csrf = True  # as before: crispy writes a token beside the template's

    reason = forms.CharField(
        label="Why is it cancelled?",
        help_text="Everyone booked or interested is told this.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Enter the reason for cancelling"},
    )


class ReviewForm(NHSForm):
    note = forms.CharField(
        label="Note to the proposer (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CategoryInterestForm(NHSForm):
    crispy_csrf = True  # as before: crispy writes a token beside the template's

    category = forms.ChoiceField(
        label="What kind of training are you interested in?",
        choices=TrainingOpportunity.Category.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a kind of training"},
    )
    wants_reminders = forms.BooleanField(
        label="Email me when training of this kind is published",
        required=False,
        initial=True,
    )


class AttendanceForm(NHSForm):
    outcome = forms.ChoiceField(
        choices=[
            ("attended", "Attended"),
            ("completed", "Completed"),
            ("did_not_attend", "Did not attend"),
        ]
    )


class CatalogueFilterForm(NHSForm):
    """The catalogue's filters, read from the query string so a search can be shared."""

    SORTS = [("date", "Soonest first"), ("relevance", "Best match"), ("title", "Title")]
    COSTS = [
        ("", "Any cost"),
        ("free", "Free"),
        ("funded", "Funded"),
        ("no_cost", "Free or funded"),
    ]

    q = forms.CharField(label="Search", required=False, max_length=MAX_SEARCH)
    category = forms.ChoiceField(
        required=False,
        choices=[("", "Any category"), *TrainingOpportunity.Category.choices],
    )
    audience = forms.ChoiceField(
        label="Who it is for",
        required=False,
        choices=[("", "Anyone"), *TrainingOpportunity.Audience.choices],
    )
    domain = forms.ModelChoiceField(
        label="HEE competence domain",
        required=False,
        queryset=CompetenceDomain.objects.all(),
        to_field_name="number",
        empty_label="Any domain",
    )
    delivery_mode = forms.ChoiceField(
        label="How it is delivered",
        required=False,
        choices=[("", "Any way"), *TrainingOpportunity.DeliveryMode.choices],
    )
    icb = forms.ChoiceField(
        label="Area (ICB)", required=False, choices=[("", "Anywhere"), *ICB.choices]
    )
    town = forms.CharField(label="Town", required=False, max_length=80)
    cost = forms.ChoiceField(label="Cost", required=False, choices=COSTS)
    date_from = forms.DateField(
        label="Starting from",
        required=False,
        validators=[query_date_bounds],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label="Starting by",
        required=False,
        validators=[query_date_bounds],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    available = forms.BooleanField(label="Only with places available", required=False)
    past = forms.BooleanField(label="Include finished training", required=False)
    sort = forms.ChoiceField(required=False, choices=SORTS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].error_messages["max_length"] = (
            f"Search text must be {MAX_SEARCH} characters or fewer"
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error(
                "date_to", "The 'starting by' date must be after 'starting from'"
            )
        return cleaned

    def valid_filters(self) -> dict:
        """The filters that passed validation; a bad one is reported, not applied."""
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in self.errors and value not in (None, "", False)
        }
