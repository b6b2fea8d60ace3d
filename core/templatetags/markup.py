from django import template
from django.utils.safestring import mark_safe

from core.markup import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> str:
    """`{% load markup %}{{ text|markdown }}`: sanitised HTML from Markdown."""
    return mark_safe(render_markdown(text))  # noqa: S308 - nh3 has cleaned it
