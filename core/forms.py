"""The base classes every form in the project starts from, its time widget
and the bridge from a service's ValidationError to a form; then core's own
forms."""

from crispy_forms.helper import FormHelper
from django import forms

from core import leadtimes, preferences
from core.models import NotificationPreference, ReminderLeadTime


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class HelperMixin:
    """Crispy renders the fields; the template owns the <form> tag, the button
    and the CSRF token. A form whose crispy output also carries a token sets
    ``crispy_csrf = True``."""

    crispy_csrf = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = not self.crispy_csrf


class NHSForm(HelperMixin, forms.Form):
    pass


class NHSModelForm(HelperMixin, forms.ModelForm):
    pass


def add_errors(form, exc) -> None:
    """Show a service's ValidationError on the form: next to the field when the
    form has it, otherwise at the top (never a 500 for an unexpected key)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


Choice = NotificationPreference.Choice


class PreferencesForm(NHSForm):
    """One question per category: straight away, weekly digest, or off."""

    crispy_csrf = True  # as before: crispy writes a token beside the template's

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        current = preferences.choices_for(user)
        # Only what this role can receive; choices for other categories stay saved
        # and apply again if the role changes back.
        self.categories = preferences.categories_for(user)
        for category in self.categories:
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

    def save(self) -> None:
        for category in self.categories:
            preferences.set_choice(
                self.user, category.key, self.cleaned_data[category.key]
            )


class LeadTimesForm(NHSForm):
    """Days before the date, per dated reminder type."""

    crispy_csrf = True  # as before: crispy writes a token beside the template's

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for lead in leadtimes.LEAD_TIMES:
            current = ", ".join(str(d) for d in leadtimes.lead_times(lead.key))
            default = ", ".join(str(d) for d in lead.default)
            self.fields[lead.key] = forms.CharField(
                label=f"{lead.label} ({lead.key})",
                initial=current,
                max_length=60,
                help_text=f"Days before, separated by commas. Default: {default}.",
            )
        self.fields[leadtimes.STALE_KEY] = forms.CharField(
            label="Weeks without a progress update before an action shows as gone quiet",
            initial=str(leadtimes.stale_weeks()),
            max_length=3,
            required=False,  # left empty: the setting stays as it is
            help_text=(
                "An open action with no update for longer than this shows at least "
                f"amber. Default: {leadtimes.STALE_DEFAULT_WEEKS}."
            ),
        )

    def clean(self):
        data = super().clean()
        if not data.get(leadtimes.STALE_KEY):
            data[leadtimes.STALE_KEY] = leadtimes.stale_weeks()
        for key, text in list(data.items()):
            parse = (
                leadtimes.parse_weeks
                if key == leadtimes.STALE_KEY
                else leadtimes.parse_days
            )
            try:
                data[key] = parse(text)
            except ValueError as exc:
                self.add_error(key, str(exc))
        return data

    def save(self, *, actor) -> None:
        saved = {
            lead.key: ",".join(str(d) for d in self.cleaned_data[lead.key])
            for lead in leadtimes.LEAD_TIMES
        }
        saved[leadtimes.STALE_KEY] = str(self.cleaned_data[leadtimes.STALE_KEY])
        for key, days in saved.items():
            ReminderLeadTime.objects.update_or_create(
                key=key, defaults={"days": days, "updated_by": actor}
            )
