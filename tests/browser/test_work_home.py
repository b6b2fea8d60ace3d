"""Each role's work home in a real browser, axe-checked, with at least one item
in every line: each line's count is right, its link lands on a page listing
exactly those items, and acting on one item of the line (recording progress,
confirming a return, accepting an offer…) takes it off the home.

Efficient by design (CI runs these twice): per role one set of rows, the home
loaded once before and once after, and for each line one load of its list
page followed by the clicks that act on its first item."""

import re
from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.utils import timezone

from core import workhome_cache
from core.notifications import LAST_SCAN_KEY
from tests.browser.conftest import axe_check, fill_date
from tests.browser.test_login_by_role import log_in
from tests.conftest import current_totp_code
from tests.home import workhome_data as data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded(personas):
    # No reminder scan has run, so the coordinator sees the warning line. An
    # earlier committed test may have recorded one: the database cache's table
    # is not emptied between transactional tests.
    cache.delete(LAST_SCAN_KEY)
    workhome_cache.generations.bump()
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
    page.goto(page.base + "/dashboard/")
    found = {}
    for item in page.locator("#needs li").all():
        link = item.locator("a")
        found[item.get_attribute("data-need")] = (
            int(item.get_attribute("data-count")),
            link.get_attribute("href"),
        )
    return found


def check_and_act_on_every_line(page, expected_keys, acts: dict[str, Callable]):
    """Counts, list pages and one act per line, in the order of `acts` (so an
    act never changes a line still to be checked); returns (before, after)."""
    before = lines(page)
    axe_check(page)
    assert list(before) == expected_keys
    total = sum(n for n, _ in before.values())
    assert page.locator("#work-count").inner_text().startswith(str(total))
    assert set(acts) == set(before) - {"scan"}  # every list line is acted on
    for key, act in acts.items():
        count, url = before[key]
        page.goto(page.base + url)
        axe_check(page)
        assert listed(page, url) == count, (key, url)
        act(page)
    return before, lines(page)


def fewer(before, after, *, change=None):
    """Every line acted on lost one item (a line of one item is gone), but for
    the lines in `change`, which other acts also feed."""
    change = {"scan": 0, **(change or {})}
    for key, (count, _) in before.items():
        now = after.get(key, (0, ""))[0]
        assert now == count + change.get(key, -1), (key, count, now)


def first_item(page):
    page.locator("#need-items a").first.click()
    axe_check(page)


def post_progress(status: str = "", note: str = "Draft shared with the group"):
    def act(page):
        page.locator("#actions tbody a").first.click()
        page.get_by_role("link", name="Post a progress update").click()
        axe_check(page)
        page.get_by_label("Progress note").fill(note)
        if status:
            page.get_by_label("Status").select_option(label=status)
        page.get_by_role("button", name="Post update").click()
        expect_success(page)

    return act


def from_list_progress(status: str):
    """An action listed on the line's own list page: complete it."""

    def act(page):
        first_item(page)
        page.get_by_role("link", name="Post a progress update").click()
        page.get_by_label("Progress note").fill("Finished and shared")
        page.get_by_label("Status").select_option(label=status)
        page.get_by_role("button", name="Post update").click()
        expect_success(page)

    return act


def click(name: str, *, first_item_first: bool = True):
    def act(page):
        if first_item_first:
            first_item(page)
        page.get_by_role("button", name=name).first.click()
        expect_success(page)

    return act


def expect_success(page):
    """The act worked: a success banner, no error summary or error banner."""
    assert page.locator(".nhsuk-error-summary").count() == 0, page.url
    banner = page.locator(".nhsuk-notification-banner--success")
    assert banner.count() == 1, page.url


def _sign_in_coordinator(site, email):
    log_in(site, email)
    site.wait_for_url("**/2fa/authenticate/**")
    site.get_by_label("Authenticator code").fill(current_totp_code())
    site.get_by_role("button", name="Sign in").click()
    site.wait_for_url("**/dashboard/")


def _today() -> str:
    return f"{timezone.localdate():%-d %B %Y}"


def _write_minutes(page):
    first_item(page)
    page.get_by_role("link", name="Write the minutes").click()
    axe_check(page)
    page.get_by_label("Minutes").fill("We met and agreed the plan.")
    page.get_by_role("button", name="Save draft minutes").click()
    expect_success(page)


def _approve_minutes(page):
    first_item(page)
    page.get_by_role("link", name="Record approval of the minutes").click()
    approving = page.get_by_label("Meeting that approved these minutes")
    approving.select_option(index=1)  # the held meeting after this one
    page.get_by_role("button", name="Approve minutes").click()
    expect_success(page)


def _chase_a_return_round(page):
    page.goto(page.base + "/workforce/returns/")
    page.get_by_role("link", name=re.compile("Chase the rest")).first.click()
    axe_check(page)
    page.get_by_role("button", name="Send reminders").click()
    expect_success(page)
    assert "Not chased yet" not in page.locator("#chase-recipients").inner_text()


def _review_tor(page):
    first_item(page)
    page.get_by_role("link", name="Record a review with no changes").click()
    fill_date(page, "Date of the review", timezone.localdate())
    page.get_by_role("button", name="Record review").click()
    expect_success(page)


def _invite_lead_for_first_trust(page):
    trust = page.locator("#need-items a").first.inner_text()
    page.goto(page.base + "/accounts/people/invite/")
    page.get_by_label("Full name").fill("New Lead")
    page.get_by_label("Email").fill("new.lead@example.test")
    page.get_by_label("Trust lead", exact=True).check()
    page.get_by_label("Trust (for trust leads)").select_option(label=trust)
    page.get_by_role("button", name=re.compile("invitation", re.I)).click()
    expect_success(page)


def test_coordinator_sees_every_line_acts_on_each_and_it_leaves(site, seeded):
    _sign_in_coordinator(site, seeded["coordinator"].email)
    acts = {
        "actions-overdue": post_progress(status="Completed"),
        "actions-quiet": post_progress(),
        "emails-failed": lambda p: (
            p.get_by_role("button", name="Send again").first.click(),
            expect_success(p),
        ),
        # Approve first: writing minutes for the held meeting adds a draft.
        "minutes-draft": _approve_minutes,
        "minutes-not-drafted": _write_minutes,
        "returns-submitted": click("Confirm return"),
        "returns-overdue": lambda p: _chase_a_return_round(p),
        "proposals": click("Approve and publish"),
        "consultations-closing": click("Close consultation and revise"),
        "tor-review": _review_tor,
        "standards-review": click("Confirm unchanged after review"),
        "trusts-without-lead": _invite_lead_for_first_trust,
        "invitations": _cancel_invitation,
    }
    order = ["scan", *data.COORDINATOR_LINES]
    before, after = check_and_act_on_every_line(site, order, acts)
    # One set of draft minutes approved, then one written. Chasing leaves the
    # returns overdue (the chase page shows who was chased, and when).
    fewer(before, after, change={"minutes-draft": 0, "returns-overdue": 0})


def test_trust_lead_sees_own_trust_lines_acts_on_each_and_it_leaves(site, seeded):
    log_in(site, seeded["lead_a"].email)
    site.wait_for_url("**/dashboard/")
    acts = {
        "my-returns": click("submit"),
        "funding-ending": _extend_funding,
        "recruiting-long": _mark_filled,
        "posts-unchanged": _confirm_post_details,
        "readiness-evidence": _add_evidence,
        "trust-consultations": _respond,
        "my-actions": from_list_progress("Completed"),
    }
    before, after = check_and_act_on_every_line(site, data.LEAD_LINES, acts)
    fewer(before, after)


def test_peer_worker_answers_the_offer_first_and_acts_on_each_line(site, seeded):
    log_in(site, seeded["peer_worker"].email)
    site.wait_for_url("**/dashboard/")
    assert "answer by" in site.locator("#needs li").first.inner_text()
    acts = {
        "bookings": _cancel_booking,
        "consultations-open": _respond,
        "new-training": click("Book a place"),
        "offers": lambda p: (
            p.get_by_role("button", name="Accept the place").first.click(),
            expect_success(p),
        ),
    }
    before, after = check_and_act_on_every_line(site, data.PEER_LINES, acts)
    # One booking cancelled; the new course booked and the offer accepted
    # are two more upcoming bookings.
    fewer(before, after, change={"bookings": +1})


def _confirm(page):
    """The shared "are you sure" page: press its one warning button."""
    axe_check(page)
    page.locator("form .nhsuk-button--warning").click()
    expect_success(page)


def _cancel_booking(page):
    first_item(page)
    page.get_by_role("link", name=re.compile("Cancel booking")).first.click()
    _confirm(page)


def _cancel_invitation(page):
    first_item(page)
    page.get_by_role("link", name="Cancel the invitation").click()
    _confirm(page)


def _respond(page):
    first_item(page)
    page.get_by_role("link", name="Respond to this consultation").click()
    axe_check(page)
    page.get_by_label("Support", exact=True).check()
    page.get_by_role("button", name=re.compile("response", re.I)).click()
    expect_success(page)


def _extend_funding(page):
    first_item(page)
    page.get_by_role("button", name="Edit details").click()
    group = page.get_by_role("group", name="Funding end date")
    group.get_by_label("Year").fill(str(timezone.localdate().year + 2))
    page.get_by_role("button", name="Save").click()
    expect_success(page)


def _mark_filled(page):
    first_item(page)
    page.get_by_role("button", name="Change status").click()
    axe_check(page)
    page.get_by_label("Filled", exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect_success(page)


def _confirm_post_details(page):
    """Saving the details unchanged confirms them."""
    first_item(page)
    page.get_by_role("button", name="Edit details").click()
    page.get_by_role("button", name="Save").click()
    expect_success(page)


def _add_evidence(page):
    first_item(page)
    page.get_by_label("Evidence note").fill("Sponsor named in the board paper")
    page.get_by_role("button", name="Save").click()
    expect_success(page)
