"""A coordinator reviews the region: exact figures, readiness, and a quarterly return."""

from datetime import date

import pytest

from tests.browser.conftest import axe_check
from tests.browser.test_login_by_role import log_in
from tests.conftest import current_totp_code
from tests.workforce.conftest import make_post
from workforce.models import ImplementationChecklistItem, WorkforceReturn
from workforce.reference import seed_checklist_items

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_sees_exact_figures_and_confirms_a_return(
    site, coordinator, trust_a, lead_a
):
    seed_checklist_items(ImplementationChecklistItem)
    make_post(trust_a, status="filled")
    ret = WorkforceReturn.objects.create(
        trust=trust_a,
        period="2025-Q1",
        snapshot_date=date(2025, 6, 30),
        due_date=date(2025, 7, 15),
        status="submitted",
    )
    log_in(site, coordinator.email)
    site.wait_for_url("**/2fa/authenticate/**")
    site.get_by_label("Authenticator code").fill(current_totp_code())
    site.get_by_role("button", name="Sign in").click()
    site.wait_for_url("**/dashboard/")

    site.get_by_role("link", name="Workforce", exact=True).first.click()
    axe_check(site)
    assert (
        site.locator("#by-status tr", has_text="Filled")
        .locator("td")
        .first.inner_text()
        == "1"
    )

    site.goto(site.base + "/workforce/readiness/")
    axe_check(site)
    assert "Trust A" in site.locator("table").inner_text()

    site.goto(site.base + "/workforce/returns/")
    axe_check(site)
    site.get_by_role("link", name="2025-Q1 Trust A").click()
    axe_check(site)
    site.get_by_role("button", name="Confirm return").click()
    site.get_by_text("confirmed").first.wait_for()
    axe_check(site)
    ret.refresh_from_db()
    assert ret.status == "confirmed"
    site.goto(site.base + "/workforce/dashboard/")
    assert "30 June 2025" in site.locator("#returns").inner_text()


def test_coordinator_downloads_the_board_pack_in_one_click(site, coordinator, trust_a):
    """Choose a quarter on the returns page, one click: a PDF with its figures."""
    import subprocess

    from django.utils import timezone

    from workforce.boardpack import quarter_start
    from workforce.reports import last_quarter_end, quarter_of

    end = last_quarter_end(timezone.localdate())
    earlier = last_quarter_end(quarter_start(end))  # the quarter before
    make_post(trust_a, status="filled", status_effective_date=quarter_start(earlier))
    log_in(site, coordinator.email)
    site.wait_for_url("**/2fa/authenticate/**")
    site.get_by_label("Authenticator code").fill(current_totp_code())
    site.get_by_role("button", name="Sign in").click()
    site.wait_for_url("**/dashboard/")
    site.goto(site.base + "/workforce/returns/")
    axe_check(site)
    site.locator("#id_pack_quarter_end").select_option(earlier.isoformat())
    with site.expect_download(timeout=60_000) as download_info:
        button = site.get_by_role("button", name="Download the board pack (PDF)")
        button.click(no_wait_after=True)
    download = download_info.value
    assert download.suggested_filename == (
        f"board-pack-{quarter_of(earlier)}-regional.pdf"
    )
    text = subprocess.run(
        ["pdftotext", "-layout", download.path(), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f"Quarterly board pack: {quarter_of(earlier)}" in text
    assert " ".join(text.split()).count("Trust A 0 0 0 1 0 0 1.00 1.00 0.0%") == 1
