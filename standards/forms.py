from datetime import timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from core.forms import NHSForm, NHSModelForm
from core.widgets import NHSDateField
from network.models import Meeting
from standards.models import (
    DEFAULT_CONSULTATION_DAYS,
    ConsultationComment,
    ConsultationResponse,
    Standard,
    StandardAdoption,
)

# About 60 pages of text: enough for any standard, small enough to diff quickly.
BODY_MAX_CHARS = 100_000


class BodyField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Text of the standard")
        kwargs.setdefault(
            "help_text",
            "Markdown. Leave a blank line between paragraphs: each paragraph is "
            "numbered so people can comment on it. HTML is removed when shown.",
        )
        super().__init__(
            max_length=BODY_MAX_CHARS,
            widget=forms.Textarea(attrs={"rows": 20}),
            error_messages={
                "max_length": "The text must be %(limit_value)s characters or "
                "fewer (it has %(show_value)s). Split it or remove pasted "
                "formatting.",
                "required": "Enter the text of the standard",
            },
            **kwargs,
        )


class StandardForm(NHSModelForm):
    crispy_csrf = True  # as before: crispy writes a token beside the template's

    class Meta:
        model = Standard
        fields = [
            "code",
            "title",
            "area",
            "imroc_phase",
            "hee_domains",
            "owner",
            "review_period_months",
        ]
        widgets = {"hee_domains": forms.CheckboxSelectMultiple}
        labels = {"review_period_months": "Review period (months)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        User = get_user_model()
        self.fields["owner"].queryset = User.objects.filter(
            is_active=True, role=User.Role.COORDINATOR
        )


class StandardCreateForm(StandardForm):
    body = BodyField()


class VersionEditForm(NHSForm):
    crispy_csrf = True  # as before: crispy writes a token beside the template's

    body = BodyField()
    summary_of_changes = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, version=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        if version is not None and version.number == 1:
            self.fields["summary_of_changes"].help_text = "Optional for version 1."

    def clean(self):
        cleaned = super().clean()
        if (
            self.version is not None
            and self.version.number > 1
            and not (cleaned.get("summary_of_changes") or "").strip()
        ):
            self.add_error(
                "summary_of_changes",
                "Summarise what changed since the previous version",
            )
        return cleaned


class NextVersionForm(NHSForm):
    crispy_csrf = True  # as before: crispy writes a token beside the template's

    summary_of_changes = forms.CharField(
        label="Summary of changes",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What will change, and why (for example, after consultation).",
        error_messages={"required": "Summarise what will change"},
    )


class ConsultationOpenForm(NHSForm):
    crispy_csrf = True  # as before: crispy writes a token beside the template's

    consultation_opens = NHSDateField(
        label="Consultation opens",
        error_messages={"required": "Enter the date consultation opens"},
    )
    consultation_closes = NHSDateField(
        label="Consultation closes",
        help_text=f"Usually {DEFAULT_CONSULTATION_DAYS} days after it opens.",
        error_messages={"required": "Enter the date consultation closes"},
    )

    def __init__(self, *args, **kwargs):
        today = timezone.localdate()
        kwargs.setdefault(
            "initial",
            {
                "consultation_opens": today,
                "consultation_closes": today
                + timedelta(days=DEFAULT_CONSULTATION_DAYS),
            },
        )
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        opens, closes = (
            cleaned.get("consultation_opens"),
            cleaned.get("consultation_closes"),
        )
        if opens and closes and closes <= opens:
            self.add_error(
                "consultation_closes", "The close date must be after the open date"
            )
        return cleaned


class ApproveForm(NHSForm):
    crispy_csrf = True  # as before: crispy writes a token beside the template's

    approved_at = forms.ModelChoiceField(
        label="Approving meeting",
        queryset=Meeting.objects.none(),
        help_text="A quorate network or steering group meeting.",
        error_messages={"required": "Choose the meeting that approved this version"},
    )
    approved_on = NHSDateField(
        label="Approval date (optional)",
        required=False,
        help_text="Leave blank to use the date of the meeting.",
    )
    review_date = NHSDateField(
        label="Review date (optional)",
        required=False,
        help_text="Leave blank to use the standard's review period.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approved_at"].queryset = Meeting.objects.exclude(
            status__in=[Meeting.Status.CANCELLED, Meeting.Status.POSTPONED]
        ).order_by("-starts_at")

    def clean(self):
        cleaned = super().clean()
        approved_on, review = cleaned.get("approved_on"), cleaned.get("review_date")
        if approved_on and review and review <= approved_on:
            self.add_error(
                "review_date", "The review date must be after the approval date"
            )
        return cleaned


class WithdrawForm(NHSForm):
    crispy_csrf = True  # as before: crispy writes a token beside the template's

    withdrawn_reason = forms.CharField(
        label="Why is it withdrawn?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why this version is withdrawn"},
    )


class ResponseForm(NHSModelForm):
    crispy_csrf = True  # as before: crispy writes a token beside the template's

    class Meta:
        model = ConsultationResponse
        fields = ["position", "paragraph", "comments"]
        widgets = {
            "position": forms.RadioSelect,
            "comments": forms.Textarea(attrs={"rows": 8}),
        }
        labels = {
            "position": "Your position",
            "paragraph": "Paragraph number (optional)",
        }
        error_messages = {"position": {"required": "Choose your position"}}

    def __init__(self, *args, paragraph_count: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.paragraph_count = paragraph_count
        self.fields["position"].choices = ConsultationResponse.Position.choices
        self.fields["paragraph"].help_text = (
            f"If your comment is about one paragraph, its number (1 to "
            f"{paragraph_count})."
        )

    def clean_paragraph(self):
        number = self.cleaned_data.get("paragraph")
        if number is not None and not 1 <= number <= self.paragraph_count:
            raise forms.ValidationError(
                f"Enter a paragraph number from 1 to {self.paragraph_count}"
            )
        return number

    def clean(self):
        cleaned = super().clean()
        position = cleaned.get("position")
        changes = ConsultationResponse.Position.SUPPORT_WITH_CHANGES
        if position == changes and not (cleaned.get("comments") or "").strip():
            self.add_error("comments", "Say which changes you would like")
        return cleaned


class CommentForm(NHSModelForm):
    crispy_csrf = True  # as before: crispy writes a token beside the template's

    class Meta:
        model = ConsultationComment
        fields = ["paragraph", "text"]
        labels = {"paragraph": "Paragraph number", "text": "Your comment"}
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}
        error_messages = {
            "paragraph": {"required": "Enter the number of the paragraph"},
            "text": {"required": "Enter your comment"},
        }

    def __init__(self, *args, paragraph_count: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.paragraph_count = paragraph_count
        self.fields["paragraph"].help_text = f"From 1 to {paragraph_count}."

    def clean_paragraph(self):
        number = self.cleaned_data.get("paragraph")
        if number is not None and not 1 <= number <= self.paragraph_count:
            raise forms.ValidationError(
                f"Enter a paragraph number from 1 to {self.paragraph_count}"
            )
        return number


class DispositionForm(NHSModelForm):
    crispy_csrf = True  # as before: crispy writes a token beside the template's

    class Meta:
        model = ConsultationResponse
        fields = ["disposition", "disposition_reason"]
        widgets = {
            "disposition": forms.RadioSelect,
            "disposition_reason": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {
            "disposition": "What we did",
            "disposition_reason": "Reason or change made",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["disposition"].required = True
        self.fields["disposition"].choices = ConsultationResponse.Disposition.choices
        self.fields["disposition"].error_messages["required"] = "Choose what we did"
        self.fields["disposition_reason"].required = True
        self.fields["disposition_reason"].error_messages["required"] = (
            "Give the reason, or the change made"
        )


class CommentDispositionForm(DispositionForm):
    class Meta(DispositionForm.Meta):
        model = ConsultationComment


class AdoptionForm(NHSModelForm):
    crispy_csrf = True  # as before: crispy writes a token beside the template's

    class Meta:
        model = StandardAdoption
        fields = ["status", "effective_date", "notes"]
        widgets = {
            "status": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"status": "Adoption status", "effective_date": "Date (optional)"}
        field_classes = {"effective_date": NHSDateField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = StandardAdoption.Status.choices
