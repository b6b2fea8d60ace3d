"""Run the web's own forms on API input, so validation is identical.

JSON bodies are turned into the flat data a form expects; the form's errors
become a 400 problem body with per-field `errors`.
"""

from datetime import date

from django.forms.models import model_to_dict
from rest_framework.exceptions import ValidationError


def form_data(payload, *, instance=None, fields=()) -> dict:
    """Form input from a JSON object; on PATCH, unchanged fields come from the
    stored instance so a partial update validates like a full one."""
    if not isinstance(payload, dict):
        raise ValidationError({"non_field_errors": ["Send a JSON object"]})
    nested = sorted(k for k, v in payload.items() if isinstance(v, dict | list))
    if nested:  # forms take one value per field
        raise ValidationError(
            {k: ["Send a single value, not a list or object"] for k in nested}
        )
    data = model_to_dict(instance, fields=fields) if instance is not None else {}
    data.update(payload)
    return {k: _cell(v) for k, v in data.items()}


def _cell(value):
    if value is None:
        return ""
    if isinstance(
        value, bool
    ):  # a checkbox understands these; other fields reject them
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()  # what the NHS.UK date input accepts from APIs
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)  # as a browser would send it
    return value


def form_errors(form) -> dict:
    out = {}
    for field, errors in form.errors.get_json_data().items():
        key = "non_field_errors" if field == "__all__" else field
        out[key] = [e["message"] for e in errors]
    return out


def valid_or_400(form):
    if not form.is_valid():
        raise ValidationError(form_errors(form))
    return form.cleaned_data
