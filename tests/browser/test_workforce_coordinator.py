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
