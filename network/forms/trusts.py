from django import forms

from core.forms import NHSModelForm
from core.widgets import NHSDateField
from network.models import MemberTrust

CONTACT_FIELDS = ["website", "contact_email", "contact_phone", "address"]


class TrustForm(NHSModelForm):
    """Coordinators: every field."""

    class Meta:
        model = MemberTrust
        fields = [
            "name",
            "short_name",
            "ods_code",
            "icb",
            "membership_type",
            "status",
            "joined_on",
            "ended_on",
            "successors",
            *CONTACT_FIELDS,
            "footprint",
            "notes",
        ]
        field_classes = {"joined_on": NHSDateField, "ended_on": NHSDateField}
        widgets = {"successors": forms.CheckboxSelectMultiple}
        help_texts = {
            "successors": "For a merged or dissolved trust: the trusts that took on "
            "its services.",
            "notes": "Markdown.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        others = MemberTrust.objects.current()
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["successors"].queryset = others

    def clean(self):
        cleaned = super().clean()
        merged = cleaned.get("status") in (
            MemberTrust.Status.MERGED,
            MemberTrust.Status.DISSOLVED,
        )
        if merged and not cleaned.get("successors"):
            self.add_error(
                "successors", "Choose the trust or trusts that took on its services"
            )
        return cleaned


class TrustContactForm(NHSModelForm):
    """Trust leads: their own trust's contact details only."""

    class Meta:
        model = MemberTrust
        fields = CONTACT_FIELDS
