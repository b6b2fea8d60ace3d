"""Each role's work home in a real browser, axe-checked: every line's count is
right, its link lands on a page listing exactly those items, and acting on one
(recording progress, submitting a return, accepting an offer) removes it."""

import pytest
from django.core.cache import cache

from core import workhome
from core.notifications import LAST_SCAN_KEY
from tests.browser.conftest import axe_check
from tests.browser.test_login_by_role import log_in
from tests.conftest import current_totp_code
from tests.core import workhome_data as data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded(personas):
    # No reminder scan has run, so the coordinator sees the warning line. An
    # earlier committed test may have recorded one: the database cache's table
    # is not emptied between transactional tests.
    cache.delete(LAST_SCAN_KEY)
    workhome._bump()
    data.populate(
        1,
        coordinator=personas["coordinator"],
        lead=personas["lead_a"],
        peer=personas["peer_worker"],
        trust=personas["lead_a"].trust,
        other_trust=personas["lead_b"].trust,
    )
    return personas


def listed(page, url: str) -> int:
    """How many items the landing page lists."""
    if url.startswith("/dashboard/needs/"):
        return page.locator("#need-items li").count()
    if url.startswith("/network/actions/"):
        return page.locator("#actions tbody tr").count()
    if url.startswith("/notifications/"):
        return page.get_by_role("button", name="Send again").count()
    if url.startswith("/training/my/"):
        return page.get_by_role("button", name="Accept the place").count()
    raise AssertionError(f"no rule for counting items on {url}")


def lines(page) -> dict[str, tuple[int, str]]:
    found = {}
    for item in page.locator("#needs li").all():
        link = item.locator("a")
        found[item.get_attribute("data-need")] = (
            int(item.get_attribute("data-count")),
            link.get_attribute("href"),
        )
    return found


def check_every_line(page, expected_keys):
    page.goto(page.base + "/dashboard/")
    axe_check(page)
    shown = lines(page)
    assert list(shown) == expected_keys
    total = sum(n for n, _ in shown.values())
    assert page.locator("#work-count").inner_text().startswith(str(total))
    for key, (count, url) in shown.items():
        if key == "scan":
            continue  # a warning with a link to the outbox, not a list
        page.goto(page.base + url)
        axe_check(page)
        assert listed(page, url) == count, (key, url)
    return shown


def _sign_in_coordinator(site, email):
    log_in(site, email)
    site.wait_for_url("**/2fa/authenticate/**")
    site.get_by_label("Authenticator code").fill(current_totp_code())
    site.get_by_role("button", name="Sign in").click()
    site.wait_for_url("**/dashboard/")


def test_coordinator_sees_every_line_and_recording_progress_clears_one(site, seeded):
    _sign_in_coordinator(site, seeded["coordinator"].email)
    shown = check_every_line(site, ["scan", *data.COORDINATOR_LINES])
    site.goto(site.base + shown["actions-quiet"][1])
    site.locator("#actions tbody a").first.click()
    site.get_by_role("link", name="Post a progress update").click()
    axe_check(site)
    site.get_by_label("Progress note").fill("Draft shared with the group")
    site.get_by_role("button", name="Post update").click()
    site.goto(site.base + "/dashboard/")
    assert "actions-quiet" not in lines(site)


def test_trust_lead_sees_own_trust_lines_and_submitting_the_return_clears_it(
    site, seeded
):
    log_in(site, seeded["lead_a"].email)
    site.wait_for_url("**/dashboard/")
    shown = check_every_line(site, data.LEAD_LINES)
    site.goto(site.base + shown["my-returns"][1])
    site.locator("#need-items a").first.click()
    axe_check(site)
    site.get_by_role("button", name="submit").click()
    site.goto(site.base + "/dashboard/")
    assert "my-returns" not in lines(site)


def test_peer_worker_answers_the_offer_first_and_it_leaves_the_home(site, seeded):
    log_in(site, seeded["peer_worker"].email)
    site.wait_for_url("**/dashboard/")
    shown = check_every_line(site, data.PEER_LINES)
    site.goto(site.base + "/dashboard/")
    assert "answer by" in site.locator("#needs li").first.inner_text()
    site.goto(site.base + shown["offers"][1])
    site.get_by_role("button", name="Accept the place").click()
    axe_check(site)
    site.goto(site.base + "/dashboard/")
    assert "offers" not in lines(site)
