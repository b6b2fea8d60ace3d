"""Browser tests: Playwright driving Debian's Chromium against live_server.

Never a downloaded browser. Each page a test visits is scanned with axe-core
(from npm) through `axe_check(page)`; a test fails on any serious or critical
violation, and the last page of every test is scanned on teardown as well.
"""

import functools
import json
import os
from datetime import date
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@functools.cache
def AXE_SOURCE() -> str:  # noqa: N802 - a constant, read once
    return AXE.read_text()


pytestmark = pytest.mark.browser


def pytest_collection_modifyitems(config, items):
    if not os.path.exists(CHROMIUM):
        skip = pytest.mark.skip(
            reason=f"{CHROMIUM} is missing: install Debian's chromium (make browsers)"
        )
        for item in items:
            if "browser" in str(item.fspath):
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


class AxeViolations(AssertionError):
    pass


def axe_check(page) -> list[dict]:
    """Run axe-core on the current page; fail on serious or critical violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # evaluate() runs through DevTools, so our strict CSP (which rightly
        # blocks injected <script> tags) stays on during the tests.
        page.evaluate(AXE_SOURCE())
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"
    )
    serious = [
        v for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]
    if serious:
        summary = [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"][:5]],
            }
            for v in serious
        ]
        raise AxeViolations(f"axe on {page.url}: {json.dumps(summary, indent=1)}")
    return result["violations"]


def fill_date(page, legend: str, day) -> None:
    """Type `day` into the day, month and year boxes of the NHS.UK date input
    whose legend is `legend`."""
    group = page.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def read_date(page, legend: str) -> date:
    """The date in the NHS.UK date input whose legend is `legend`."""
    group = page.get_by_role("group", name=legend, exact=True)
    parts = (
        group.get_by_label(part).input_value() for part in ("Year", "Month", "Day")
    )
    return date(*map(int, parts))


@pytest.fixture
def site(live_server, page):
    """The page, pointed at the live server; axe scans the last page at teardown."""
    page.set_default_timeout(10_000)
    external = []
    page.on(
        "request",
        lambda request: (
            external.append(request.url)
            if not request.url.startswith((live_server.url, "data:"))
            else None
        ),
    )
    page.base = live_server.url
    yield page
    if page.url.startswith(live_server.url):
        axe_check(page)
    assert not external, f"requests left the site: {external}"
