"""Each role logs in (the coordinator through MFA) and sees its own navigation."""

import re

import pytest

from tests.browser.conftest import axe_check
from tests.conftest import PASSWORD, current_totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def nav_labels(page) -> list[str]:
    return page.locator(".nhsuk-header__navigation-link").all_inner_texts()


def log_in(page, email: str) -> None:
    page.goto(page.base + "/accounts/login/")
    axe_check(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_anonymous_visitor_sees_public_home_page(site, trust_a):
    site.goto(site.base + "/")
    assert (
        site.get_by_role("heading", level=1).inner_text().startswith("Growing the peer")
    )
    assert "Trust A NHS Foundation Trust" in site.content()
    assert "Sign in" in site.locator(".nhsuk-header__account").inner_text()
    assert "People" not in nav_labels(site)
    axe_check(site)


def test_peer_worker_logs_in_and_sees_peer_navigation(site, peer_worker):
    log_in(site, peer_worker.email)
    site.wait_for_url("**/dashboard/")
    assert "Hello, Peer" in site.get_by_role("heading", level=1).inner_text()
    labels = nav_labels(site)
    assert "Home" in labels and "People" not in labels
    assert "Peer worker" in site.locator(".nhsuk-header__account").inner_text()


def test_trust_lead_logs_in_and_sees_their_trust(site, lead_a):
    log_in(site, lead_a.email)
    site.wait_for_url("**/dashboard/")
    assert "Trust lead, Trust A" in site.locator(".nhsuk-header__account").inner_text()
    assert "People" not in nav_labels(site)


def test_coordinator_logs_in_through_mfa_and_sees_coordinator_navigation(
    site, coordinator
):
    log_in(site, coordinator.email)
    site.wait_for_url("**/2fa/authenticate/**")
    axe_check(site)
    site.get_by_label("Authenticator code").fill(current_totp_code())
    site.get_by_role("button", name="Sign in").click()
    site.wait_for_url("**/dashboard/")
    assert "People" in nav_labels(site)
    assert "Network coordinator" in site.locator(".nhsuk-header__account").inner_text()


def test_coordinator_without_mfa_is_sent_to_set_it_up(site, coordinator_without_mfa):
    log_in(site, coordinator_without_mfa.email)
    site.wait_for_url(
        "**/accounts/reauthenticate/**"
    )  # allauth asks again before MFA setup
    assert "next=%2Faccounts%2F2fa%2Ftotp%2Factivate" in site.url
    axe_check(site)
    site.get_by_label("Password").fill(PASSWORD)
    site.get_by_role("button", name="Continue").click()
    site.wait_for_url("**/2fa/totp/activate/")
    axe_check(site)
    secret = re.search(r"\b[A-Z2-7]{32}\b", site.locator("main").inner_text()).group(0)
    site.get_by_label("Authenticator code").fill(current_totp_code(secret))
    site.get_by_role("button", name="Activate").click()
    site.wait_for_url("**/2fa/**")
    site.goto(site.base + "/dashboard/")
    assert site.url.endswith("/dashboard/")
    assert "People" in nav_labels(site)
