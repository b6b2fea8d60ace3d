"""The header navigation, by role. Items whose page does not exist yet are skipped."""

from dataclasses import dataclass
from functools import lru_cache

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

ANON, PEER, LEAD, COORD = "anonymous", "peer_worker", "trust_lead", "coordinator"
EVERYONE = (ANON, PEER, LEAD, COORD)
SIGNED_IN = (PEER, LEAD, COORD)


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: tuple[str, ...]


NAV_ITEMS = [
    NavItem("Home", "core:dashboard", SIGNED_IN),
    NavItem("Member trusts", "network:trust-list", EVERYONE),
    NavItem("Meetings", "network:meeting-list", EVERYONE),
    NavItem("Action plan", "network:action-list", SIGNED_IN),
    NavItem("Posts", "workforce:post-list", (LEAD, COORD)),
    NavItem("Workforce", "workforce:dashboard", EVERYONE),
    NavItem("Standards", "standards:standard-list", EVERYONE),
    NavItem("Training", "training:catalogue", EVERYONE),
    NavItem("My training", "training:my-training", (PEER,)),
    NavItem("People", "accounts:people", (COORD,)),
    NavItem("Outbox", "core:notifications", (COORD,)),
    NavItem("Audit log", "audit:event-list", (COORD,)),
]


def role_of(user) -> str:
    if not user.is_authenticated:
        return ANON
    if user.is_coordinator:
        return COORD
    return user.role


def url_of(url_name: str) -> str | None:
    """reverse() for a URL without arguments, or None if it does not exist.

    Remembered per URLconf and script prefix: the menu is drawn on every page
    and reversing its dozen links cost about 0.4 ms a request."""
    return _reverse_once(url_name, get_urlconf(), get_script_prefix())


def page_url(url_name: str) -> str:
    """url_of() for a link the layout always shows: a missing page is an error,
    as with `{% url %}`, not a link quietly left out."""
    url = url_of(url_name)
    if url is None:
        raise NoReverseMatch(f"{url_name!r} is not a page without arguments")
    return url


@lru_cache(maxsize=128)
def _reverse_once(url_name: str, urlconf, script_prefix: str) -> str | None:
    try:
        return reverse(url_name, urlconf=urlconf)
    except NoReverseMatch:
        return None


def navigation_for(request) -> list[dict]:
    role = role_of(request.user)
    items = []
    for item in NAV_ITEMS:
        if role not in item.roles:
            continue
        url = url_of(item.url_name)
        if url is None:
            continue
        current = request.path == url or (url != "/" and request.path.startswith(url))
        # An inner page of this section: its label goes in the page title.
        section = current and request.path != url
        items.append(
            {"label": item.label, "url": url, "current": current, "section": section}
        )
    return items


def sections_of(navigation: list[dict]) -> list[str]:
    """The labels of the sections this page is inside, for its title."""
    return [item["label"] for item in navigation if item["section"]]
