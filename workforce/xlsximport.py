"""Excel (.xlsx) uploads of posts, read safely into the CSV importer's rows.

An uploaded workbook is checked as a zip before openpyxl opens it (sizes from
the zip's directory, so a zip bomb is refused without being expanded), then
its first sheet is read once, in read-only mode, keeping formulas as formulas
(`data_only=False`) so they are refused, never run. What it holds becomes the
same CSV text a CSV upload gives, so the rows go through exactly the same
checks, preview and all-or-nothing save (`workforce.csvimport`).

Anything that could hide or change data a person did not see is refused with
a message naming the row and column where there is one: formulas, error
values, merged cells, dates or numbers stored as text, hidden sheets, links to
other workbooks, macros and password protection.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from openpyxl import load_workbook
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from workforce.csvimport import (
    COLUMN_LABELS,
    DATE_COLUMNS,
    MAX_ROWS,
    NUMBER_COLUMNS,
    ImportError_,
    decode_csv,
    heading_codes,
    upload_bytes,
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, or an encrypted .xlsx
ZIP_MAGIC = b"PK\x03\x04"
ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
MAX_EXPANDED = 40 * 1024 * 1024  # 5,000 full rows expand to about 5 MB
MAX_MEMBERS = 500
ROW_SCAN_LIMIT = 20_000  # blank rows allowed between posts, but not a million
MAX_PROBLEMS = 50
MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"')
SAVE_AS = "Save it from Excel as an 'Excel Workbook (.xlsx)' and upload it again."


class CellProblems(Exception):
    """Problems in cells, each naming its row and column."""

    def __init__(self, problems: list[str]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


@dataclass
class Problem:
    row: int
    letter: str
    label: str
    message: str

    def __str__(self) -> str:
        where = f"Row {self.row}, column {self.letter}"
        return (
            f"{where} ({self.label}): {self.message}"
            if self.label
            else (f"{where}: {self.message}")
        )


def read_upload(upload) -> str:
    """An uploaded CSV or workbook as the importer's CSV text; ImportError_ or
    CellProblems with messages for people."""
    raw = upload_bytes(upload)
    if is_workbook(raw, upload.name):
        return workbook_to_csv(raw, upload.name)
    return decode_csv(raw)


def is_workbook(raw: bytes, filename: str) -> bool:
    """Whether an upload should be read as a workbook rather than CSV text."""
    return raw.startswith((ZIP_MAGIC, OLE_MAGIC)) or filename.lower().endswith(
        (".xlsx", ".xlsm", ".xls")
    )


def workbook_to_csv(raw: bytes, filename: str) -> str:
    """The first sheet as the importer's CSV text, or ImportError_ for the whole
    file, or CellProblems for its cells. Nothing is evaluated or saved."""
    archive = _open_archive(raw, filename)
    try:
        book = load_workbook(
            io.BytesIO(raw), read_only=True, data_only=False, keep_links=False
        )
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise ImportError_(f"The workbook could not be read. {SAVE_AS}") from None
    try:
        _refuse_hidden_sheets(book)
        sheet = book.worksheets[0]
        merged = _merged_ranges(archive, sheet._worksheet_path)
        if merged:
            raise CellProblems([_merged_problem(ref) for ref in merged[:MAX_PROBLEMS]])
        if (sheet.max_row or 0) > ROW_SCAN_LIMIT:
            raise _too_far_down(sheet.max_row)
        # Read every row there is: a workbook's stated size can be wrong, and
        # openpyxl would otherwise stop silently at it.
        sheet.reset_dimensions()
        return _sheet_to_csv(sheet)
    finally:
        book.close()


def _too_far_down(row: int) -> ImportError_:
    return ImportError_(
        f"The sheet has cells down to row {row:,}; the limit is {MAX_ROWS:,} "
        "posts. Delete the rows below your posts and save."
    )


def _open_archive(raw: bytes, filename: str) -> zipfile.ZipFile:
    if raw.startswith(OLE_MAGIC):
        if ENCRYPTED in raw:
            raise ImportError_(
                "The workbook is protected with a password, so it cannot be "
                "checked. Remove the password (File, Info, Protect Workbook), "
                "save it and upload it again."
            )
        raise ImportError_(f"This is an old Excel file (.xls). {SAVE_AS}")
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ImportError_(
            f"The file is not a real Excel workbook. {SAVE_AS}"
        ) from None
    names = {m.filename for m in members}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise ImportError_("The file is a zip file, not an Excel workbook. " + SAVE_AS)
    expanded = sum(m.file_size for m in members)
    if len(members) > MAX_MEMBERS or expanded > MAX_EXPANDED:
        raise ImportError_(
            f"The workbook expands to {expanded / 1024 / 1024:,.0f} MB, far more "
            "than 5,000 posts need, so it was not opened. Copy your posts into "
            "the template and upload that."
        )
    content_types = archive.read("[Content_Types].xml")
    if (
        "xl/vbaProject.bin" in names
        or b"macroEnabled" in content_types
        or filename.lower().endswith(".xlsm")
    ):
        raise ImportError_(
            "The workbook contains macros, which are not accepted. Save it as an "
            "'Excel Workbook (.xlsx)', which has no macros, and upload that."
        )
    if any(name.startswith("xl/externalLinks/") for name in names):
        raise ImportError_(
            "The workbook links to another workbook. In Excel choose Data, Edit "
            "Links, Break Link, then save and upload it again."
        )
    return archive


def _refuse_hidden_sheets(book) -> None:
    hidden = [ws.title for ws in book.worksheets if ws.sheet_state != "visible"]
    if hidden:
        raise ImportError_(
            f"The workbook has a hidden sheet ('{hidden[0]}'), which could hold "
            "posts you cannot see. Unhide it (right-click a sheet tab, Unhide) "
            "and delete it, or copy your posts into the template."
        )


def _merged_ranges(archive: zipfile.ZipFile, path: str) -> list[str]:
    """Merged ranges from the sheet's XML, read in chunks (they come after the
    cells, and read-only mode does not report them)."""
    found, tail = [], b""
    with archive.open(path) as source:
        while chunk := source.read(1024 * 1024):
            text = tail + chunk
            found.extend(m.decode() for m in MERGE.findall(text))
            tail = text[-200:]  # a tag split between chunks is found next time
    return list(dict.fromkeys(found))


def _merged_problem(ref: str) -> str:
    first = re.match(r"([A-Z]+)(\d+)", ref)
    letter, row = first.group(1), int(first.group(2))
    return str(
        Problem(
            row,
            letter,
            "",
            f"cells {ref} are merged. Unmerge them (Home, Merge & Center) so each "
            "value has its own cell.",
        )
    )


def _sheet_to_csv(sheet) -> str:
    out, writer = io.StringIO(), None
    header: list[str] = []
    problems: list[Problem] = []
    posts = pending_blank = 0
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        if number > ROW_SCAN_LIMIT:  # a cell exists here or further down
            raise _too_far_down(number)
        if not header:
            header = _header(cells)
            if header:
                writer = csv.writer(out)
                out.write("\r\n" * pending_blank)
                writer.writerow(header)
                pending_blank = 0
            else:
                pending_blank += 1
            continue
        values = _row_values(cells, header, number, problems)
        if not any(values):
            pending_blank += 1
            continue
        posts += 1
        if posts > MAX_ROWS:
            raise ImportError_(
                f"The sheet has more than {MAX_ROWS:,} rows of posts; the limit "
                f"is {MAX_ROWS:,}. Split it into smaller files."
            )
        out.write("\r\n" * pending_blank)
        pending_blank = 0
        writer.writerow(values)
        if len(problems) >= MAX_PROBLEMS:
            break
    if problems:
        raise CellProblems([str(p) for p in problems[:MAX_PROBLEMS]])
    if not header:
        raise ImportError_("The first sheet is empty")
    return out.getvalue()


def _header(cells) -> list[str]:
    """The heading row's column codes (ImportError_ if they do not match)."""
    texts = ["" if c.value is None else str(c.value).strip() for c in cells]
    while texts and not texts[-1]:
        texts.pop()
    return heading_codes(texts) if texts else []


def _row_values(cells, header, number, problems) -> list[str]:
    values = [""] * len(header)
    for cell in cells:
        if cell.value is None or cell.value == "":
            continue
        index = cell.column - 1
        if index >= len(header):
            problems.append(
                Problem(
                    number,
                    cell.column_letter,
                    "",
                    "has a value but the "
                    "column has no heading. Delete it or add the heading.",
                )
            )
            continue
        column = header[index]
        text, message = _cell_text(column, cell)
        if message:
            problems.append(
                Problem(number, cell.column_letter, COLUMN_LABELS[column], message)
            )
        values[index] = text
    return values


def _cell_text(column: str, cell) -> tuple[str, str]:
    """A cell as the text a CSV would hold, or a message saying why not."""
    value, kind = cell.value, cell.data_type
    if kind == "f" or isinstance(value, ArrayFormula | DataTableFormula):
        return "", "has a formula. Type the value itself: formulas are not run here."
    if kind == "e":
        return "", f"shows an error ({value}). Correct it or clear the cell."
    if column in DATE_COLUMNS:
        return _date_text(value)
    if column in NUMBER_COLUMNS:
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            kind_words = "a date" if isinstance(value, date) else "text"
            return "", (
                f"the number is stored as {kind_words} ('{value}'). Format the "
                "cell as a number and type it again."
            )
        return _number_text(value), ""
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), ""
    if isinstance(value, float | int | Decimal):
        return _number_text(value), ""
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d"), ""
    return str(value), ""


def _date_text(value) -> tuple[str, str]:
    if isinstance(value, datetime):
        return value.date().isoformat(), ""
    if isinstance(value, date):
        return value.isoformat(), ""
    if isinstance(value, str):
        return "", (
            f"the date is stored as text ('{value}'). Format the cell as a date "
            "and type it again, like 01/04/2024."
        )
    return "", (
        f"'{value}' is a number, not a date. Format the cell as a date and type "
        "it again, like 01/04/2024."
    )


def _number_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)
