from crispy_forms.helper import FormHelper
from django import forms

from core import preferences
from core.models import NotificationPreference

Choice = NotificationPreference.Choice


class PreferencesForm(forms.Form):
    """One question per category: straight away, weekly digest, or off."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        current = preferences.choices_for(user)
        for category in preferences.CATEGORIES:
            options = list(Choice.choices)
            help_text = ""
            if category.key in ("governance", "reviews") and user.is_coordinator:
                options = [o for o in options if o[0] != Choice.OFF]
                help_text = "Coordinators must get these."
            self.fields[category.key] = forms.ChoiceField(
                label=category.label,
                choices=options,
                initial=current[category.key],
                widget=forms.RadioSelect,
                help_text=help_text,
            )
        self.helper = FormHelper()
        self.helper.form_tag = False

    def save(self) -> None:
        for category in preferences.CATEGORIES:
            preferences.set_choice(
                self.user, category.key, self.cleaned_data[category.key]
            )
