from django import template
from django.utils.safestring import mark_safe

from core.markup import markdown_to_text, render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> str:
    """`{% load markup %}{{ text|markdown }}`: sanitised HTML from Markdown."""
    return mark_safe(render_markdown(text))  # noqa: S308 - nh3 has cleaned it


@register.filter(name="plaintext")
def plaintext_filter(text: str) -> str:
    """`{{ text|plaintext }}`: Markdown as plain words (escaped as usual)."""
    return markdown_to_text(text)
