"""Checking one CSV row's post details, as a ModelForm would, without one.

A ModelForm per row (deep-copied fields, bound fields, initial data) was most
of the time of checking a 5,000-row file. `check_details` cleans the row with
the same form fields and runs the same model validation, so every message is
the one the form gave, at a fraction of the cost. The form-equivalence test in
tests/workforce/test_csv_import_batching.py keeps the two in step.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.choices import flatten_choices

from core.forms import NHSModelForm
from workforce.forms import POST_FIELDS, refuse_formulas
from workforce.models import Post

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
# What a row may set: the web form's fields, less the trust (forced to the lead's).
DETAIL_FIELDS = [f for f in POST_FIELDS if f != "trust"]


class RowForm(NHSModelForm):
    """The fields a row may set, built from the model (labels, limits, choices)."""

    class Meta:
        model = Post
        fields = DETAIL_FIELDS
        field_classes = {
            "funding_end_date": forms.DateField,
            "expected_start": forms.DateField,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("funding_end_date", "expected_start"):
            self.fields[name].input_formats = DATE_FORMATS
        refuse_formulas(self.fields)


# Built once: cleaning never changes a field, so every row shares them.
FIELDS = RowForm().fields
for _field in FIELDS.values():
    if isinstance(_field, forms.ChoiceField):
        # ChoiceField.valid_value walks every choice for every cell; the codes
        # are fixed strings, so a set answers the same question at once.
        _codes = frozenset(str(code) for code, _ in flatten_choices(_field.choices))
        _field.valid_value = lambda value, codes=_codes: str(value) in codes
MODEL_FIELDS = {f.name: f for f in Post._meta.fields}
NOT_ON_FORM = {name for name in MODEL_FIELDS if name not in FIELDS}


def check_details(values: dict, instance: Post) -> tuple[dict, dict, bool]:
    """Clean `values` into `instance`. Returns (cleaned, errors, changed):
    errors maps a field (or NON_FIELD_ERRORS) to messages, in the form's order;
    changed says whether any value differs from what `instance` held."""
    initial = {name: MODEL_FIELDS[name].value_from_object(instance) for name in FIELDS}
    cleaned, errors = {}, {}
    for name, field in FIELDS.items():
        try:
            cleaned[name] = field.clean(values[name])
        except ValidationError as problem:
            errors[name] = list(problem.messages)
    changed = any(
        field.has_changed(initial[name], values[name]) for name, field in FIELDS.items()
    )
    for name, value in cleaned.items():
        MODEL_FIELDS[name].save_form_data(instance, value)
    try:
        instance.full_clean(
            exclude=_exclusions(cleaned, errors),
            validate_unique=False,  # refs are checked across the file in memory
            validate_constraints=False,  # and the database enforces the rest
        )
    except ValidationError as problem:
        _add_model_errors(errors, problem)
    return cleaned, errors, changed


def _exclusions(cleaned: dict, errors: dict) -> set[str]:
    """The fields a ModelForm would not validate on the model (see
    BaseModelForm._get_validation_exclusions)."""
    exclude = NOT_ON_FORM | set(errors)
    for name, field in FIELDS.items():
        if (
            name not in errors
            and not MODEL_FIELDS[name].blank
            and not field.required
            and cleaned.get(name) in field.empty_values
        ):
            exclude.add(name)
    return exclude


def _add_model_errors(errors: dict, problem: ValidationError) -> None:
    """Model errors after field errors; the form's wording where it has one."""
    for name, messages in problem.error_dict.items():
        field = FIELDS.get(name)
        for message in messages:
            if field is not None and message.code in field.error_messages:
                message.message = field.error_messages[message.code]
            errors.setdefault(name, []).extend(message.messages)
