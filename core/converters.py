"""The path converter for a word in a URL: a standard's code, a quarter, a
token.

Django's own `str` takes any character but "/", NUL and other control
characters included, and PostgreSQL refuses a NUL in a query ("text fields
cannot contain NUL"), so a request for /standards/%00/ was a 500. `segment`
matches no control character, so such an address matches no page: the site's
404, or the API's catch-all 404 in its own format.
"""

from django.urls import register_converter

SEGMENT_PATTERN = r"[^/\x00-\x1f\x7f]+"


class SegmentConverter:
    regex = SEGMENT_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


def register() -> None:
    """Called from CoreConfig.ready(), before any URLconf is imported."""
    register_converter(SegmentConverter, "segment")
