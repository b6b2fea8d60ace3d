"""The one rule for text a spreadsheet would run as a formula.

A cell that starts with "=", "+", "-" or "@" (or a tab or carriage return) is
run as a formula by Excel and its kin when a CSV is opened, so a value like
`=HYPERLINK(...)` typed into the register could act when someone opens the
export. The web forms and the import refuse such text with the same message
(`refuse_formula_text`), and CSV exports neutralise anything older
(`core.csvexport.safe_cell`). Plain numbers such as "-2" are data, not formulas.
"""

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    if not text.startswith(FORMULA_STARTS):
        return False
    try:
        float(text)
    except ValueError:
        return True
    return False


def formula_message(label: str, text: str) -> str:
    first = {"\t": "a tab", "\r": "a line break"}.get(text[0], f"“{text[0]}”")
    name = label[:1].upper() + label[1:]
    return (
        f"{name} cannot start with {first}, because spreadsheets treat it as a "
        "formula. Remove it or start with a word"
    )


@deconstructible
class refuse_formula_text:  # noqa: N801 - used like a function, as validators are
    """Validator: refuse text that would be run as a formula, naming the field."""

    code = "formula"

    def __init__(self, label: str):
        self.label = label

    def __call__(self, value) -> None:
        text = "" if value is None else str(value)
        if looks_like_formula(text):
            raise ValidationError(formula_message(self.label, text), code=self.code)

    def __eq__(self, other):
        return isinstance(other, refuse_formula_text) and other.label == self.label
