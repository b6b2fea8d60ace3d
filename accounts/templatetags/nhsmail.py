from django import template

from accounts import nhsmail

register = template.Library()


@register.simple_tag
def nhsmail_sign_in_enabled() -> bool:
    """Show "Sign in with NHSmail" only when the provider is configured."""
    return nhsmail.is_configured()
