from functools import lru_cache

from django import template
from django.utils.html import format_html

from network import permissions
from network.models import ActionItem, Meeting, TermsOfReference

register = template.Library()


@register.filter
def visible_to(obj, user) -> bool:
    """Whether `user` may open the page of this meeting or terms of reference,
    so a page links to it only then (a visitor never follows a link to a 404)."""
    if isinstance(obj, Meeting):
        return permissions.can_view_meeting(user, obj)
    if isinstance(obj, TermsOfReference):
        return permissions.can_view_tor(user, obj)
    raise TypeError(f"visible_to does not know {type(obj).__name__}")


RAG_CLASSES = {
    "blue": "nhsuk-tag--blue",
    "green": "nhsuk-tag--green",
    "amber": "nhsuk-tag--orange",
    "red": "nhsuk-tag--red",
    "na": "nhsuk-tag--grey",
}
RAG_LABELS = {
    "blue": "Blue",
    "green": "Green",
    "amber": "Amber",
    "red": "Red",
    "na": "N/A",
}
STATUS_CLASSES = {
    "scheduled": "nhsuk-tag--blue",
    "held": "nhsuk-tag--green",
    "cancelled": "nhsuk-tag--grey",
    "postponed": "nhsuk-tag--yellow",
    "draft": "nhsuk-tag--grey",
    "approved": "nhsuk-tag--green",
    "superseded": "nhsuk-tag--grey",
    "active": "nhsuk-tag--green",
    "closed": "nhsuk-tag--grey",
}


@register.simple_tag
@lru_cache(maxsize=16)  # a handful of values, drawn once a row on the lists
def rag_tag(rag: str):
    """A RAG tag: colour plus the word, never colour alone."""
    label = RAG_LABELS.get(rag) or (ActionItem.Rag(rag).label if rag else "")
    return format_html(
        '<strong class="nhsuk-tag {}">{}</strong>', RAG_CLASSES.get(rag, ""), label
    )


@register.simple_tag
def status_tag(value: str, label: str):
    return format_html(
        '<strong class="nhsuk-tag {}">{}</strong>', STATUS_CLASSES.get(value, ""), label
    )


@register.filter
def london(value, fmt: str = "j F Y, H:i"):
    """An instant in UK time (BST or GMT as it was on the day)."""
    from django.utils import timezone
    from django.utils.dateformat import format as dj_format

    return dj_format(timezone.localtime(value), fmt) if value else ""


@register.simple_tag
def minutes_tag(meeting: Meeting):
    return status_tag(meeting.minutes_status, meeting.get_minutes_status_display())
