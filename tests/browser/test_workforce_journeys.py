"""Workforce journeys in a real browser, each page checked with axe."""

from datetime import date

import pytest

from tests.browser.conftest import axe_check, fill_date
from tests.browser.test_login_by_role import log_in
from tests.workforce.conftest import make_post
from workforce.models import ImplementationChecklistItem
from workforce.reference import seed_checklist_items

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = (
    "local_ref,trust,job_title,role_type,band,wte,delivery_model,setting,"
    "lived_experience_basis,contract_type,funding_source,status,status_effective_date"
)
GOOD_ROW = "IMP-1,Trust A,Peer Support Worker – Perinatal,psw,Band 3,1.00,embedded_in_team,perinatal,service_user,permanent,trust_baseline,filled,2024-04-01"


def csv_file(*rows):
    return {
        "name": "posts.csv",
        "mimeType": "text/csv",
        "buffer": "\n".join([HEADER, *rows]).encode(),
    }


def filled_cell(page) -> str:
    row = page.locator("#by-status tr", has_text="Filled")
    return row.locator("td").first.inner_text()


def dashboard_filled(page, query="") -> str:
    page.goto(page.base + "/workforce/dashboard/" + query)
    axe_check(page)
    return filled_cell(page)


def test_trust_lead_adds_fills_imports_and_sees_the_dashboard_change(
    site, lead_a, trust_b
):
    other = make_post(trust_b, local_ref="B-1")
    log_in(site, lead_a.email)
    site.wait_for_url("**/dashboard/")
    assert dashboard_filled(site) == "0"

    site.get_by_role("link", name="Posts", exact=True).first.click()
    axe_check(site)
    site.get_by_role("button", name="Add a post").click()
    axe_check(site)
    site.get_by_label("Local reference").fill("A-NEW")
    site.get_by_label("Job title").fill("Peer Support Worker – Crisis Team")
    site.get_by_label("Role type").select_option("psw")
    site.get_by_label("Band").select_option("afc_3")
    site.get_by_label("WTE").fill("0.8")
    site.get_by_label("Delivery model").select_option("embedded_in_team")
    site.get_by_label("Setting", exact=True).select_option("crisis")
    site.get_by_label("Lived experience basis").select_option("service_user")
    site.get_by_label("Contract type").select_option("permanent")
    site.get_by_label("Funding source").select_option("trust_baseline")
    site.get_by_label("Current status").select_option("funded")
    fill_date(site, "Status since", date(2025, 1, 6))
    site.get_by_role("button", name="Save").click()
    site.get_by_role(
        "heading", level=1, name="Peer Support Worker – Crisis Team"
    ).wait_for()
    axe_check(site)

    for status, day in (("Recruiting", date(2025, 2, 3)), ("Filled", date(2025, 5, 1))):
        site.get_by_role("button", name="Change status").click()
        axe_check(site)
        site.get_by_label(status, exact=True).check()
        fill_date(site, "Date the change took effect", day)
        site.get_by_role("button", name="Save").click()
        site.get_by_text("Status changed").wait_for()
    assert "Filled" in site.locator("main").inner_text()

    site.goto(site.base + "/workforce/posts/import/")
    axe_check(site)
    bad = GOOD_ROW.replace("1.00", "3.00")
    site.get_by_label("Excel or CSV file").set_input_files(csv_file(bad))
    site.get_by_role("button", name="Upload and check").click()
    site.get_by_text("Nothing has been imported").wait_for()
    axe_check(site)
    assert "WTE" in site.locator("table").inner_text()
    assert "Error: " in site.title()

    site.get_by_role("button", name="Upload a corrected file").click()
    site.get_by_label("Excel or CSV file").set_input_files(csv_file(GOOD_ROW))
    site.get_by_role("button", name="Upload and check").click()
    axe_check(site)
    site.get_by_role("button", name="Import 1 row").click()
    site.get_by_text("Imported: 1 added").wait_for()
    axe_check(site)

    # exact for the lead's own trust; the whole region is rounded to 5
    assert dashboard_filled(site, f"?trust={lead_a.trust_id}") == "2"
    assert dashboard_filled(site) == "0"

    response = site.goto(site.base + f"/workforce/posts/{other.pk}/")
    assert response.status == 404
    axe_check(site)


def test_public_dashboard_rounds_small_numbers(site, trust_a):
    for n in range(3):
        make_post(trust_a, local_ref=f"F-{n}", status="filled")
    assert dashboard_filled(site) == "5"
    site.get_by_text("Filter the figures").click()
    fill_date(site, "As at", date(2023, 1, 1))
    site.get_by_role("button", name="Apply filters").click()
    axe_check(site)
    assert "as at 1 January 2023" in site.locator("main").inner_text()
    assert filled_cell(site) == "0"


def test_trust_lead_updates_readiness_checklist(site, lead_a, trust_a):
    # Transactional tests flush the table the data migration filled.
    seed_checklist_items(ImplementationChecklistItem)
    log_in(site, lead_a.email)
    site.wait_for_url("**/dashboard/")
    site.goto(site.base + "/workforce/readiness/")
    axe_check(site)
    site.get_by_role("link", name="Update P1.1").click()
    axe_check(site)
    site.get_by_label("In place").check()
    site.get_by_label("Evidence note").fill("Board paper, March 2025")
    site.get_by_role("button", name="Save").click()
    site.get_by_text("P1.1 updated").wait_for()
    axe_check(site)
    assert "11% in place (1 of 9" in site.locator("main").inner_text()
