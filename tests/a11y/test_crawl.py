"""Every page each role can reach, and every form's error state, pass axe and vnu.

Signs in as each role (by handing the browser a session made by the Django
test client, MFA included for the coordinator), crawls from the start pages
(see tests/a11y/crawler.py), runs axe at any impact for WCAG 2.2 A/AA on every
page and validates all the HTML the server sent with one Nu HTML Checker run.
The visited URLs are printed per role so coverage is visible.
"""

import os
import time
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from accounts.models import User
from tests.a11y.crawler import Crawl
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


def signed_in_context(browser, base: str, email: str | None):
    context = browser.new_context(base_url=base)
    if email:
        client = _login_with_mfa(Client(), User.objects.get(email=email))
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base}])
    return context


def test_every_page_for_every_role_passes_axe_and_vnu(
    live_server, browser, tmp_path, capsys
):
    started = time.monotonic()
    call_command("seed_demo", stdout=StringIO())
    seeded = time.monotonic() - started
    crawls = []
    for role, email in ROLES.items():
        context = signed_in_context(browser, live_server.url, email)
        page = context.new_page()
        page.set_default_timeout(15_000)
        crawl = Crawl(role=role, base=live_server.url, out_dir=tmp_path)
        start = PUBLIC_START + (SIGNED_IN_START if email else [])
        crawl.run(page, start)
        context.close()
        crawls.append(crawl)

    problems = [p for crawl in crawls for p in crawl.problems]
    skipped = vnu_unavailable()
    if not skipped:
        saved = {path: label for crawl in crawls for path, label in crawl.saved.items()}
        started = time.monotonic()
        for path, errors in vnu_errors(list(saved)).items():
            problems += [f"{saved.get(path, path)}: {error}" for error in errors]
        skipped = (
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
        print(f"a11y crawl: demo data loaded in {seeded:.0f} s")
        print(f"a11y crawl: {skipped}")
    if os.environ.get("A11Y_REPORT"):  # a file to work through when fixing
        Path(os.environ["A11Y_REPORT"]).write_text("\n".join(problems))
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
