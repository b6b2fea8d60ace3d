"""Browser journeys for the security pages: my data, closing an account, audit.

Real Chromium against the live server, with axe on every page visited.
"""

import json

import pytest

from tests.browser import conftest as browser
from tests.browser.conftest import axe_check
from tests.conftest import PASSWORD, current_totp_code

# The browser fixtures live in tests/browser/conftest.py; make them visible here.
site = browser.site
browser_type_launch_args = browser.browser_type_launch_args

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, email: str) -> None:
    page.goto(page.base + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_peer_worker_downloads_their_data_then_closes_their_account(site, peer_worker):
    sign_in(site, peer_worker.email)
    site.wait_for_url("**/dashboard/")
    site.goto(site.base + "/accounts/my-data/")
    axe_check(site)
    with site.expect_download() as download:
        site.get_by_role("button", name="Download my data").click()
    data = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert data["profile"]["email"] == peer_worker.email

    site.get_by_role("link", name="Close my account").click()
    site.wait_for_url("**/reauthenticate/**")
    axe_check(site)
    site.get_by_label("Your password").fill(PASSWORD)
    site.get_by_role("button", name="Continue").click()
    site.wait_for_url("**/my-data/close/")
    axe_check(site)
    site.get_by_role("button", name="Close my account").click()
    assert site.title().startswith("Error: ")
    assert "Tick the box" in site.content()
    axe_check(site)
    site.get_by_label("I understand").check()
    site.get_by_role("button", name="Close my account").click()
    site.wait_for_url(site.base + "/")
    assert "Your account is closed" in site.content()

    sign_in(site, peer_worker.email)
    assert "/dashboard/" not in site.url


def test_coordinator_searches_the_audit_trail(site, coordinator):
    sign_in(site, coordinator.email)
    site.wait_for_url("**/2fa/authenticate/**")
    site.get_by_label("Authenticator code").fill(current_totp_code())
    site.get_by_role("button", name="Sign in").click()
    site.wait_for_url("**/dashboard/")
    site.goto(site.base + "/audit/")
    axe_check(site)
    site.get_by_text("Search the audit trail").click()
    site.get_by_label("Event", exact=True).select_option(label="Signed in")
    site.get_by_role("button", name="Search").click()
    assert "coordinator@example.test" in site.locator("table").inner_text()
    axe_check(site)
