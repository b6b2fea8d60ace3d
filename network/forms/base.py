from crispy_forms.helper import FormHelper
from django import forms


class DateInput(forms.DateInput):
    """A native date picker; the value is ISO so the browser can read it."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class HelperMixin:
    """Crispy renders the fields; the template owns the <form> tag and button."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


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
