"""A trust lead downloads the register as Excel, edits it, imports it, checks
the preview and confirms (issue 21, item 5)."""

import os
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tests.browser.conftest import axe_check
from tests.browser.test_login_by_role import log_in
from tests.workforce.conftest import make_post
from workforce.models import Post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("A11Y_SCREENSHOTS")


def _shot(page, name: str) -> None:
    """Screenshots for a person to look at, when A11Y_SCREENSHOTS names a folder."""
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})


def test_trust_lead_edits_the_register_in_excel_and_imports_it(
    site, lead_a, trust_a, tmp_path
):
    make_post(trust_a, local_ref="A-1", job_title="Peer Support Worker – Crisis")
    make_post(trust_a, local_ref="A-2", job_title="Peer Support Worker – Ward")
    log_in(site, lead_a.email)
    site.wait_for_url("**/dashboard/")
    site.goto(site.base + "/workforce/posts/")
    with site.expect_download() as download:
        site.get_by_role("link", name="Excel (.xlsx)").click()
    path = tmp_path / "register.xlsx"
    download.value.save_as(path)

    book = load_workbook(path)
    sheet = book["Posts"]
    headings = [c.value for c in sheet[1]]
    a1 = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "A-1")
    a1[headings.index("WTE")].value = 0.6
    a1[headings.index("Band")].value = "Band 4"
    new = [c.value for c in a1]
    new[0], new[headings.index("Job title")] = "A-3", "Peer Support Worker – Perinatal"
    sheet.append(new)
    book.save(path)

    site.goto(site.base + "/workforce/posts/import/")
    axe_check(site)
    _shot(site, "import-upload")
    site.get_by_label("Excel or CSV file").set_input_files(path)
    site.get_by_role("button", name="Upload and check").click()
    site.get_by_role("heading", name="Posts to update").wait_for()
    axe_check(site)
    _shot(site, "import-preview")
    added = site.get_by_role("region", name="Posts to add").inner_text()
    assert "A-3" in added and "Peer Support Worker – Perinatal" in added
    changes = site.get_by_role("region", name="Posts to update, with each change")
    # Read as a screen reader hears it, and as it looks (the arrow is hidden
    # from screen readers, the words "changes to" from the eye).
    heard = " ".join(changes.inner_text().replace("→", "").split())
    seen = " ".join(changes.inner_text().replace("changes to", "").split())
    assert "Band: Band 3 changes to Band 4" in heard
    text = seen
    assert "Band: Band 3 → Band 4" in text and "WTE: 1.00 → 0.6" in text
    assert "A-2" not in text  # unchanged rows are only counted
    assert not Post.objects.filter(local_ref="A-3").exists()

    site.get_by_role("button", name="Import 3 rows").click()
    site.get_by_text("Imported: 1 added, 1 updated, 1 unchanged").wait_for()
    axe_check(site)
    a1 = Post.objects.get(local_ref="A-1")
    assert (a1.wte, a1.band) == (Decimal("0.60"), "afc_4")
    assert Post.objects.get(local_ref="A-3").trust == trust_a


def test_a_formula_in_the_workbook_is_refused_with_its_cell(
    site, lead_a, trust_a, tmp_path
):
    make_post(trust_a, local_ref="A-1")
    log_in(site, lead_a.email)
    site.wait_for_url("**/dashboard/")
    site.goto(site.base + "/workforce/posts/import/")
    with site.expect_download() as download:
        site.get_by_role("link", name="Download the Excel template").click()
    path = tmp_path / "template.xlsx"
    download.value.save_as(path)
    book = load_workbook(path)
    book["Posts"]["C2"] = "=A2&B2"
    book["Posts"]["C3"] = "=1+1"
    book.save(path)
    site.get_by_label("Excel or CSV file").set_input_files(path)
    site.get_by_role("button", name="Upload and check").click()
    site.get_by_role("heading", name="Cells to correct").wait_for()
    axe_check(site)
    _shot(site, "import-cell-problems")
    assert "Error: " in site.title()
    main = site.locator("main").inner_text()
    assert "Row 2, column C (Job title): has a formula" in main
    assert Post.objects.count() == 1
