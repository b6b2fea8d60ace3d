"""The question asked before a destructive action.

The service works without JavaScript, so "Are you sure?" is a page of its own:
the button on the page before is a link here (GET), and only the button on this
page sends the POST that does the thing. Every view that removes, withdraws,
revokes or gives something away answers a GET with this page.
"""

from django.shortcuts import render


def confirm_page(
    request,
    *,
    heading: str,
    confirm_label: str,
    back_url: str,
    back_label: str,
    explanation: tuple[str, ...] = (),
    caption: str = "",
    breadcrumbs: list[dict] | None = None,
):
    """Render the shared confirmation page; its form posts back to this URL."""
    return render(
        request,
        "core/confirm.html",
        {
            "heading": heading,
            "caption": caption,
            "explanation": explanation,
            "confirm_label": confirm_label,
            "back_url": back_url,
            "back_label": back_label,
            "action_url": request.path,
            "breadcrumbs": breadcrumbs or [],
        },
    )
