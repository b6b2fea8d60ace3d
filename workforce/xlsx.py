"""Report tables as Excel workbooks (.xlsx): the same headers and cells as the
page and the CSV, numbers stored as numbers, a bold frozen header row and
columns wide enough to read. Text is always stored as text, so a cell that
starts with "=" is never a formula."""

import io
import re

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
PERCENT = re.compile(r"^[+-]?\d+(\.\d+)?%$")
MAX_WIDTH = 50


def _put(cell, value) -> None:
    text = "" if value is None else str(value)
    if NUMBER.match(text):
        cell.value = float(text) if "." in text else int(text)
        if "." in text:
            cell.number_format = "0." + "0" * len(text.split(".")[1])
    elif PERCENT.match(text):
        cell.value = float(text[:-1]) / 100
        cell.number_format = "0.0%" if "." in text else "0%"
    else:
        cell.value = text
        cell.data_type = "s"  # never a formula, whatever it starts with


def workbook_bytes(title: str, headers: list[str], rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = re.sub(r"[\[\]:*?/\\]", " ", title)[:31]
    for col, header in enumerate(headers, start=1):
        _put(sheet.cell(row=1, column=col), header)
        sheet.cell(row=1, column=col).font = Font(bold=True)
    for r, row in enumerate(rows, start=2):
        for col, value in enumerate(row, start=1):
            _put(sheet.cell(row=r, column=col), value)
    sheet.freeze_panes = "B2"  # the header row and the row labels stay in view
    for col, header in enumerate(headers, start=1):
        longest = max([len(str(header)), *(len(str(row[col - 1])) for row in rows)])
        letter = sheet.cell(row=1, column=col).column_letter
        sheet.column_dimensions[letter].width = min(longest + 2, MAX_WIDTH)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_response(filename: str, title: str, headers, rows) -> HttpResponse:
    response = HttpResponse(
        workbook_bytes(title, headers, rows), content_type=XLSX_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
