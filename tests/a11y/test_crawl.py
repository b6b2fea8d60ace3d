"""Every page each role can reach, and every form's error state, pass axe and vnu.

Each page also passes the presentation rules (tests/a11y/strict.py) at 1280
and 375 px: no table cell broken inside a word or a date split over lines, no
link to "" or "#", no Markdown shown as text, no internal word "seed", no
"---------" option, no filter drawn over a table. A11Y_SCREENSHOTS=<dir>
saves a full-page screenshot of each page at both widths, to look at.

Signs in as each role (by handing the browser a session made by the Django
test client, MFA included for the coordinator), crawls from the start pages
(see tests/a11y/crawler.py), runs axe at any impact for WCAG 2.2 A/AA on every
page and validates all the HTML the server sent with one Nu HTML Checker run.
The visited URLs are printed per role so coverage is visible.
"""

import os
import time
from concurrent.futures import ThreadPoolExecutor
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.test import Client
from django.urls import URLResolver, get_resolver
from playwright.sync_api import sync_playwright

from accounts.models import User
from network.permissions import meetings_visible_to, tor_visible_to
from standards.permissions import versions_visible_to
from tests.a11y.crawler import WIDE_FONT, Crawl, SeenMain, font_installed
from tests.a11y.strict import vnu_errors, vnu_unavailable
from tests.conftest import _login_with_mfa
from training.permissions import opportunities_visible_to
from workforce.permissions import posts_visible_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = {
    "anonymous": None,
    "peer_worker": "peer@demo.nwpsw.example",
    "trust_lead": "lead.merseycare@demo.nwpsw.example",
    "coordinator": "coordinator@demo.nwpsw.example",
}
PUBLIC_START = ["/", "/about-peer-support/", "/accessibility/", "/privacy/"]
SIGNED_IN_START = ["/dashboard/", "/accounts/profile/", "/accounts/my-data/"]
COORDINATOR_START = ["/audit/"]  # linked from no menu


def session_cookies(base: str, email: str | None) -> list[dict]:
    """A signed-in session (MFA done) made by the test client, for the browser."""
    if not email:
        return []
    client = _login_with_mfa(Client(), User.objects.get(email=email))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    return [{"name": cookie.key, "value": cookie.value, "url": base}]


def state_samples(user) -> list[str]:
    """One item per state of each stateful list the role can see: a held
    meeting, a draft version, a closed post show links a scheduled one hides."""
    user = user or AnonymousUser()
    samples = [
        (meetings_visible_to(user), "status"),
        (meetings_visible_to(user), "minutes_status"),
        (tor_visible_to(user), "status"),
        (versions_visible_to(user), "status"),
        (opportunities_visible_to(user), "status"),
    ]
    if user.is_authenticated and not user.is_peer_worker:
        samples.append((posts_visible_to(user), "status"))
    urls = (
        list(COORDINATOR_START) if user.is_authenticated and user.is_coordinator else []
    )
    if getattr(user, "trust", None):  # a trust lead's own trust: contact edits
        urls.append(user.trust.get_absolute_url())
    for queryset, state in samples:
        for value in queryset.values_list(state, flat=True).distinct():
            item = queryset.filter(**{state: value}).order_by("pk").first()
            urls.append(item.get_absolute_url())
    return urls


def crawl_as(
    crawl: Crawl, cookies: list[dict], extra: list[str], launch_args: dict
) -> Crawl:
    """One role's crawl in its own thread, so it needs its own Playwright."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_args)
        context = browser.new_context()
        context.add_cookies(cookies)
        page = context.new_page()
        page.set_default_timeout(30_000)
        start = PUBLIC_START + (SIGNED_IN_START if cookies else []) + extra
        try:
            crawl.run(page, start)
        finally:
            browser.close()
    return crawl


def all_routes(patterns=None, namespace="") -> set[str]:
    """Every named route of the site, namespaced like resolve().view_name."""
    names = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}{pattern.namespace}:"
            names |= all_routes(pattern.url_patterns, inner)
        elif pattern.name:
            names.add(namespace + pattern.name)
    return names


def test_every_page_for_every_role_passes_axe_and_vnu(
    live_server, browser_type_launch_args, tmp_path, capsys
):
    # Without it the reflow check would measure in some other font and pass.
    assert font_installed(WIDE_FONT), f"{WIDE_FONT} is missing: run `make browsers`"
    started = time.monotonic()
    call_command("seed_demo", stdout=StringIO())
    seeded = time.monotonic() - started
    # The roles crawl side by side: the live server answers them in threads.
    # drf-spectacular builds the API schema on first use and two threads doing
    # that at once failed once (a 500); build it before the crawls start.
    Client().get("/api/docs/")
    # Two at a time (the machine has two cores), the longest crawl first.
    seen = SeenMain()
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [
            pool.submit(
                crawl_as,
                Crawl(role=role, base=live_server.url, out_dir=tmp_path, seen=seen),
                session_cookies(live_server.url, email),
                state_samples(email and User.objects.get(email=email)),
                browser_type_launch_args,
            )
            for role, email in reversed(ROLES.items())
        ]
        crawls = [future.result() for future in reversed(futures)]
    crawled = time.monotonic() - started - seeded

    problems = [p for crawl in crawls for p in crawl.problems]
    vnu_note = vnu_unavailable()
    if not vnu_note:
        saved = {path: label for crawl in crawls for path, label in crawl.saved.items()}
        started = time.monotonic()
        for path, errors in vnu_errors(list(saved)).items():
            problems += [f"{saved.get(path, path)}: {error}" for error in errors]
        vnu_note = (
            f"vnu checked {len(saved)} files in {time.monotonic() - started:.0f} s"
        )

    with capsys.disabled():
        print()
        for crawl in crawls:
            print(
                f"a11y crawl, {crawl.role}: {len(crawl.visited)} pages checked "
                f"in {crawl.seconds:.0f} s ({crawl.axe_seconds:.0f} s in axe, "
                f"{crawl.narrow_seconds:.0f} s in the 1280/375/320 px checks)"
            )
            for label in crawl.visited:
                print(f"  {label}")
        print(f"a11y crawl: demo data in {seeded:.0f} s, crawl in {crawled:.0f} s")
        print(f"a11y crawl: {vnu_note}")
        reached = set().union(*(c.routes | c.form_routes for c in crawls))
        unreached = sorted(
            r for r in all_routes() - reached if not r.startswith(("admin:", "api"))
        )
        print(f"a11y crawl: routes no link led to ({len(unreached)}): {unreached}")
    if os.environ.get("A11Y_REPORT"):  # a file to work through when fixing
        Path(os.environ["A11Y_REPORT"]).write_text("\n".join(problems))
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
