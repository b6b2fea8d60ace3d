"""The board pack as an A4 PDF, made with WeasyPrint from an HTML template.

Real text (searchable and copyable), a tagged PDF (PDF/UA-1) for screen
readers, page numbers and a contents list with page numbers. Nothing is
fetched: the style sheet is read from our static files and every chart is
inline SVG, and the URL fetcher refuses anything else.
"""

import re
from functools import lru_cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from workforce.boardpack import BoardPack

NHSUK_CSS = "vendor/nhsuk/nhsuk-frontend.min.css"
PACK_CSS = "workforce/boardpack.css"
COLOUR = re.compile(r"(--nhsuk-[\w-]+-colour):(#[0-9a-fA-F]{3,8})")
FONT = re.compile(r"font-family:([^;}]*Frutiger[^;}]*)")
FALLBACK_FONT = "arial, sans-serif"


def _static_text(path: str) -> str:
    found = finders.find(path)
    if not found:
        return ""
    with open(found, encoding="utf-8") as f:
        return f.read()


@lru_cache(maxsize=1)
def nhsuk_tokens() -> dict[str, str]:
    """The NHS.UK frontend's colours (--nhsuk-…-colour) and font stack, from
    the built CSS, so the pack looks like the site without fetching anything."""
    nhsuk = _static_text(NHSUK_CSS)
    tokens = dict(COLOUR.findall(nhsuk))
    font = FONT.search(nhsuk)
    tokens["--app-font-family"] = font.group(1) if font else FALLBACK_FONT
    return tokens


VAR = re.compile(r"var\((--[\w-]+)(?:,\s*([^)]*))?\)")


def _with_tokens(css: str) -> str:
    """Put the values in place of var(): WeasyPrint lays out faster with plain
    values, and its SVG renderer knows no custom properties."""
    tokens = nhsuk_tokens()
    return VAR.sub(lambda m: tokens.get(m.group(1)) or m.group(2) or "", css)


@lru_cache(maxsize=1)
def style_sheet() -> str:
    return _with_tokens(_static_text(PACK_CSS))


# The chart colours, as on the reports page: dark enough for greyscale print.
CHART_STYLE = (
    "text{font-family:var(--app-font-family)}"
    ".app-chart__bar{fill:var(--nhsuk-blue-colour);"
    "stroke:var(--nhsuk-dark-blue-colour);stroke-width:1}"
    ".app-chart__axis{stroke:var(--nhsuk-black-colour);stroke-width:2}"
    ".app-chart__grid{stroke:var(--nhsuk-border-colour);stroke-width:1}"
    ".app-chart__label{fill:var(--nhsuk-black-colour);font-size:12px}"
    ".app-chart__axis-title{fill:var(--nhsuk-black-colour);font-size:13px;"
    "font-weight:bold}"
)


def refuse_fetch(url: str, *args, **kwargs):
    """Nothing in the pack is loaded from anywhere: no fonts, images or styles."""
    raise ValueError(f"the board pack does not load {url[:80]}")


def title_of(pack: BoardPack) -> str:
    return f"Quarterly board pack {pack.period}: {pack.scope}"


def render_html(pack: BoardPack) -> str:
    context = {
        "pack": pack,
        "title": title_of(pack),
        "service_name": settings.SERVICE_NAME,
        "svg_style": _with_tokens(CHART_STYLE),
    }
    return render_to_string("workforce/boardpack/pack.html", context)


def render_pdf(pack: BoardPack) -> bytes:
    from weasyprint import CSS, HTML  # imported here: it loads Pango (~0.3 s)

    document = HTML(string=render_html(pack), url_fetcher=refuse_fetch)
    return document.write_pdf(
        stylesheets=[CSS(string=style_sheet(), url_fetcher=refuse_fetch)],
        pdf_variant="pdf/ua-1",  # tagged structure, title and language
        pdf_tags=True,
        custom_metadata=True,  # author and description from the <meta> tags
    )
