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


@lru_cache(maxsize=128)
def _reverse_once(url_name: str, urlconf, script_prefix: str) -> str | None:
    try:
        return reverse(url_name, urlconf=urlconf)
    except NoReverseMatch:
        return None


# An id no row has, put where the id goes and replaced by the real one.
_ID_MARKER = "918273645546372819"


def url_with_id(url_name: str, pk) -> str:
    """reverse(url_name, args=[pk]), reversed once per URLconf and script
    prefix with a marker for the id: list pages link every row, and a reverse
    for each costs more than the rest of the row."""
    return _id_url(url_name, get_urlconf(), get_script_prefix()).replace(
        _ID_MARKER, str(pk)
    )


@lru_cache(maxsize=128)
def _id_url(url_name: str, urlconf, script_prefix: str) -> str:
    return reverse(url_name, args=[_ID_MARKER], urlconf=urlconf)


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
