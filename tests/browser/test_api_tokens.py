"""A trust lead creates an API token, uses it from a script, then revokes it;
the public reads the API reference page."""

import re
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_check
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def status_of(url: str, token: str) -> int:
    """What a script (no browser cookies) gets with the token."""
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def log_in(page, user) -> None:
    page.goto(page.base + "/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/dashboard/")


def test_trust_lead_creates_uses_and_revokes_a_token(site, lead_a):
    from api.models import ApiToken

    log_in(site, lead_a)
    site.goto(site.base + "/api/tokens/")
    axe_check(site)
    site.get_by_role("button", name="Create token").click()
    # Creating a token asks "confirm it is you" first, then carries on.
    expect(site).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    axe_check(site)
    site.get_by_label("Your password").fill(PASSWORD)
    site.get_by_role("button", name="Continue").click()
    expect(site).to_have_title(re.compile(r"^Error: "))
    expect(site.get_by_text("Enter a name for the token").first).to_be_visible()
    axe_check(site)

    site.get_by_label("Token name").fill("ESR export")
    site.get_by_role("button", name="Create token").click()
    raw = site.get_by_label("Your new token").input_value()
    assert raw.startswith("nwpsw_")
    axe_check(site)

    api = site.base + "/api/v1/posts/"
    assert status_of(api, raw) == 200
    site.reload()  # the token is not shown again, and no second one is made
    assert raw not in site.content()
    assert ApiToken.objects.get().last_used_at is not None

    site.get_by_role("link", name="Revoke ESR export").click()
    site.get_by_role("heading", name=re.compile("Are you sure")).wait_for()
    axe_check(site)
    site.get_by_role("button", name="Yes, revoke the token").click()
    expect(site.get_by_text("Revoked", exact=False).first).to_be_visible()
    axe_check(site)
    assert status_of(api, raw) == 401


def test_visitor_reads_the_api_reference(site):
    site.goto(site.base + "/api/docs/")
    assert site.get_by_role("heading", level=1).inner_text().endswith("API")
    expect(site.get_by_role("heading", name="Posts", exact=True)).to_be_visible()
    axe_check(site)
