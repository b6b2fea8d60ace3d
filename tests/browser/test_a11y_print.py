"""The action plan, a meeting pack, a standard version and the dashboard print on A4.

With print media, navigation, footer, buttons and forms are hidden, the
content fits the A4 text width (210 mm less 24 mm of margins, about 703 CSS
px) without being cut off, and Chromium renders an A4 PDF.
"""

import pytest
from django.core.management import call_command

from network.models import Meeting
from standards.models import StandardVersion
from tests.a11y.test_crawl import session_cookies

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

A4_TEXT_WIDTH = 703
HIDDEN_IN_PRINT = [
    ".nhsuk-header",
    ".nhsuk-footer",
    ".nhsuk-breadcrumb",
    "main .nhsuk-button",
    "main form",
]


WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth)
  .slice(0, 3).map(el => el.tagName + '.' + el.className)"""


def test_key_pages_print_cleanly_on_a4(live_server, page):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    meeting = Meeting.objects.filter(agenda_items__isnull=False).first()
    version = StandardVersion.objects.order_by("pk").first()
    page.context.add_cookies(
        session_cookies(live_server.url, "coordinator@demo.nwpsw.example")
    )
    page.set_viewport_size({"width": A4_TEXT_WIDTH, "height": 1000})
    page.emulate_media(media="print")
    problems = []
    for path in [
        "/network/actions/print/",
        meeting.get_absolute_url(),
        version.get_absolute_url(),
        "/workforce/dashboard/",
    ]:
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1
        for selector in HIDDEN_IN_PRINT:
            shown = [el for el in page.locator(selector).all() if el.is_visible()]
            if shown:
                problems.append(f"{path}: {len(shown)} {selector} shown in print")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - "
            "document.documentElement.clientWidth"
        )
        if overflow > 1:
            widest = page.evaluate(WIDEST)
            problems.append(f"{path}: {overflow}px wider than an A4 page: {widest}")
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")
    assert not problems, "\n".join(problems)
