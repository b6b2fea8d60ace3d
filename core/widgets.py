"""The NHS.UK date input: separate day, month and year boxes for one date.

For a date people know without looking it up (a date of birth, the date a post
started), the NHS.UK design system asks for three boxes rather than one box or
a calendar picker. See https://service-manual.nhs.uk/design-system/components/date-input

Use the field, which gives the NHS.UK error messages::

    from core.widgets import NHSDateField

    class PostForm(forms.ModelForm):
        started_on = NHSDateField(label="When did the post start?")

        # ModelForm: or keep the model's DateField and swap the widget and field
        # with `field_classes = {"started_on": NHSDateField}`.

or keep a plain ``forms.DateField`` and only swap the widget
(``widget=NHSDateInput``): it still works, but an impossible date gets
Django's "Enter a valid date." instead of the messages below.

The boxes post ``<name>_day``, ``<name>_month`` and ``<name>_year``;
``NHSDateInput.value_from_datadict`` joins them into ``YYYY-MM-DD`` (a
``DateParts`` string that remembers what was typed, so the boxes are filled in
again when the form is shown with an error). A post of ``<name>`` itself in
ISO form (an API client, a test) is accepted too.

``NHSDateField`` errors (override any with ``error_messages={...}``):

- ``required``: "Enter a date"
- ``incomplete``: "Date must include a day" (or "a month and year", …);
  ``%(missing)s`` in your own message is replaced by the missing parts
- ``invalid``: "Date must be a real date" (31 February, letters)
- ``year_length``: "Year must include 4 numbers"

The crispy "nhsuk" pack, ``{{ form }}`` and allauth's pages render the widget
inside a fieldset with the label as its legend, the hint and the error, and
mark only the boxes that are wrong with ``nhsuk-input--error``; the error
summary links to the first wrong box.
"""

from __future__ import annotations

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError

PARTS = ("day", "month", "year")
_DIGITS = re.compile(r"^[0-9]+$")


class DateParts(str):
    """What someone typed in the three boxes, as a string Django can parse.

    The string is ``YYYY-MM-DD`` when the three parts are numbers and the year
    has four digits, ``""`` when all three boxes are empty, and otherwise a
    string that never parses as a date (so a plain ``DateField`` rejects it).
    ``.day``, ``.month`` and ``.year`` hold the text exactly as typed.
    """

    day: str
    month: str
    year: str

    def __new__(cls, day=None, month=None, year=None):
        day, month, year = (str(part or "").strip() for part in (day, month, year))
        if not (day or month or year):
            text = ""
        elif all(_DIGITS.match(part) for part in (day, month, year)) and len(year) == 4:
            text = f"{year}-{int(month):02d}-{int(day):02d}"
        else:
            text = f"invalid:{year}-{month}-{day}"
        obj = super().__new__(cls, text)
        obj.day, obj.month, obj.year = day, month, year
        return obj

    @property
    def is_empty(self) -> bool:
        return not (self.day or self.month or self.year)

    @property
    def missing(self) -> list[str]:
        """The parts left empty, when at least one part was filled in."""
        if self.is_empty:
            return []
        return [name for name in PARTS if not getattr(self, name)]

    @property
    def not_numbers(self) -> list[str]:
        return [
            name
            for name in PARTS
            if getattr(self, name) and not _DIGITS.match(getattr(self, name))
        ]

    @property
    def year_is_short(self) -> bool:
        return (
            bool(self.year) and bool(_DIGITS.match(self.year)) and len(self.year) != 4
        )

    def problem_parts(self) -> list[str]:
        """The boxes to highlight when the date is wrong, in page order."""
        wrong = set(self.missing) | set(self.not_numbers)
        if self.year_is_short:
            wrong.add("year")
        if not wrong:  # empty, or all three filled in but not a real date
            return list(PARTS)
        return [name for name in PARTS if name in wrong]


class NHSDateInput(forms.MultiWidget):
    """Day, month and year text boxes in the NHS.UK date input pattern."""

    template_name = "nhsuk/widgets/date_input.html"
    part_labels = {"day": "Day", "month": "Month", "year": "Year"}
    part_widths = {"day": 2, "month": 2, "year": 4}

    def __init__(self, attrs=None):
        widgets = {
            name: forms.TextInput(attrs={"inputmode": "numeric"}) for name in PARTS
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, DateParts):
            return [value.day, value.month, value.year]
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, str) and value:
            try:
                value = datetime.date.fromisoformat(value)
            except ValueError:
                return [None, None, None]
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        if all(f"{name}_{part}" not in data for part in PARTS) and data.get(name):
            return data.get(name)  # one ISO string, e.g. from an API client
        day, month, year = super().value_from_datadict(data, files, name)
        return DateParts(day, month, year)

    def value_omitted_from_data(self, data, files, name):
        return super().value_omitted_from_data(data, files, name) and name not in data

    def id_for_label(self, id_):
        return f"{id_}_day" if id_ else ""

    def error_target_id(self, id_, value) -> str:
        """The box the error summary links to: the first one that is wrong."""
        if not id_:
            return ""
        parts = self._parts(value)
        first = parts.problem_parts()[0] if parts is not None else "day"
        return f"{id_}_{first}"

    @staticmethod
    def _parts(value) -> DateParts | None:
        if isinstance(value, DateParts):
            return value
        return None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        id_ = widget["attrs"].get("id")
        invalid = str(widget["attrs"].get("aria-invalid", "")).lower() == "true"
        parts = self._parts(value)
        if not invalid:
            flagged: set[str] = set()
        elif parts is not None:
            flagged = set(parts.problem_parts())
        else:
            flagged = set(PARTS)
        autocomplete = widget["attrs"].get("autocomplete")
        for part, sub in zip(PARTS, widget["subwidgets"], strict=True):
            sub_attrs = sub["attrs"]
            if id_:
                sub_attrs["id"] = f"{id_}_{part}"
            classes = [
                "nhsuk-input",
                "nhsuk-date-input__input",
                f"nhsuk-input--width-{self.part_widths[part]}",
            ]
            if part in flagged:
                classes.append("nhsuk-input--error")
            else:
                sub_attrs.pop("aria-invalid", None)
            extra = [c for c in sub_attrs.get("class", "").split() if c not in classes]
            sub_attrs["class"] = " ".join(classes + extra)
            sub_attrs.pop("aria-describedby", None)  # it is on the fieldset
            if autocomplete == "bday":
                sub_attrs["autocomplete"] = f"bday-{part}"
            sub["part"] = part
            sub["part_label"] = self.part_labels[part]
            sub["has_error"] = part in flagged
        widget["wrapper_id"] = id_
        return context


class NHSDateField(forms.DateField):
    """A DateField shown as NHS.UK day/month/year boxes, with NHS.UK messages."""

    widget = NHSDateInput
    default_error_messages = {
        "required": "Enter a date",
        "incomplete": "Date must include a %(missing)s",
        "invalid": "Date must be a real date",
        "year_length": "Year must include 4 numbers",
    }

    def to_python(self, value):
        if isinstance(value, DateParts) and not value.is_empty:
            if value.missing:
                raise ValidationError(
                    self.error_messages["incomplete"],
                    code="incomplete",
                    params={"missing": " and ".join(value.missing)},
                )
            if value.not_numbers:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            if value.year_is_short:
                raise ValidationError(
                    self.error_messages["year_length"], code="year_length"
                )
        return super().to_python(value)
