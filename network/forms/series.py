from datetime import date

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from core.forms import NHSForm, NHSModelForm, TimeInput
from core.widgets import NHSDateField
from core.workdays import is_working_day
from network.forms.meetings import END_BEFORE_START, uk_time
from network.models import AgendaItem, Meeting, MeetingPaper, MeetingSeries
from network.papers import EMPTY, check_paper

NOT_AFTER_LAST = "The next meeting must be after the last one, on {day}"
NOT_A_WORKING_DAY = "{day} is a weekend or bank holiday: choose a working day"
SERIES_ENDED = "This series ends on {day}: choose a date on or before it"
NOT_IN_FUTURE = "The next meeting must start in the future"


def long_date(day: date) -> str:
    return f"{day:%-d %B %Y}"


class SeriesForm(NHSModelForm):
    class Meta:
        model = MeetingSeries
        fields = [
            "title",
            "meeting_type",
            "every_months",
            "default_chair",
            "location",
            "online_url",
            "is_public",
            "invitees",
            "terms_of_reference",
            "ends_on",
        ]
        field_classes = {"ends_on": NHSDateField}
        widgets = {"invitees": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people = get_user_model().objects.filter(is_active=True).order_by("full_name")
        self.fields["default_chair"].queryset = people
        self.fields["invitees"].queryset = people.exclude(role="peer_worker")
        self.fields["invitees"].help_text = (
            "Each new meeting in the series invites them, as well as everyone "
            "invited to the last meeting."
        )


class ScheduleNextForm(NHSForm):
    """The date and times of the next meeting; everything else is copied."""

    date = NHSDateField(label="Date")
    start_time = forms.TimeField(widget=TimeInput(), label="Start time")
    end_time = forms.TimeField(widget=TimeInput(), label="End time")

    def __init__(self, *args, series: MeetingSeries, last, **kwargs):
        super().__init__(*args, **kwargs)
        self.series, self.last = series, last

    def clean(self):
        cleaned = super().clean()
        day, start, end = (cleaned.get(k) for k in ("date", "start_time", "end_time"))
        if start and end and end <= start:
            self.add_error("end_time", END_BEFORE_START)
        if not day:
            return cleaned
        if self.last and day <= timezone.localdate(self.last.starts_at):
            last_day = long_date(timezone.localdate(self.last.starts_at))
            self.add_error("date", NOT_AFTER_LAST.format(day=last_day))
        elif start and Meeting(starts_at=uk_time(day, start)).date_problems():
            self.add_error("date", NOT_IN_FUTURE)
        elif not is_working_day(day):
            self.add_error("date", NOT_A_WORKING_DAY.format(day=long_date(day)))
        elif not self.series.has_room_for(day):
            self.add_error(
                "date", SERIES_ENDED.format(day=long_date(self.series.ends_on))
            )
        return cleaned


class PaperForm(NHSModelForm):
    class Meta:
        model = MeetingPaper
        fields = ["title", "agenda_item", "file"]
        labels = {"agenda_item": "Agenda item (optional)", "file": "File"}
        help_texts = {
            "file": "PDF, Word, Excel, PowerPoint or OpenDocument, smaller than 20 MB."
        }
        error_messages = {
            "file": {"empty": EMPTY, "required": "Select a file to upload"},
            "title": {"required": "Enter a title for the paper"},
        }

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(meeting=meeting)
        self.fields["agenda_item"].empty_label = "The whole meeting"
        self.checked = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.checked = check_paper(upload)
        return upload
