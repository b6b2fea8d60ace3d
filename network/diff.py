"""Side-by-side comparison of two terms of reference versions, field by field."""

from dataclasses import dataclass
from datetime import date

from core.diff import DiffRow, line_rows


@dataclass
class FieldDiff:
    label: str
    rows: list[DiffRow]

    @property
    def changed(self) -> bool:
        return any(row.kind != "same" for row in self.rows)


def diff_versions(old, new) -> list[FieldDiff]:
    """One FieldDiff per structured field, prose and quorum rules alike."""
    from network.models import TermsOfReference

    fields = [
        *TermsOfReference.TEXT_FIELDS,
        "meeting_frequency",
        "chair_term_months",
        "quorum_min_trusts",
        "quorum_min_trust_percent",
        "quorum_requires_chair",
        "quorum_min_lived_experience",
        "review_due",
    ]
    result = []
    for name in fields:
        field = TermsOfReference._meta.get_field(name)
        result.append(
            FieldDiff(
                label=str(field.verbose_name).capitalize(),
                rows=line_rows(_display(old, field), _display(new, field)),
            )
        )
    return result


def _display(tor, field) -> str:
    value = getattr(tor, field.name)
    if field.choices:
        return str(getattr(tor, f"get_{field.name}_display")())
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return f"{value:%-d %B %Y}"
    return "" if value is None else str(value)
