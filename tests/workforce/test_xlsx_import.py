"""Excel (.xlsx) in and out: the same checks, preview and all-or-nothing save as
CSV, and every kind of unsafe or misleading workbook refused with a clear
message naming the row and column, with nothing saved (issue 21, item 5)."""

import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from audit.models import AuditEvent
from tests.workforce.conftest import make_post
from tests.workforce.test_csv_import import GOOD
from workforce.csvimport import COLUMNS, LABELS
from workforce.models import Post, PostImport

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def good_values(ref: str, **extra) -> list:
    values = {**GOOD, "local_ref": ref, "wte": 1, **extra}
    values["status_effective_date"] = extra.get(
        "status_effective_date", date(2024, 4, 1)
    )
    return [values.get(c) for c in COLUMNS]


def workbook(*rows, headings=LABELS, build=None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Posts"
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    if build:
        build(book, sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, content: bytes, name="posts.xlsx"):
    return client.post(
        reverse("workforce:import-upload"),
        {"file": SimpleUploadedFile(name, content, XLSX)},
    )


def refused(client, content: bytes, name="posts.xlsx") -> str:
    """The page's text after a refused upload; nothing was staged or saved."""
    response = upload(client, content, name)
    assert response.status_code == 200, response.get("Location")
    assert not PostImport.objects.exists() and not Post.objects.exists()
    return " ".join(response.content.decode().split())


def test_an_xlsx_previews_then_saves_every_row_like_a_csv(login, lead_a, trust_a):
    client = login(lead_a)
    response = upload(
        client,
        workbook(good_values("X1"), good_values("X2", wte=0.6, band="afc_4")),
    )
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert preview.context["counts"] == {"create": 2, "update": 0, "unchanged": 0}
    assert not Post.objects.exists()
    staged = PostImport.objects.get()
    client.post(reverse("workforce:import-confirm", args=[staged.pk]))
    assert {(p.local_ref, p.wte, p.band) for p in Post.objects.all()} == {
        ("X1", Decimal("1.00"), "afc_3"),
        ("X2", Decimal("0.60"), "afc_4"),
    }


def test_a_bad_row_in_an_xlsx_stops_the_whole_file_with_its_row_number(
    login, lead_a, trust_a
):
    client = login(lead_a)
    content = workbook(good_values("X1"), [], good_values("X2", band="Band 12"))
    preview = client.get(upload(client, content)["Location"])
    errors = [
        (r.number, e[0]) for r in preview.context["check"].error_rows for e in r.errors
    ]
    assert errors == [(4, "band")]  # the blank row 3 still counts
    staged = PostImport.objects.get()
    client.post(reverse("workforce:import-confirm", args=[staged.pk]))
    assert not Post.objects.exists()


def _formula(book, sheet):
    sheet["C2"] = '=HYPERLINK("http://evil.example","Peer worker")'


def _merged(book, sheet):
    sheet.merge_cells("C2:D2")


def _text_date(book, sheet):
    sheet["P2"] = "01/04/2024"
    sheet["P2"].data_type = "s"


def _text_number(book, sheet):
    sheet["F2"] = "0.6"
    sheet["F2"].data_type = "s"


def _hidden(book, sheet):
    book.create_sheet("Old posts").sheet_state = "hidden"


def _beyond_headings(book, sheet):
    sheet["V2"] = "secret"


@pytest.mark.parametrize(
    "build, message",
    [
        (
            _formula,
            "Row 2, column C (Job title): has a formula. Type the value itself: "
            "formulas are not run here.",
        ),
        (
            _merged,
            "Row 2, column C: cells C2:D2 are merged. Unmerge them",
        ),
        (
            _text_date,
            "Row 2, column P (Status since): the date is stored as text "
            "(&#x27;01/04/2024&#x27;). Format the cell as a date",
        ),
        (
            _text_number,
            "Row 2, column F (WTE): the number is stored as text "
            "(&#x27;0.6&#x27;). Format the cell as a number",
        ),
        (_hidden, "The workbook has a hidden sheet (&#x27;Old posts&#x27;)"),
        (
            _beyond_headings,
            "Row 2, column V: has a value but the column has no heading",
        ),
    ],
)
def test_misleading_cells_are_refused_naming_row_and_column(
    login, lead_a, trust_a, build, message
):
    page = refused(login(lead_a), workbook(good_values("X1"), build=build))
    assert message in page


def test_many_cell_problems_are_all_listed(login, lead_a, trust_a):
    def formulas(book, sheet):
        for row in (2, 3, 4):
            sheet[f"E{row}"] = "=1+1"

    rows = [good_values(f"X{n}") for n in range(3)]
    page = refused(login(lead_a), workbook(*rows, build=formulas))
    assert "3 cells need correcting" in page
    for row in (2, 3, 4):
        assert f"Row {row}, column E (Band): has a formula" in page


def _zip(members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _with_member(content: bytes, name: str, data: bytes, types: bytes = b"") -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    members = {n: source.read(n) for n in source.namelist()}
    members[name] = data
    if types:
        members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
            b"</Types>", types + b"</Types>"
        )
    return _zip(members)


def _ole(*streams: str) -> bytes:
    """The start of an OLE compound file naming its streams, as an encrypted
    Office file or an old .xls is."""
    names = b"".join(s.encode("utf-16-le") + b"\x00\x00" for s in streams)
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + names


@pytest.mark.parametrize(
    "content, name, message",
    [
        (
            _zip({"notes.txt": b"hello", "photo.jpg": b"\xff\xd8"}),
            "posts.xlsx",
            "The file is a zip file, not an Excel workbook",
        ),
        (b"%PDF-1.7 not a workbook", "posts.xlsx", "not a real Excel workbook"),
        (
            _ole("EncryptionInfo", "EncryptedPackage"),
            "posts.xlsx",
            "The workbook is protected with a password",
        ),
        (_ole("Workbook"), "posts.xls", "This is an old Excel file (.xls)"),
    ],
)
def test_files_that_are_not_plain_workbooks_are_refused(
    login, lead_a, content, name, message
):
    assert message in refused(login(lead_a), content, name)


def test_a_macro_enabled_workbook_is_refused(login, lead_a, trust_a):
    content = _with_member(
        workbook(good_values("X1")),
        "xl/vbaProject.bin",
        b"\xd0\xcf\x11\xe0 macro",
        b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>',
    )
    for name in ("posts.xlsx", "posts.xlsm"):
        assert "The workbook contains macros" in refused(login(lead_a), content, name)


def test_a_workbook_linking_to_another_is_refused(login, lead_a, trust_a):
    content = _with_member(
        workbook(good_values("X1")),
        "xl/externalLinks/externalLink1.xml",
        b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
    )
    assert "links to another workbook" in refused(login(lead_a), content)


def test_a_zip_bomb_is_refused_from_its_directory_without_expanding(login, lead_a):
    base = workbook(good_values("X1"))
    bomb = _with_member(base, "xl/media/padding.bin", b"\x00" * (60 * 1024 * 1024))
    assert len(bomb) < 2 * 1024 * 1024  # it uploads: the limit is on what it holds
    page = refused(login(lead_a), bomb)
    assert "The workbook expands to 60 MB" in page


def _long_sheet(rows: range, dimension: int) -> bytes:
    """A valid workbook with one cell in each of `rows`, whose stated size
    (<dimension>) ends at row `dimension`, written as raw XML."""
    base = zipfile.ZipFile(io.BytesIO(workbook()))
    members = {n: base.read(n) for n in base.namelist()}
    body = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>R{r}</t></is></c></row>'
        for r in rows
    )
    sheet = members["xl/worksheets/sheet1.xml"].decode()
    assert '<dimension ref="A1:T1" />' in sheet
    sheet = sheet.replace(
        '<dimension ref="A1:T1" />', f'<dimension ref="A1:T{dimension}" />'
    )
    members["xl/worksheets/sheet1.xml"] = sheet.replace(
        "</sheetData>", body + "</sheetData>"
    ).encode()
    return _zip(members)


def test_a_sheet_reaching_row_1048576_is_refused_before_reading_it(login, lead_a):
    content = _long_sheet(range(1_048_576, 1_048_577), dimension=1_048_576)
    page = refused(login(lead_a), content)
    assert "The sheet has cells down to row 1,048,576; the limit is 5,000" in page


def test_a_sheet_whose_stated_size_hides_rows_is_read_to_its_end(login, lead_a):
    content = _long_sheet(range(1_048_576, 1_048_577), dimension=1)
    page = refused(login(lead_a), content)
    assert "The sheet has cells down to row 20,001; the limit is 5,000" in page


def test_a_full_million_row_workbook_is_refused_by_its_size(login, lead_a):
    content = _long_sheet(range(2, 1_048_577), dimension=1_048_576)
    page = refused(login(lead_a), content)
    assert f"The file is {len(content) / 1024 / 1024:.1f} MB; the limit is 2 MB" in page


def test_more_rows_than_the_limit_are_refused(login, lead_a):
    page = refused(login(lead_a), _long_sheet(range(2, 5_003), dimension=1))
    assert "The sheet has more than 5,000 rows of posts" in page


def test_the_register_downloads_as_xlsx_and_imports_back_unchanged(
    login, lead_a, trust_a, post_b
):
    make_post(trust_a, local_ref="E1", band="afc_8a", wte=Decimal("0.60"))
    make_post(trust_a, local_ref="E2", job_title="=legacy formula text")
    client = login(lead_a)
    response = client.get(reverse("workforce:post-export-xlsx"))
    assert response["Content-Type"] == XLSX
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.EXPORT, details__url_name="workforce:post-export-xlsx"
    ).exists()
    book = load_workbook(io.BytesIO(response.content))
    posts = book["Posts"]
    rows = list(posts.values)
    assert list(rows[0]) == LABELS and len(rows) == 3  # not Trust B's post
    assert posts.freeze_panes == "A2" and posts["A1"].font.b
    assert posts.column_dimensions["C"].width >= 30
    legacy = next(r for r in rows if r[0] == "E2")
    assert legacy[2] == "=legacy formula text" and posts["C3"].data_type == "s"
    e1 = next(r for r in rows if r[0] == "E1")
    assert e1[4] == "Band 8a" and e1[5] == 0.6
    # Importing it back: the plain post is unchanged; the legacy formula-like
    # title gets the one formula rule's message, not a silent change.
    preview = client.get(upload(client, response.content)["Location"])
    check = preview.context["check"]
    assert [(r.values["local_ref"], r.errors[0][0]) for r in check.error_rows] == [
        ("E2", "job_title")
    ]
    Post.objects.filter(local_ref="E2").update(job_title="Peer worker")
    response = client.get(reverse("workforce:post-export-xlsx"))
    preview = client.get(upload(client, response.content)["Location"])
    assert preview.context["counts"] == {"create": 0, "update": 0, "unchanged": 2}


def test_the_template_has_drop_downs_of_allowed_values_and_help(login, lead_a, trust_a):
    response = login(lead_a).get(reverse("workforce:import-template-xlsx"))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Posts", "Help"]
    assert all(ws.sheet_state == "visible" for ws in book.worksheets)
    posts, help_sheet = book["Posts"], book["Help"]
    assert [c.value for c in posts[1]] == LABELS and posts.freeze_panes == "A2"
    lists = {str(rule.sqref)[0]: rule for rule in posts.data_validations.dataValidation}
    band = lists["E"]
    assert band.type == "list" and band.showErrorMessage
    start, end = band.formula1.split("!")[1].replace("$", "").split(":")
    letter, last = (
        start.rstrip("0123456789"),
        int(end.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")),
    )
    values = [help_sheet[f"{letter}{r}"].value for r in range(2, last + 1)]
    assert values[:3] == ["Volunteer (unbanded)", "Band 2", "Band 3"]
    trust_column = lists["B"].formula1.split("!")[1].split(":")[0].replace("$", "")
    assert help_sheet[trust_column].value == trust_a.name
    guide = {
        r[0]: r for r in help_sheet.iter_rows(min_row=2, max_col=4, values_only=True)
    }
    assert "Band 8a = afc_8a" in guide["Band"][3]
    assert lists["F"].type == "decimal" and lists["P"].type == "date"
