"""Every email the service sends: one layout, one base address for links.

`absolute_url(path)` builds a link from the configured public address
(`SITE_URL`), never from the request's host, so links from the web, the
worker and the API all point at the same site. `in_layout()` wraps a body in
the service's email layout (plain text and HTML); the outbox, the templated
emails and allauth's account emails all go through it.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe


def site_url() -> str:
    return settings.SITE_URL.rstrip("/")


def absolute_url(path_or_url: str) -> str:
    """The public address of a path (or of an absolute URL's path and query)."""
    parts = urlsplit(path_or_url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return site_url() + (path if path.startswith("/") else f"/{path}")


def in_layout(subject: str, text: str, html: str) -> tuple[str, str]:
    """The text and HTML bodies inside the service's email layout."""
    context = {
        "subject": subject,
        "service_name": settings.SERVICE_NAME,
        "site_url": site_url(),
    }
    footer = f"{settings.SERVICE_NAME}\n{site_url()}/"
    if not text.rstrip().endswith(footer):  # not already in the layout
        text = render_to_string("emails/layout.txt", {**context, "body": text.strip()})
    if html and not html.lstrip().startswith("<!DOCTYPE"):
        # The body was rendered from our own autoescaped templates.
        body = mark_safe(html.strip())  # noqa: S308
        html = render_to_string("emails/layout.html", {**context, "body": body})
    return text.strip() + "\n", html


def send_templated_email(name: str, *, to: list[str], context: dict) -> None:
    context = {
        "site_url": site_url(),
        "service_name": settings.SERVICE_NAME,
        **context,
    }
    subject = render_to_string(f"emails/{name}_subject.txt", context).strip()
    text, html = in_layout(
        subject,
        render_to_string(f"emails/{name}_body.txt", context),
        render_to_string(f"emails/{name}_body.html", context),
    )
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to)
    message.attach_alternative(html, "text/html")
    message.send()
