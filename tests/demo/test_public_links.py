"""A visitor never follows a link on a public page to a dead end.

Crawls every page a visitor can reach from the home page and the footer, with
the demo data loaded, and fails on any link to our own site that answers "not
found", "forbidden" or sends the visitor to sign in.
"""

import re
from collections import deque
from html import unescape
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

HREF = re.compile(r'<a\b[^>]*\bhref="([^"]*)"', re.I)
# Not pages: files, and the sign-in and sign-up pages themselves.
SKIP = ("/static/", "/media/", "/accounts/", "/admin/")
MAX_PAGES = 1500


def internal_links(page_url: str, html: str) -> set[str]:
    links = set()
    for href in HREF.findall(html):
        url = urldefrag(urljoin(page_url, unescape(href)))[0]
        parts = urlsplit(url)
        if parts.scheme in ("", "http") and parts.netloc in ("", "testserver"):
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if path.startswith("/") and not path.startswith(SKIP):
                links.add(path)
    return links


def dead_end(response) -> str:
    if response.status_code in (403, 404):
        return str(response.status_code)
    login = reverse("account_login")
    if response.status_code == 302 and response["Location"].startswith(login):
        return "sign-in page"
    return ""


def test_no_public_page_links_a_visitor_to_a_dead_end():
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    client = Client()
    seen, problems = {"/"}, []
    queue = deque(["/"])
    found_on = {"/": "(start)"}
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        if problem := dead_end(response):
            problems.append(f"{url} ({problem}), linked from {found_on[url]}")
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        if response.status_code != 200:
            continue
        for link in internal_links(url, response.content.decode()) - seen:
            seen.add(link)
            found_on[link] = url
            queue.append(link)
    assert len(seen) < MAX_PAGES, "the crawl stopped early: raise MAX_PAGES"
    assert len(seen) > 40, f"only {len(seen)} public pages found"
    assert not problems, "\n".join(problems)
