"""The post register and the import template as Excel workbooks (.xlsx).

Sheet "Posts" has the headings and values people read (the same as the CSV
export, so it imports back unchanged), dates and numbers as real dates and
numbers, a frozen bold heading row, readable column widths and drop-down lists
of the allowed values. Sheet "Help" says what each column takes, with the
codes also accepted, and holds the lists the drop-downs use: it stays visible,
because the import refuses hidden sheets. Text is always written as text, so a
value starting with "=" can never become a formula.

Written in openpyxl's write-only mode: rows stream into the file, so a
coordinator's whole-region register does not build every cell in memory.
"""

import io
from datetime import date
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from workforce.csvimport import (
    CHOICE_COLUMNS,
    COLUMN_LABELS,
    COLUMNS,
    DATE_COLUMNS,
    MAX_ROWS,
    column_guide,
)

WIDTHS = {
    "local_ref": 18, "trust": 40, "job_title": 40, "role_type": 32, "band": 24,
    "wte": 8, "delivery_model": 44, "setting": 38, "service_name": 30,
    "locality": 18, "lived_experience_basis": 22, "contract_type": 16,
    "funding_source": 34, "funding_end_date": 17, "status": 12,
    "status_effective_date": 14, "recruitment_stage": 24, "advert_url": 40,
    "expected_start": 15, "notes": 50,
}  # fmt: skip
DATE_FORMAT = "DD/MM/YYYY"
LIST_START = 6  # Help sheet column where the drop-down lists begin (F)
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def register_workbook(rows, trust_names: list[str]) -> bytes:
    """Rows of `csvimport.register_values` (or the template's example) as a
    workbook whose drop-downs offer `trust_names` and each column's labels."""
    book = Workbook(write_only=True)
    posts = book.create_sheet("Posts")
    help_sheet = book.create_sheet("Help")
    lists = _list_ranges(trust_names)
    _set_up_posts(posts, lists)
    posts.append([_cell(posts, COLUMN_LABELS[c], bold=True) for c in COLUMNS])
    for row in rows:
        posts.append(
            [_value_cell(posts, c, v) for c, v in zip(COLUMNS, row, strict=True)]
        )
    _write_help(help_sheet, trust_names)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _list_ranges(trust_names) -> dict[str, str]:
    """Each drop-down column's list on the Help sheet, as an absolute range."""
    ranges, column = {}, LIST_START
    for name in ["trust", *CHOICE_COLUMNS]:
        size = len(trust_names) if name == "trust" else len(CHOICE_COLUMNS[name])
        letter = get_column_letter(column)
        ranges[name] = f"Help!${letter}$2:${letter}${max(size, 1) + 1}"
        column += 1
    return ranges


def _set_up_posts(sheet, lists) -> None:
    sheet.freeze_panes = "A2"  # the heading row stays in view
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS[column]
    last = MAX_ROWS + 1
    for index, column in enumerate(COLUMNS, start=1):
        cells = f"{get_column_letter(index)}2:{get_column_letter(index)}{last}"
        rule = _rule(column, lists)
        if rule is not None:
            rule.add(cells)
            sheet.data_validations.append(rule)


def _rule(column, lists) -> DataValidation | None:
    label = COLUMN_LABELS[column]
    if column in lists:
        rule = DataValidation(type="list", formula1=lists[column], allow_blank=True)
        rule.error = f"Choose a {label.lower()} from the list"
    elif column in DATE_COLUMNS:
        rule = DataValidation(
            type="date", operator="greaterThan", formula1="1", allow_blank=True
        )
        rule.error = "Enter a date, like 01/04/2024"
    elif column == "wte":
        rule = DataValidation(
            type="decimal", operator="between", formula1="0.01", formula2="1"
        )
        rule.error = "Enter the WTE, from 0.01 to 1.00"
    else:
        return None
    rule.errorTitle, rule.showErrorMessage = label, True
    return rule


def _cell(sheet, value, *, bold=False, wrap=False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value="" if value is None else str(value))
    cell.data_type = "s"  # text stays text: never a formula
    if bold:
        cell.font = BOLD
    if wrap:
        cell.alignment = WRAP
    return cell


def _value_cell(sheet, column, value) -> WriteOnlyCell:
    if column in DATE_COLUMNS and isinstance(value, str) and value:
        value = date.fromisoformat(value)  # the template's example row
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, Decimal):
        cell = WriteOnlyCell(sheet, value=float(value))
        cell.number_format = "0.00"
        return cell
    if column == "wte" and value not in (None, ""):
        cell = WriteOnlyCell(sheet, value=float(value))
        cell.number_format = "0.00"
        return cell
    return _cell(sheet, value)


def _write_help(sheet, trust_names) -> None:
    """What each column takes, and the lists the drop-downs use."""
    for letter, width in zip("ABCD", (24, 10, 60, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    guide = column_guide()
    lists = [("Trust", trust_names)] + [
        (COLUMN_LABELS[c], [str(label) for _, label in CHOICE_COLUMNS[c].choices])
        for c in CHOICE_COLUMNS
    ]
    for offset in range(len(lists)):
        sheet.column_dimensions[get_column_letter(LIST_START + offset)].width = 36
    headings = ["Column", "Required", "What to enter", "Codes also accepted", ""]
    height = max(len(guide), *(len(values) for _, values in lists)) + 1
    for index in range(height):
        if index == 0:
            row = [_cell(sheet, h, bold=True) for h in headings]
            row += [_cell(sheet, title, bold=True) for title, _ in lists]
        else:
            row = _guide_cells(sheet, guide[index - 1]) if index <= len(guide) else []
            row += [_cell(sheet, "")] * (len(headings) - len(row))
            row += [
                _cell(sheet, values[index - 1] if index <= len(values) else "")
                for _, values in lists
            ]
        sheet.append(row)


def _guide_cells(sheet, column: dict) -> list:
    allowed = "; ".join(label for label, _ in column["allowed"])
    words = column["guidance"]
    if allowed:
        words = (words + " " if words else "") + "One of: " + allowed
    codes = "; ".join(f"{label} = {code}" for label, code in column["allowed"])
    return [
        _cell(sheet, column["label"], bold=True),
        _cell(sheet, "Yes" if column["required"] else "No"),
        _cell(sheet, words, wrap=True),
        _cell(sheet, codes, wrap=True),
    ]
