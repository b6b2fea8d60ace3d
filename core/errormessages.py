"""Django's stock validation messages, said the NHS.UK way.

"This field is required." does not say which field, and "Ensure this value is
greater than or equal to 0.01." is not how a person talks. `field_errors()`
gives a field's errors with the stock messages rewritten to name the field,
and only the first one: a field shows one message, in the error summary and
beside the field alike.
"""

import re

from django import forms

_REWRITES = [
    (r"This field is required\.", "{required}"),
    (
        r"Ensure this value is greater than or equal to (.+)\.",
        "{label} must be \\1 or more",
    ),
    (
        r"Ensure this value is less than or equal to (.+)\.",
        "{label} must be \\1 or less",
    ),
    (
        r"Ensure this value has at most (\d+) characters? \(it has \d+\)\.",
        "{label} must be \\1 characters or fewer",
    ),
    (
        r"Ensure this value has at least (\d+) characters? \(it has \d+\)\.",
        "{label} must be \\1 characters or more",
    ),
    (
        r"Ensure that there are no more than (\d+) digits? in total\.",
        "{label} must have no more than \\1 digits",
    ),
    (
        r"Ensure that there are no more than (\d+) decimal places?\.",
        "{label} must have no more than \\1 decimal places",
    ),
    (r"Enter a whole number\.", "{label} must be a whole number"),
    (r"Enter a number\.", "{label} must be a number"),
    (r"Enter a valid date\.", "{label} must be a real date"),
    (r"Enter a valid time\.", "{label} must be a real time, like 14:30"),
    (
        r"Enter a valid email address\.",
        "Enter an email address in the correct format, like name@example.nhs.uk",
    ),
    (
        r"Enter a valid URL\.",
        "Enter a web address in the correct format, like https://www.nhs.uk",
    ),
    (
        r"Select a valid choice\..*",
        "Select {article_label} from the list",
    ),
]
_COMPILED = [(re.compile(f"^{pattern}$"), text) for pattern, text in _REWRITES]


def _required(field, name: str, label: str) -> str:
    widget = field.widget
    if label.endswith("?"):  # the label is a question: "How should we contact you?"
        return f"Answer the question: {label}"
    if isinstance(widget, forms.CheckboxInput):
        return f"Tick the box to confirm: {label}"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "Choose a file"
    if isinstance(
        widget, forms.Select | forms.RadioSelect | forms.CheckboxSelectMultiple
    ):
        return f"Select {name}"
    return f"Enter {name}"


def specific(message: str, field, label: str) -> str:
    """One error message, rewritten if it is one of Django's stock ones."""
    label = str(label or "This").rstrip(":").strip()
    name = label[0].lower() + label[1:] if label[1:2].islower() else label
    for pattern, text in _COMPILED:
        match = pattern.match(message)
        if match:
            return match.expand(
                text.format(
                    required=_required(field, name, label),
                    label=label,
                    article_label=name,
                )
            )
    return message


def field_errors(bound_field) -> list[str]:
    """The field's first error, in words that name the field."""
    for error in bound_field.errors:
        return [specific(str(error), bound_field.field, bound_field.label)]
    return []
