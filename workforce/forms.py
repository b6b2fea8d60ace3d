"""Input shapes for the workforce pages."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone

from audit.scoped import ScopedModelChoiceField
from core.dates import query_date_bounds
from core.forms import NHSForm, NHSModelForm
from core.formulas import refuse_formula_text
from core.widgets import NHSDateField
from network.models import ICB, MemberTrust
from workforce.models import (
    ImplementationChecklistItem,
    Post,
    TrustChecklistStatus,
)
from workforce.permissions import is_coordinator, trusts_managed_by
from workforce.reports import quarter_of

POST_FIELDS = [
    "trust",
    "local_ref",
    "job_title",
    "role_type",
    "band",
    "wte",
    "delivery_model",
    "setting",
    "service_name",
    "locality",
    "lived_experience_basis",
    "contract_type",
    "funding_source",
    "funding_end_date",
    "recruitment_stage",
    "advert_url",
    "expected_start",
    "notes",
]


# Free-text fields a spreadsheet would run as a formula if they started with "=".
FORMULA_CHECKED = ["local_ref", "job_title", "service_name", "locality", "notes"]


def refuse_formulas(fields) -> None:
    """The one formula rule on a post's text fields, for the web form, the API
    (which validates through the form) and the import (through RowForm)."""
    for name in FORMULA_CHECKED:
        if name in fields:
            label = str(fields[name].label or name)
            fields[name].validators.append(refuse_formula_text(label))


class PostForm(NHSModelForm):
    """Create or edit a post. The trust list holds only trusts the user manages,
    so a tampered trust id is refused as an invalid choice (and audited)."""

    crispy_csrf = True  # as before: crispy writes a token beside the template's

    class Meta:
        model = Post
        fields = POST_FIELDS
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}
        field_classes = {
            "funding_end_date": NHSDateField,
            "expected_start": NHSDateField,
            "trust": ScopedModelChoiceField,
        }
        help_texts = {
            "notes": "Do not record anything about the person in the post.",
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trust"].queryset = trusts_managed_by(user)
        if not is_coordinator(user):
            self.fields["trust"].initial = user.trust_id
        self.fields["trust"].empty_label = None if user.trust_id else "Choose a trust"
        refuse_formulas(self.fields)

    def clean(self):
        cleaned = super().clean()
        trust, ref = cleaned.get("trust"), cleaned.get("local_ref")
        if trust and ref:
            clash = Post.objects.filter(trust=trust, local_ref=ref)
            if clash.exclude(pk=self.instance.pk).exists():
                self.add_error(
                    "local_ref", "Another post in this trust has this reference"
                )
        return cleaned


class PostCreateForm(PostForm):
    """A new post also says what status it starts in and since when."""

    class Meta(PostForm.Meta):
        fields = [
            *POST_FIELDS[:14],
            "status",
            "status_effective_date",
            *POST_FIELDS[14:],
        ]
        field_classes = {
            **PostForm.Meta.field_classes,
            "status_effective_date": NHSDateField,
        }
        labels = {"status": "Current status", "status_effective_date": "Status since"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            c for c in Post.Status.choices if c[0] != Post.Status.CLOSED
        ]
        self.fields["status_effective_date"].initial = timezone.localdate()


class StatusChangeForm(NHSForm):
    crispy_csrf = True  # as before: crispy writes a token beside the template's

    to_status = forms.ChoiceField(label="New status", widget=forms.RadioSelect)
    effective_date = NHSDateField(label="Date the change took effect")
    recruitment_stage = forms.ChoiceField(
        label="Recruitment stage (only when recruiting)",
        choices=[("", "Not set"), *Post.Stage.choices],
        required=False,
    )
    note = forms.CharField(
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why it changed. Do not record anything about the person in the post.",
    )

    def __init__(self, *args, post: Post, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = post.allowed_next_statuses()
        self.fields["to_status"].choices = [
            c for c in Post.Status.choices if c[0] in allowed
        ]
        self.fields["effective_date"].initial = timezone.localdate()


class ImportUploadForm(NHSForm):
    crispy_csrf = True  # as before: crispy writes a token beside the template's

    file = forms.FileField(
        label="Excel or CSV file",
        help_text="An Excel workbook (.xlsx), or a spreadsheet saved as 'CSV UTF-8'. "
        "Up to 2 MB and 5,000 rows.",
    )


class ChecklistStatusForm(NHSModelForm):
    crispy_csrf = True  # as before: crispy writes a token beside the template's

    class Meta:
        model = TrustChecklistStatus
        fields = ["status", "evidence_note", "evidence_url"]
        widgets = {
            "status": forms.RadioSelect,
            "evidence_note": forms.Textarea(attrs={"rows": 4}),
        }


class ChecklistItemForm(NHSModelForm):
    crispy_csrf = True  # as before: crispy writes a token beside the template's

    class Meta:
        model = ImplementationChecklistItem
        fields = ["title", "phase", "area", "guidance", "source_tag", "order"]
        widgets = {"guidance": forms.Textarea(attrs={"rows": 4})}


class ReturnReasonForm(NHSForm):
    crispy_csrf = True  # as before: crispy writes a token beside the template's

    reason = forms.CharField(
        label="What needs correcting",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


class DashboardFilterForm(NHSForm):
    icb = forms.ChoiceField(
        label="ICB", choices=[("", "All ICBs"), *ICB.choices], required=False
    )
    trust = forms.ModelChoiceField(
        queryset=MemberTrust.objects.all(), required=False, empty_label="All trusts"
    )
    setting = forms.ChoiceField(
        choices=[("", "All settings"), *Post.Setting.choices], required=False
    )
    band = forms.ChoiceField(
        choices=[("", "All bands"), *Post.Band.choices], required=False
    )
    as_at = NHSDateField(label="As at", required=False, validators=[query_date_bounds])

    def clean_as_at(self):
        value = self.cleaned_data["as_at"]
        if value and value > timezone.localdate():
            raise forms.ValidationError("The as-at date cannot be in the future")
        return value


QUARTERS_OFFERED = 8  # how far back a coordinator can open a missed quarter


class ReturnRoundForm(NHSForm):
    """A coordinator opens the returns for one quarter: this one or a missed one."""

    crispy_csrf = True  # as before: crispy writes a token beside the template's

    quarter_end = forms.ChoiceField(label="Quarter", widget=forms.Select)

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        today = today or timezone.localdate()
        self.fields["quarter_end"].choices = quarter_choices(today)
        self.fields["quarter_end"].widget.attrs["class"] = "nhsuk-select"

    def clean_quarter_end(self):
        return date.fromisoformat(self.cleaned_data["quarter_end"])

    def latest_quarter_end(self) -> date:
        """The quarter that ended last, when none was chosen."""
        return date.fromisoformat(self.fields["quarter_end"].choices[0][0])


def quarter_choices(today) -> list[tuple[str, str]]:
    """The quarter in progress, then the ones before it, newest first."""
    end = next_quarter_end(today)
    choices = []
    for _ in range(QUARTERS_OFFERED + 1):
        start = date(end.year, end.month - 2, 1)  # quarters end in Mar/Jun/Sep/Dec
        label = f"{start:%B} to {end:%B %Y} ({quarter_of(end)})"
        choices.append((end.isoformat(), label))
        end = start - timedelta(days=1)
    return choices


def next_quarter_end(today) -> date:
    """The end of the quarter today is in."""
    month = (today.month - 1) // 3 * 3 + 3
    first_after = date(today.year + month // 12, month % 12 + 1, 1)
    return first_after - timedelta(days=1)


class BoardPackForm(NHSForm):
    """Which quarter's board pack to download: one that has ended. A GET form,
    so no CSRF token: it would end up in the PDF's address."""

    quarter_end = forms.ChoiceField(
        label="Quarter of the board pack",
        widget=forms.Select(attrs={"class": "nhsuk-select"}),
        error_messages={
            "required": "Choose a quarter",
            "invalid_choice": "Choose a quarter from the list",
        },
    )

    def __init__(self, *args, today=None, **kwargs):
        # its own ids: it shares the returns page with the ReturnRoundForm
        kwargs.setdefault("auto_id", "id_pack_%s")
        super().__init__(*args, **kwargs)
        today = today or timezone.localdate()
        self.fields["quarter_end"].choices = quarter_choices(today)[1:]

    def clean_quarter_end(self):
        return date.fromisoformat(self.cleaned_data["quarter_end"])

    def latest_quarter_end(self) -> date:
        """The quarter that ended last, when none was chosen."""
        return date.fromisoformat(self.fields["quarter_end"].choices[0][0])
