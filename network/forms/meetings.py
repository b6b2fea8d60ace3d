from datetime import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from core.forms import NHSForm, NHSModelForm, TimeInput
from core.widgets import NHSDateField
from network.models import (
    AgendaItem,
    Meeting,
    MeetingAttendance,
    MinutesComment,
    TermsOfReference,
)

END_BEFORE_START = "The end time must be after the start time"


def uk_time(day, time) -> datetime:
    """A date and a UK clock time as an aware datetime."""
    return timezone.make_aware(datetime.combine(day, time))


class WhenMixin:
    """Date plus start and end times, entered in UK time and stored in UTC."""

    def clean_when(self, cleaned):
        day, start, end = (cleaned.get(k) for k in ("date", "start_time", "end_time"))
        if day and start and end:
            if end <= start:
                self.add_error("end_time", END_BEFORE_START)
                return None
            return uk_time(day, start), uk_time(day, end)
        return None


def _when_fields(form):
    form.fields["date"] = NHSDateField(label="Date")
    form.fields["start_time"] = forms.TimeField(widget=TimeInput(), label="Start time")
    form.fields["end_time"] = forms.TimeField(widget=TimeInput(), label="End time")


class MeetingForm(WhenMixin, NHSModelForm):
    class Meta:
        model = Meeting
        fields = [
            "title",
            "meeting_type",
            "location",
            "online_url",
            "chair",
            "is_public",
            "description",
            "papers_deadline",
            "tor_version",
        ]
        field_classes = {"papers_deadline": NHSDateField}
        labels = {"is_public": "Public meeting"}
        help_texts = {
            "papers_deadline": "Leave blank for 7 days before the meeting, or "
            "today if the meeting is sooner than that."
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _when_fields(self)
        order = ["title", "meeting_type", "date", "start_time", "end_time"]
        self.order_fields(order)
        self.fields["chair"].queryset = get_user_model().objects.filter(is_active=True)
        self.fields["tor_version"].queryset = TermsOfReference.objects.filter(
            status__in=["approved", "superseded"]
        )
        self.fields[
            "tor_version"
        ].help_text = "Leave blank to use the version approved on the meeting's date."
        if self.instance.pk:
            start = timezone.localtime(self.instance.starts_at)
            self.initial.update(
                date=start.date(),
                start_time=start.time(),
                end_time=timezone.localtime(self.instance.ends_at).time(),
            )

    # Said under the date when the meeting's status does not fit its date.
    WRONG_PATH = "If it has already taken place, record it as a past meeting instead"

    def clean(self):
        cleaned = super().clean()
        when = self.clean_when(cleaned)
        times_changed = {"date", "start_time", "end_time"} & set(self.changed_data)
        if when and (times_changed or not self.instance.pk):
            self._set_times(when)
            # A moved meeting gets a fresh default deadline unless one was typed.
            moved = "date" in self.changed_data and self.instance.pk
            if moved and "papers_deadline" not in self.changed_data:
                cleaned["papers_deadline"] = None
        return cleaned

    def _set_times(self, when) -> None:
        """Take the new times unless the model's date rule refuses them (the
        refusal goes under the date, and the stored times stay)."""
        before = self.instance.starts_at, self.instance.ends_at
        self.instance.starts_at, self.instance.ends_at = when
        problem = self.instance.date_problems().get("starts_at")
        if problem:
            hint = "" if self.instance.pk else f". {self.WRONG_PATH}"
            self.add_error("date", f"{problem}{hint}")
            self.instance.starts_at, self.instance.ends_at = before


class RecordPastMeetingForm(MeetingForm):
    """A meeting that has already taken place, recorded as held with who came."""

    WRONG_PATH = "Schedule it instead"

    attended = forms.ModelMultipleChoiceField(
        label="Who attended",
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="You can add guests and change anyone's role on the attendance "
        "page next.",
    )

    class Meta(MeetingForm.Meta):
        fields = [f for f in MeetingForm.Meta.fields if f != "papers_deadline"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.status = Meeting.Status.HELD
        self.fields["attended"].queryset = (
            get_user_model().objects.filter(is_active=True).order_by("full_name")
        )


class PostponeForm(WhenMixin, NHSForm):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _when_fields(self)
        self.order_fields(["date", "start_time", "end_time", "reason"])

    def clean(self):
        cleaned = super().clean()
        cleaned["when"] = self.clean_when(cleaned)
        if cleaned["when"] and Meeting(starts_at=cleaned["when"][0]).date_problems():
            self.add_error("date", "The new date must be in the future")
            cleaned["when"] = None
        return cleaned


class CancelForm(NHSForm):
    reason = forms.CharField(
        label="Why is it cancelled?", widget=forms.Textarea(attrs={"rows": 3})
    )


class AgendaItemForm(NHSModelForm):
    class Meta:
        model = AgendaItem
        fields = [
            "order",
            "title",
            "description",
            "presenter",
            "presenter_name",
            "paper_url",
            "minutes",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "minutes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = get_user_model().objects.filter(
            is_active=True
        )


class MinutesForm(NHSModelForm):
    class Meta:
        model = Meeting
        fields = ["minutes"]
        widgets = {"minutes": forms.Textarea(attrs={"rows": 15})}
        help_texts = {
            "minutes": "Markdown. Saved as draft minutes until a later meeting "
            "approves them."
        }

    def clean_minutes(self):
        minutes = self.cleaned_data["minutes"].strip()
        if not minutes:
            raise forms.ValidationError("Enter the minutes")
        return minutes


class ApproveMinutesForm(NHSForm):
    at = forms.ModelChoiceField(
        label="Meeting that approved these minutes",
        queryset=Meeting.objects.none(),
        error_messages={"required": "Choose the later meeting that approved them"},
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        # Only later meetings that have already taken place can have approved them.
        self.fields["at"].queryset = Meeting.objects.filter(
            starts_at__gt=meeting.starts_at,
            starts_at__lte=timezone.now(),
            status__in=["scheduled", "held"],
        ).order_by("starts_at")


class AddAttendeeForm(NHSModelForm):
    class Meta:
        model = MeetingAttendance
        fields = ["user", "name", "trust", "role_at_meeting", "lived_experience"]
        labels = {"user": "Person", "name": "Or, a guest's name"}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting
        self.fields["user"].queryset = get_user_model().objects.filter(is_active=True)

    def clean(self):
        cleaned = super().clean()
        user = cleaned.get("user")
        if not user and not cleaned.get("name"):
            self.add_error("user", "Choose a person, or enter a guest's name")
        if user and self.instance.meeting.attendances.filter(user=user).exists():
            self.add_error("user", f"{user} is already on the list")
        if user and not cleaned.get("trust"):
            cleaned["trust"] = user.trust or user.employer_trust
            self.instance.trust = cleaned["trust"]
        return cleaned


class AttendanceRowForm(NHSModelForm):
    """One row of the attendance table (rendered by hand as a table row)."""

    attended = forms.NullBooleanField(
        required=False,
        widget=forms.NullBooleanSelect(attrs={"class": "nhsuk-select"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].widget.choices = [
            ("unknown", "Not recorded"),
            ("true", "Yes"),
            ("false", "No"),
        ]

    class Meta:
        model = MeetingAttendance
        fields = ["response", "attended"]
        widgets = {"response": forms.Select(attrs={"class": "nhsuk-select"})}

    def clean_attended(self):
        attended = self.cleaned_data.get("attended")
        if attended is None or not self.instance.meeting_id:
            return attended  # (a row from another meeting is refused elsewhere)
        meeting = self.instance.meeting
        if not meeting.can_record_attendance:
            raise forms.ValidationError(
                "You can record who attended from the day of the meeting, "
                f"{timezone.localtime(meeting.starts_at):%-d %B %Y}"
            )
        return attended


AttendanceFormSet = forms.modelformset_factory(
    MeetingAttendance, form=AttendanceRowForm, extra=0
)


class RespondForm(NHSModelForm):
    class Meta:
        model = MeetingAttendance
        fields = ["response"]
        widgets = {"response": forms.RadioSelect}


class MinutesCommentForm(NHSModelForm):
    class Meta:
        model = MinutesComment
        fields = ["body"]
        labels = {"body": "Your comment on the draft minutes"}
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}
