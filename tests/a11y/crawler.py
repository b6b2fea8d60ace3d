"""A small crawler for the accessibility checks.

From the start pages it follows every same-site link in the header, main
content and footer, but opens only the first URL for each route (so one trust,
one meeting, one post: each list's first item), then submits each form on those
pages with its text fields emptied to see the error state. Every page is
scanned with axe in Chromium and the HTML the server sent is kept for vnu.
"""

import os
import re
import subprocess
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.urls import Resolver404, resolve
from playwright.sync_api import Error as PlaywrightError

from tests.a11y.strict import (
    axe_violations,
    house_rule_problems,
    presentation_problems,
)

# Routes not crawled: other formats, the admin, and links that end the session.
SKIP_PREFIXES = ("/static/", "/admin/", "/api/v1/", "/media/")
SKIP_ROUTES = re.compile(r"logout|download|export|csv|ics|feed|unsubscribe|favicon")
# Forms never submitted: they end the session or remove things on purpose.
SKIP_FORMS = re.compile(r"logout|close|delete|deactivate|revoke|remove|cancel|retry")
MAX_PAGES = 240
# The header's "More" menu regroups on the next animation frame after a resize.
OVERFLOW = """() => new Promise(done => requestAnimationFrame(() =>
  requestAnimationFrame(() => done(document.documentElement.scrollWidth
    - document.documentElement.clientWidth))))"""


def narrow_problems(page, shot: str = "") -> list[str]:
    """At 375 px (a phone) the presentation rules again; at 320 CSS px (1280
    px at 400%) WCAG 1.4.10: no sideways scrolling of the page, wide tables
    scroll inside their own box. `shot` saves screenshots at 1280 and 375."""
    size = page.viewport_size
    if shot:
        page.screenshot(path=f"{shot}-{size['width']}.png", full_page=True)
    found = presentation_problems(page)
    page.set_viewport_size({"width": 375, "height": 640})
    try:
        page.evaluate(OVERFLOW)  # let the layout settle
        found += presentation_problems(page)
        if shot:
            page.screenshot(path=f"{shot}-375.png", full_page=True)
        page.set_viewport_size({"width": 320, "height": 640})
        overflow = page.evaluate(OVERFLOW)
    finally:
        page.set_viewport_size(size)
    if overflow > 1:
        found.append(f"reflow: scrolls {overflow}px sideways at 320 px")
    return found + wide_font_problems(page)


# The widest sans-serif a machine commonly falls back to when it has neither
# Arial nor Liberation Sans. Added as a constructed style sheet, which the
# page's Content Security Policy allows (an injected <style> it would refuse).
WIDE_FONT = "DejaVu Sans"
FORCE_WIDE_FONT = """(font) => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync("*, *::before, *::after, input, button, select, textarea "
    + `{ font-family: '${font}', sans-serif !important }`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}"""
UNFORCE_WIDE_FONT = """() => {
  document.adoptedStyleSheets = document.adoptedStyleSheets.slice(0, -1);
}"""


def font_installed(family: str) -> bool:
    """Whether fontconfig (which Chromium lays text out with) has this family."""
    found = subprocess.run(
        ["fc-list", f":family={family}", "family"], capture_output=True, text=True
    )
    return bool(found.stdout.strip())


def wide_font_problems(page) -> list[str]:
    """The 320 px reflow check again in the wide fallback font, so the layout
    does not depend on one font's metrics. The font goes first, then the
    resize: the header lays its menu out on resize."""
    size = page.viewport_size
    page.evaluate(FORCE_WIDE_FONT, WIDE_FONT)
    page.set_viewport_size({"width": 320, "height": 640})
    try:
        overflow = page.evaluate(OVERFLOW)
    finally:
        page.set_viewport_size(size)
        page.evaluate(UNFORCE_WIDE_FONT)
    if overflow > 1:
        return [f"reflow: scrolls {overflow}px sideways at 320 px in {WIDE_FONT}"]
    return []


MAIN = re.compile(rb"<main.*?</main>", re.S)
VOLATILE = re.compile(rb'(value|nonce)="[^"]*"')


class SeenMain:
    """The <main> content already scanned by axe, shared by every role's crawl.

    A page whose main content is byte-for-byte one already scanned (an
    account page, a static page) differs only in the header, which axe checks
    on that role's other pages, so axe is not run on it again; vnu still is.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.labels: dict[bytes, str] = {}

    def first(self, body: bytes, label: str) -> str:
        """Where this main content was first seen, or "" if this is the first time."""
        match = MAIN.search(body)
        key = VOLATILE.sub(b"", match.group(0)) if match else body
        with self.lock:
            if key in self.labels:
                return self.labels[key]
            self.labels[key] = label
            return ""


CLEAR_AND_SUBMIT = """form => {
  for (const el of form.querySelectorAll('input, textarea')) {
    const type = (el.getAttribute('type') || 'text').toLowerCase();
    if (['text', 'email', 'number', 'url', 'tel', 'date', 'search', 'password',
         'datetime-local', 'time'].includes(type) || el.tagName === 'TEXTAREA') {
      el.value = '';
    }
  }
  form.requestSubmit();
}"""

HAS_FIELDS = """form => [...form.elements].some(el =>
  (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' ||
   (el.tagName === 'INPUT' && !['hidden', 'submit', 'button', 'image']
     .includes((el.getAttribute('type') || 'text').toLowerCase()))))"""


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href and not href.startswith(("#", "mailto:", "tel:")):
            self.links.append(href)


def route_of(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


@dataclass
class Crawl:
    """What one role saw: pages, problems and the saved server HTML."""

    role: str
    base: str
    out_dir: Path
    seen: SeenMain
    visited: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    saved: dict[Path, str] = field(default_factory=dict)
    routes: set[str] = field(default_factory=set)
    form_routes: set[str] = field(default_factory=set)
    checked: set[str] = field(default_factory=set)
    axe_seconds: float = 0.0
    narrow_seconds: float = 0.0  # presentation rules at 1280 and 375, reflow at 320
    seconds: float = 0.0

    def check(self, page, label: str, body: bytes) -> None:
        """axe on the page in the browser; keep the server's HTML for vnu."""
        label = f"[{self.role}] {label}"
        same_as = self.seen.first(body, label)
        self.visited.append(
            f"{label} (main content as {same_as})" if same_as else label
        )
        started = time.monotonic()
        found = [] if same_as else axe_violations(page) + house_rule_problems(page)
        self.axe_seconds += time.monotonic() - started
        if not same_as:
            started = time.monotonic()
            shots = os.environ.get("A11Y_SCREENSHOTS", "")
            shot = f"{shots}/{self.role}-{len(self.visited):03d}" if shots else ""
            found += narrow_problems(page, shot)
            self.narrow_seconds += time.monotonic() - started
        for problem in found:
            self.problems.append(f"{label}: {problem}")
        path = self.out_dir / f"{self.role}-{len(self.visited):03d}.html"
        path.write_bytes(body)
        self.saved[path] = label

    def visit(self, page, path: str) -> list[str]:
        try:
            response = page.goto(self.base + path)
        except PlaywrightError as error:
            if "Download is starting" in str(error):
                return []  # a file to download, not a page
            raise
        final = urlsplit(page.url).path
        if response is None or response.status >= 400:
            status = response.status if response else "no response"
            self.problems.append(f"[{self.role}] {path}: link answered {status}")
            return []
        if "text/html" not in response.headers.get("content-type", ""):
            return []
        if final != urlsplit(path).path:
            if final in self.checked:
                self.visited.append(f"{path} → {final} (checked already)")
                return []
            label = f"{path} → {final}"
        else:
            label = path
        self.checked.add(final)
        body = response.body()
        self.check(page, label, body)
        self.submit_forms(page, path)
        parser = LinkParser()
        parser.feed(body.decode())
        return parser.links

    def submit_forms(self, page, path: str) -> None:
        """Submit each new form on the page empty and check the error state."""
        forms = page.locator("main form[method=post], main form[method=POST]")
        todo = []
        for index in range(forms.count()):
            form = forms.nth(index)
            action = urlsplit(urljoin(page.url, form.get_attribute("action") or ""))
            route = route_of(action.path) or action.path
            if route in self.form_routes or SKIP_FORMS.search(route):
                continue
            if form.evaluate(HAS_FIELDS):
                self.form_routes.add(route)
                todo.append((index, route))
        for number, (index, route) in enumerate(todo):
            if number:
                page.goto(self.base + path)  # back, for the next form
            form = forms.nth(index)
            with page.expect_navigation() as navigation:
                form.evaluate(CLEAR_AND_SUBMIT)
            response = navigation.value
            if response.status >= 500:
                self.problems.append(f"[{self.role}] {path}: empty form → 500")
            elif response.status < 300 and "text/html" in response.headers.get(
                "content-type", ""
            ):
                label = f"{path} (form {route} submitted empty)"
                self.check(page, label, response.body())

    def wanted(self, href: str) -> str | None:
        """The site path to visit for a link, or None to skip it."""
        url = urlsplit(urljoin(self.base + "/", href))
        if f"{url.scheme}://{url.netloc}" != self.base:
            return None
        path = url.path + (f"?{url.query}" if url.query else "")
        if url.path.startswith(SKIP_PREFIXES) or SKIP_ROUTES.search(url.path):
            return None
        route = route_of(url.path)
        if route is None or route in self.routes or SKIP_ROUTES.search(route):
            return None
        self.routes.add(route)
        return path

    def run(self, page, start: list[str]) -> None:
        started = time.monotonic()
        # Start pages are all visited, even several of one route (an item in
        # each state); links found on the way follow the one-per-route rule.
        queue = list(dict.fromkeys(start))
        for path in queue:
            self.wanted(path)
        while queue and len(self.visited) < MAX_PAGES:
            path = queue.pop(0)
            for href in self.visit(page, path):
                wanted = self.wanted(href)
                if wanted:
                    queue.append(wanted)
        if queue:
            self.problems.append(
                f"[{self.role}] stopped at {MAX_PAGES} pages; not visited: {queue}"
            )
        self.seconds = time.monotonic() - started
