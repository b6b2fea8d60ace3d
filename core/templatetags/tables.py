"""Data tables: `{% load tables %}`.

`{% scrolltable %}<table class="nhsuk-table">…</table>{% endscrolltable %}`
    Wraps a table in the NHS.UK scroll component, so a table wider than the
    screen scrolls inside its own region (with the design system's shadow at
    the edge that can scroll) instead of squeezing its words or moving the
    page. The region is named by the table's caption; a caption without an
    id gets one. Dates ("9 Jan 2027", "Oct 2019"), times and bands ("Band 8a")
    in the cells are kept on one line. Every table in the service goes
    through this one tag.
"""

import re
import secrets

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

CAPTION = re.compile(r"<caption\b([^>]*)>")
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*"
# Text a line must not break inside, although it has spaces.
KEEP_TOGETHER = re.compile(
    rf"\b(?:(?:\d{{1,2}} )?{MONTH}(?: \d{{4}})?(?:,? \d{{1,2}}:\d{{2}}(?::\d{{2}})?)?"
    r"|Band \d+[a-z]?|Q[1-4] \d{4}|\d{4} Q[1-4])\b"
)
TAG_OR_TEXT = re.compile(r"(<[^>]+>)")
# Everything KEEP_TOGETHER wraps has a space and a digit, so text without
# both is left as it is without running the longer pattern over it.
DIGIT = re.compile(r"\d")


def keep_together(html: str) -> str:
    """Dates, times and bands in the text (not the tags) of rendered HTML, each
    in a span that does not wrap."""
    parts = TAG_OR_TEXT.split(html)
    for index in range(0, len(parts), 2):  # even parts are text between tags
        if " " in parts[index] and DIGIT.search(parts[index]):
            parts[index] = KEEP_TOGETHER.sub(
                lambda m: (
                    f'<span class="app-nowrap">{m.group(0)}</span>'
                    if " " in m.group(0)
                    else m.group(0)
                ),
                parts[index],
            )
    return "".join(parts)


CAPTION_ID = re.compile(r'\bid="([^"]+)"')


def scroll_region(table_html: str) -> str:
    """The scroll component's markup around one rendered table."""
    label = ""
    caption = CAPTION.search(table_html)
    if caption:
        found = CAPTION_ID.search(caption.group(1))
        caption_id = found.group(1) if found else f"table-{secrets.token_hex(4)}"
        if not found:
            table_html = (
                table_html[: caption.start()]
                + f'<caption id="{caption_id}"{caption.group(1)}>'
                + table_html[caption.end() :]
            )
        label = f' aria-labelledby="{caption_id}"'
    # tabindex lets keyboard users scroll before the script runs; the script
    # removes it again when the table fits.
    return (
        '<div class="nhsuk-scroll" data-module="nhsuk-scroll">'
        f'<div class="nhsuk-scroll__content" role="region"{label} tabindex="0">'
        f"{keep_together(table_html.strip())}</div></div>"
    )


class ScrollTableNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        return mark_safe(scroll_region(self.nodelist.render(context)))  # noqa: S308 - our own template output


@register.tag("scrolltable")
def do_scrolltable(parser, token):
    nodelist = parser.parse(("endscrolltable",))
    parser.delete_first_token()
    return ScrollTableNode(nodelist)
