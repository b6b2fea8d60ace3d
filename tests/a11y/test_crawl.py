"""Every page each role can reach, and every form's error state, pass axe and vnu.

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
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import sync_playwright

from accounts.models import User
from tests.a11y.crawler import Crawl, SeenMain
from tests.a11y.strict import vnu_errors, vnu_unavailable
from tests.conftest import _login_with_mfa

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = {
    "anonymous": None,
    "peer_worker": "peer@demo.nwpsw.example",
    "trust_lead": "lead.merseycare@demo.nwpsw.example",
    "coordinator": "coordinator@demo.nwpsw.example",
}
PUBLIC_START = ["/", "/about-peer-support/", "/accessibility/", "/privacy/"]
SIGNED_IN_START = ["/dashboard/", "/accounts/profile/", "/accounts/my-data/"]


def session_cookies(base: str, email: str | None) -> list[dict]:
    """A signed-in session (MFA done) made by the test client, for the browser."""
    if not email:
        return []
    client = _login_with_mfa(Client(), User.objects.get(email=email))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    return [{"name": cookie.key, "value": cookie.value, "url": base}]


def crawl_as(crawl: Crawl, cookies: list[dict], launch_args: dict) -> Crawl:
    """One role's crawl in its own thread, so it needs its own Playwright."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_args)
        context = browser.new_context()
        context.add_cookies(cookies)
        page = context.new_page()
        page.set_default_timeout(30_000)
        start = PUBLIC_START + (SIGNED_IN_START if cookies else [])
        try:
            crawl.run(page, start)
        finally:
            browser.close()
    return crawl


def test_every_page_for_every_role_passes_axe_and_vnu(
    live_server, browser_type_launch_args, tmp_path, capsys
):
    started = time.monotonic()
    call_command("seed_demo", stdout=StringIO())
    seeded = time.monotonic() - started
    # The roles crawl side by side: the live server answers them in threads.
    # Two at a time (the machine has two cores), the longest crawl first.
    seen = SeenMain()
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [
            pool.submit(
                crawl_as,
                Crawl(role=role, base=live_server.url, out_dir=tmp_path, seen=seen),
                session_cookies(live_server.url, email),
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
                f"in {crawl.seconds:.0f} s ({crawl.axe_seconds:.0f} s in axe)"
            )
            for label in crawl.visited:
                print(f"  {label}")
        print(f"a11y crawl: demo data in {seeded:.0f} s, crawl in {crawled:.0f} s")
        print(f"a11y crawl: {vnu_note}")
    if os.environ.get("A11Y_REPORT"):  # a file to work through when fixing
        Path(os.environ["A11Y_REPORT"]).write_text("\n".join(problems))
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
