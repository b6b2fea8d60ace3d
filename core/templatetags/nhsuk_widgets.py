"""Fast paths for widget templates drawn many times per page."""

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()

PLAIN_OPTION = "django/forms/widgets/select_option.html"
# Django's empty choice, which no person would write: a required field asks
# for a choice, an optional one offers "None". Filters name their own ("Any band").
DJANGO_BLANK = "---------"


def _attrs(attrs: dict) -> SafeString:
    """What django/forms/widgets/attrs.html draws, escaped the same way."""
    return format_html_join(
        "",
        "{}",
        (
            (
                format_html(" {}", name)
                if value is True
                else format_html(' {}="{}"', name, str(value)),
            )
            for name, value in attrs.items()
            if value is not False
        ),
    )


def _option(option: dict, required: bool) -> SafeString:
    if option["template_name"] != PLAIN_OPTION:  # a widget with its own markup
        return render_to_string(option["template_name"], {"widget": option})
    label = option["label"]
    if label == DJANGO_BLANK:
        label = "Choose one" if required else "None"
    return format_html(
        '<option value="{}"{}>{}</option>',
        str(option["value"]),
        _attrs(option["attrs"]),
        label,
    )


@register.simple_tag
def select_options(widget: dict) -> SafeString:
    """The <option>s (and <optgroup>s) of a select widget's context.

    Same markup as Django's select.html and select_option.html; drawn here
    because the template engine spent ~60 µs per option, which made the
    filter panels (100+ options) the largest part of the list pages."""
    parts = []
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(format_html('<optgroup label="{}">', group_name))
        parts.extend(_option(option, widget.get("required")) for option in options)
        if group_name:
            parts.append(format_html("</optgroup>"))
    return format_html_join("\n  ", "{}", ((part,) for part in parts))
