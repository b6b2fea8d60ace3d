from django import forms

from core.forms import NHSForm


class TokenCreateForm(NHSForm):
    crispy_csrf = True  # as before: crispy writes a token beside the template's

    name = forms.CharField(
        label="Token name",
        max_length=100,
        help_text="What it is for, so you know which to revoke, e.g. 'ESR export'.",
        error_messages={"required": "Enter a name for the token"},
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Enter a name for the token")
        return name
