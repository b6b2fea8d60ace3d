"""Side-by-side comparison of two terms of reference versions (difflib)."""

import difflib
from dataclasses import dataclass
from datetime import date

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@dataclass
class DiffRow:
    kind: str  # "same", "changed", "added", "removed"
    left: SafeString
    right: SafeString


@dataclass
class FieldDiff:
    label: str
    rows: list[DiffRow]

    @property
    def changed(self) -> bool:
        return any(row.kind != "same" for row in self.rows)


def _words(old: str, new: str) -> tuple[SafeString, SafeString]:
    """Mark removed words <del> on the left and added words <ins> on the right."""
    a, b = old.split(" "), new.split(" ")
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
        old_part, new_part = escape(" ".join(a[i1:i2])), escape(" ".join(b[j1:j2]))
        if op == "equal":
            left.append(old_part)
            right.append(new_part)
            continue
        if old_part:
            left.append(f"<del>{old_part}</del>")
        if new_part:
            right.append(f"<ins>{new_part}</ins>")
    return mark_safe(" ".join(left)), mark_safe(" ".join(right))  # noqa: S308 - escaped


def diff_text(old: str, new: str) -> list[DiffRow]:
    a, b = (old or "").splitlines(), (new or "").splitlines()
    rows = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
        if op == "equal":
            rows += [DiffRow("same", escape(x), escape(x)) for x in a[i1:i2]]
        elif op == "delete":
            rows += [
                DiffRow("removed", mark_safe(f"<del>{escape(x)}</del>"), "")
                for x in a[i1:i2]
            ]
        elif op == "insert":
            rows += [
                DiffRow("added", "", mark_safe(f"<ins>{escape(x)}</ins>"))
                for x in b[j1:j2]
            ]
        else:
            old_lines, new_lines = a[i1:i2], b[j1:j2]
            for k in range(max(len(old_lines), len(new_lines))):
                left = old_lines[k] if k < len(old_lines) else ""
                right = new_lines[k] if k < len(new_lines) else ""
                rows.append(DiffRow("changed", *_words(left, right)))
    return rows


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
                rows=diff_text(_display(old, field), _display(new, field)),
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
