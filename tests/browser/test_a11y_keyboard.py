"""Each role's main journey with the keyboard only, and pages that reflow.

Only Tab, Shift+Tab, Enter, Space and arrow keys move the journeys along (text
is typed into the focused field), and after every key the focused element
must show a visible indicator: a non-transparent outline or a box shadow.
The viewport tests check key pages at 320 CSS px and at 400% zoom (a 1280 px
window shown at 4x) for horizontal scrolling.
"""

from datetime import date, time
from io import StringIO

import pytest
from django.core.management import call_command

from network.models import ActionItem, ActionPlan, Objective
from tests.a11y.test_crawl import session_cookies
from tests.browser.conftest import axe_check
from tests.conftest import PASSWORD, current_totp_code
from tests.network.conftest import at, make_item, make_meeting
from tests.training.conftest import make_opportunity
from tests.workforce.conftest import make_post
from training.models import TrainingBooking, TrainingProvider, TrainingSession

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
    && s.outlineColor !== 'rgba(0, 0, 0, 0)' && s.outlineColor !== 'transparent';
  return {visible: outline || s.boxShadow !== 'none',
          text: (el.innerText || el.value || el.name || el.id || '').trim(),
          tag: el.tagName, label: el.labels && el.labels[0]
            ? el.labels[0].innerText.trim() : ''};
}"""


def press(page, key: str) -> dict | None:
    page.keyboard.press(key)
    focused = page.evaluate(FOCUS_STYLE)
    if focused is not None:
        assert focused["visible"], f"no visible focus after {key} on {focused}"
    return focused


def tab_to(page, name: str, *, backwards=False, limit=80) -> None:
    """Tab (or Shift+Tab) until the focused element's text or label starts with name."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        focused = press(page, key)
        if focused and (
            focused["text"].startswith(name) or focused["label"].startswith(name)
        ):
            return
    raise AssertionError(f"{name!r} was not reached with {key} on {page.url}")


def activate(page, key: str = "Enter") -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


def keyboard_sign_in(page, email: str, *, totp=False) -> None:
    page.goto(page.base + "/accounts/login/")
    tab_to(page, "Email")
    page.keyboard.type(email)
    tab_to(page, "Password")
    page.keyboard.type(PASSWORD)
    activate(page)
    if totp:
        page.wait_for_url("**/2fa/authenticate/**")
        tab_to(page, "Authenticator code")
        page.keyboard.type(current_totp_code())
        activate(page)
    page.wait_for_url("**/dashboard/")


@pytest.fixture
def course(db):
    college = TrainingProvider.objects.create(
        name="Mersey Recovery College", provider_type="recovery_college"
    )
    opportunity = make_opportunity(college)
    TrainingSession.objects.create(
        opportunity=opportunity,
        date=opportunity.start_date,
        start_time=time(9, 30),
        end_time=time(16),
    )
    return opportunity


@pytest.fixture
def plan_item(db, coordinator):
    meeting = make_meeting(starts_at=at(2024, 1, 9), ends_at=at(2024, 1, 9, 12))
    plan = ActionPlan.objects.create(
        title="Action plan 2024-27",
        period_start=date(2024, 1, 1),
        period_end=date(2027, 12, 31),
        status="active",
        approved_at=meeting,
    )
    objective = Objective.objects.create(
        plan=plan, ref="4", title="Standards", strand="standards"
    )
    return make_item(objective, coordinator)


def test_visitor_skips_to_content_and_reaches_training_by_keyboard(site, course):
    site.goto(site.base + "/")
    tab_to(site, "Skip to main content")
    site.keyboard.press("Enter")
    assert site.evaluate("document.activeElement.id") == "maincontent"
    site.goto(site.base + "/")
    tab_to(site, "Training")
    activate(site)
    tab_to(site, course.title)
    activate(site)
    assert site.get_by_role("heading", level=1).inner_text() == course.title
    axe_check(site)


def test_peer_worker_books_training_by_keyboard(site, peer_worker, course):
    keyboard_sign_in(site, peer_worker.email)
    tab_to(site, "Training")
    activate(site)
    tab_to(site, course.title)
    activate(site)
    tab_to(site, "Book a place", limit=120)
    activate(site, "Space")
    assert TrainingBooking.objects.filter(user=peer_worker, opportunity=course).exists()
    axe_check(site)


def test_trust_lead_opens_their_post_by_keyboard(site, lead_a, trust_a):
    post = make_post(trust_a, local_ref="A-001", job_title="Peer Support Worker – A")
    keyboard_sign_in(site, lead_a.email)
    tab_to(site, "Posts")
    activate(site)
    tab_to(site, "Peer Support Worker – A", limit=120)
    activate(site)
    assert site.url.endswith(post.get_absolute_url())
    tab_to(site, "Posts", backwards=True, limit=120)  # back up the page
    axe_check(site)


def test_coordinator_posts_progress_on_an_action_by_keyboard(
    site, coordinator, plan_item
):
    keyboard_sign_in(site, coordinator.email, totp=True)
    tab_to(site, "Action plan")
    activate(site)
    tab_to(site, plan_item.action, limit=150)
    activate(site)
    tab_to(site, "Post a progress update", limit=120)
    activate(site)
    tab_to(site, "Progress note")
    site.keyboard.type("Draft shared with trust leads.")
    tab_to(site, "Green")
    site.keyboard.press("ArrowDown")  # radios: green -> amber
    tab_to(site, "Post update")
    activate(site)
    plan_item.refresh_from_db()
    assert plan_item.rag == ActionItem.Rag.AMBER
    axe_check(site)


def session_page(browser, live_server, email, viewport, scale=1):
    context = browser.new_context(viewport=viewport, device_scale_factor=scale)
    context.add_cookies(session_cookies(live_server.url, email))
    return context, context.new_page()


# The innermost elements sticking out past the right edge, to say what to fix.
WIDEST = """() => [...document.querySelectorAll('main *')]
  .filter(el => el.getBoundingClientRect().right
    > document.documentElement.clientWidth + 1)
  .filter(el => ![...el.children].some(c => c.getBoundingClientRect().right
    > document.documentElement.clientWidth + 1))
  .slice(0, 3).map(el => el.tagName + '.' + el.className + ' ' +
    (el.innerText || '').slice(0, 30))"""

KEY_PAGES = {
    None: [
        "/",
        "/about-peer-support/",
        "/network/trusts/",
        "/network/meetings/",
        "/workforce/dashboard/",
        "/standards/",
        "/training/",
    ],
    "peer@demo.nwpsw.example": ["/dashboard/", "/training/my/"],
    "lead.merseycare@demo.nwpsw.example": [
        "/network/actions/",
        "/workforce/posts/",
        "/standards/",
    ],
    "coordinator@demo.nwpsw.example": [
        "/standards/adoption/",
        "/network/actions/print/",
        "/workforce/readiness/",
        "/accounts/people/",
        "/audit/",
    ],
}


@pytest.mark.parametrize(
    "viewport,scale",
    [
        ({"width": 320, "height": 640}, 1),  # a small phone
        ({"width": 320, "height": 180}, 4),  # 1280 x 720 at 400% zoom
    ],
    ids=["320px", "400%-zoom"],
)
def test_key_pages_do_not_scroll_sideways(live_server, browser, viewport, scale):
    call_command("seed_demo", stdout=StringIO())
    wide = []
    for email, paths in KEY_PAGES.items():
        context, page = session_page(browser, live_server, email, viewport, scale)
        for path in paths:
            page.goto(live_server.url + path)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - "
                "document.documentElement.clientWidth"
            )
            if overflow > 1:
                culprits = page.evaluate(WIDEST)
                wide.append(f"{path} ({email}) scrolls {overflow}px: {culprits}")
        context.close()
    assert not wide, "\n".join(wide)
