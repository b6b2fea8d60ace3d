"""Markdown for free text, always sanitised: no script or event handler survives."""

import html as html_lib
import re
import unicodedata

import markdown as markdown_lib
import nh3
from django.utils.text import Truncator

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "code",
    "pre",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}


def render_markdown(text: str) -> str:
    html = markdown_lib.markdown(text or "", extensions=["tables", "sane_lists"])
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


# Text Markdown would leave as it is: letters, digits, spaces and everyday
# punctuation, with no line starting like a list item or a heading. Every
# marker (emphasis, links, code, HTML, entities, tables, rules) needs a
# character outside this set.
_PLAIN = re.compile(r"(?:[^\W_]|[\s,.;:'\"?()/%£$€@’‘“”–—-])*")
_BLOCK_START = re.compile(r"^\s*(?:-|\d+[.)])", re.M)


def _is_plain(text: str) -> bool:
    return bool(_PLAIN.fullmatch(text)) and not _BLOCK_START.search(text)


def markdown_to_text(text: str) -> str:
    """The words of Markdown without its markers, on one line: for lists,
    tables, print views and email subjects, where formatting is not wanted."""
    if _is_plain(text or ""):
        # Markdown would only wrap it in a paragraph: a list page shows many
        # such texts, and building a Markdown parser for each costs far more.
        return " ".join((text or "").split())
    html = markdown_lib.markdown(text or "", extensions=["tables", "sane_lists"])
    words = nh3.clean(html, tags=set())  # every tag removed, text kept (escaped)
    return " ".join(html_lib.unescape(words).split())


def shortened(text: str, length: int) -> str:
    """`Truncator(text).chars(length)`, without its walk over every character
    when the text is already short enough and in normal form (most list cells)."""
    if len(text) <= length and unicodedata.is_normalized("NFC", text):
        return text
    return Truncator(text).chars(length)


_HEADING = re.compile(r"^#{1,6}\s+", re.M)
_STRONG = re.compile(r"(\*\*|__)(\S(?:.*?\S)?)\1")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def markdown_to_lines(text: str) -> str:
    """Markdown's words with its headings, bold and link markers removed, lines
    kept: for comparing two versions of a text word by word, as readers see it."""
    text = _HEADING.sub("", text or "")
    text = _STRONG.sub(r"\2", text)
    return _LINK.sub(r"\1", text)
