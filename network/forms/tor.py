from django import forms

from core.forms import NHSForm, NHSModelForm
from core.widgets import NHSDateField
from network.models import Meeting, TermsOfReference


class TermsOfReferenceForm(NHSModelForm):
    class Meta:
        model = TermsOfReference
        fields = [
            "version",
            "status",
            "purpose",
            "objectives",
            "membership",
            "chair_arrangements",
            "chair_term_months",
            "meeting_frequency",
            "quorum_min_trusts",
            "quorum_min_trust_percent",
            "quorum_requires_chair",
            "quorum_min_lived_experience",
            "decision_making",
            "reporting_to",
            "approved_at",
            "effective_from",
            "change_summary",
        ]
        field_classes = {"effective_from": NHSDateField}
        widgets = {
            **{
                f: forms.Textarea(attrs={"rows": 5})
                for f in TermsOfReference.TEXT_FIELDS
                if f != "reporting_to"
            },
        }
        help_texts = {
            "approved_at": "Required when the status is approved.",
            "status": "To replace the approved version, save as draft and use "
            "'Approve' on the version's page.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        editable = [
            TermsOfReference.Status.DRAFT,
            TermsOfReference.Status.APPROVED,
        ]
        self.fields["status"].choices = [
            c for c in TermsOfReference.Status.choices if c[0] in editable
        ]
        self.fields["approved_at"].queryset = Meeting.objects.exclude(
            status__in=["cancelled", "postponed"]
        )


class ApproveTorForm(NHSForm):
    meeting = forms.ModelChoiceField(
        label="Meeting that approved this version",
        queryset=Meeting.objects.exclude(status__in=["cancelled", "postponed"]),
        required=False,
    )
    effective_from = NHSDateField(
        required=False,
        help_text="Defaults to the date of the meeting.",
    )
    review_due = NHSDateField(
        label="Review due",
        required=False,
        help_text="Defaults to 12 months after it takes effect.",
    )

    def clean_meeting(self):
        meeting = self.cleaned_data.get("meeting")
        if meeting is None:
            raise forms.ValidationError("Choose the meeting that approved this version")
        return meeting


class NewVersionForm(NHSForm):
    version = forms.CharField(max_length=10, help_text="For example 2.1 or 3.0")

    def clean_version(self):
        version = self.cleaned_data["version"].strip()
        if TermsOfReference.objects.filter(version=version).exists():
            raise forms.ValidationError(f"Version {version} already exists")
        return version


class ConfirmReviewForm(NHSForm):
    reviewed_on = NHSDateField(label="Date of the review")


class CompareForm(NHSForm):
    a = forms.ModelChoiceField(
        label="Older version", queryset=TermsOfReference.objects.none()
    )
    b = forms.ModelChoiceField(
        label="Newer version", queryset=TermsOfReference.objects.none()
    )

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("a", "b"):
            self.fields[name].queryset = versions
            self.fields[name].empty_label = None
            self.fields[name].widget.attrs["class"] = "nhsuk-select"
        # By default compare the newest version with the one it replaces.
        newest = versions.order_by("-pk").first()
        if newest is not None:
            older = newest.supersedes or versions.exclude(pk=newest.pk).first()
            self.initial.setdefault("a", older.pk if older else None)
            self.initial.setdefault("b", newest.pk)
