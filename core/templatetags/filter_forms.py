"""A list page's filter form, drawn once per state: `{% load filter_forms %}`.

`{% filter_form filter %}{{ form|crispy }}{% endfilter_form %}`
    Renders what is inside with only `form` (the FilterSet's form, or the form
    itself) in the context, and keeps the HTML in the "figures" cache
    (core.filters.render_cached): the next request with the same filters,
    widgets and choices gets it without drawing. Anything else the markup
    needs is passed by name and is part of the key:
    `{% filter_form filter stale_weeks=stale_weeks %}…{% endfilter_form %}`.
"""

import hashlib

from django import template
from django.template.base import TokenType

from core.filters import render_cached

register = template.Library()


class FilterFormNode(template.Node):
    def __init__(self, owner, extras, nodelist, source):
        self.owner = owner
        self.extras = extras
        self.nodelist = nodelist
        self.source = source

    def render(self, context):
        owner = self.owner.resolve(context)
        form = getattr(owner, "form", owner)
        extras = {name: value.resolve(context) for name, value in self.extras.items()}

        def draw() -> str:
            # Only what the key covers, so a cached copy can never differ.
            with context.render_context.push():
                inner = context.new({"form": form, **extras})
                return self.nodelist.render(inner)

        key_extra = [self.source, *sorted((k, repr(v)) for k, v in extras.items())]
        # A tag's output is placed as it is (only variables are escaped), and
        # what draw() gives was escaped by the template that drew it.
        return render_cached(owner, draw, key_extra)


@register.tag("filter_form")
def filter_form(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("filter_form needs a filter or a form")
    extras = {}
    for bit in bits[2:]:
        name, sep, value = bit.partition("=")
        if not sep:
            raise template.TemplateSyntaxError(
                f"filter_form: {bit!r} is not name=value"
            )
        extras[name] = parser.compile_filter(value)
    source = _source_until(parser, "endfilter_form")
    nodelist = parser.parse(("endfilter_form",))
    parser.delete_first_token()
    return FilterFormNode(parser.compile_filter(bits[1]), extras, nodelist, source)


def _source_until(parser, end: str) -> str:
    """A digest of the markup up to `end`, so a changed template is a new key."""
    digest = hashlib.sha256()
    for token in reversed(parser.tokens):  # the parser pops from the end
        if token.token_type == TokenType.BLOCK and token.contents == end:
            break
        digest.update(f"{token.token_type}:{token.contents}\n".encode())
    return digest.hexdigest()
