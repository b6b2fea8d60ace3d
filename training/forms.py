from django import forms

from core.forms import NHSForm, NHSModelForm
from core.widgets import NHSDateField
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
