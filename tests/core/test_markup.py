"""Markdown as plain words: the shortcut for text with no Markdown in it gives
exactly what the full parser gives."""

import html
import random

import markdown
import nh3
import pytest

from core.markup import markdown_to_text


def parsed(text: str) -> str:
    rendered = markdown.markdown(text, extensions=["tables", "sane_lists"])
    return " ".join(html.unescape(nh3.clean(rendered, tags=set())).split())


@pytest.mark.parametrize(
    "text",
    [
        "Agree the peer-support worker job description",
        "Plain words,  spread\n over lines; with (brackets) and “quotes”.",
        "1. First\n2. Second",
        "- a list item",
        "Q1 2026. Report\n2026. A year that starts a line",
        "Setext heading\n---",
        "**bold** and _em_ and `code`",
        "[a link](https://example.org) & <b>tag</b> &amp; #hash",
        "    an indented code block",
        "",
    ],
)
def test_plain_words_match_the_parser(text):
    assert markdown_to_text(text) == parsed(text)


def test_random_text_matches_the_parser():
    pieces = list("ab Xé 09.,;:'\"?()/%£-–—\n\t") + ["\n\n", "    ", "1. ", "2) "]
    pieces += ["\n- ", "---\n", "\xa0", "*", "_", "[x](y)", "<i>", "&amp;", "#"]
    chooser = random.Random(2026)
    for _ in range(3000):
        text = "".join(chooser.choice(pieces) for _ in range(chooser.randint(0, 25)))
        assert markdown_to_text(text) == parsed(text), repr(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Short",
        "x" * 12,
        "x" * 13,
        "Cafe\u0301 menu",  # not in normal form: Truncator normalises it
        "Café menu with a long name",
        "e\u0301" * 12,
        "A sentence that is rather too long to fit",
    ],
)
@pytest.mark.parametrize("length", [0, 1, 12])
def test_shortened_is_truncators_chars(text, length):
    from django.utils.text import Truncator

    from core.markup import shortened

    assert shortened(text, length) == Truncator(text).chars(length)
