"""`{% load standards_tags %}`: the standards pages' own tags."""

from django import template
from django.utils.html import format_html

register = template.Library()

# A version's status → its tag colour, for every page that shows one.
VERSION_STATUS_CLASSES = {
    "approved": "nhsuk-tag--green",
    "consultation": "nhsuk-tag--blue",
    "due_for_review": "nhsuk-tag--yellow",
    "withdrawn": "nhsuk-tag--red",
    "superseded": "nhsuk-tag--white",
}


@register.simple_tag
def version_status_tag(version) -> str:
    """A version's status as a tag: colour plus the word, never colour alone."""
    return format_html(
        '<strong class="nhsuk-tag {}">{}</strong>',
        VERSION_STATUS_CLASSES.get(version.status, "nhsuk-tag--grey"),
        version.get_status_display(),
    )
