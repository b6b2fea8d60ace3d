"""The page layout's links: `{% load layout %}`.

`{% page_url "core:about" %}`
    `{% url %}` for a page without arguments, reversed once per URLconf and
    script prefix (core.navigation.url_of) instead of on every page: the
    header and footer draw a dozen such links on every page.
"""

from django import template

from core.navigation import page_url as reverse_page

register = template.Library()


@register.simple_tag(name="page_url")
def page_url(url_name: str) -> str:
    return reverse_page(url_name)
