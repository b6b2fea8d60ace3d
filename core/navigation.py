"""The header navigation, by role. Items whose page does not exist yet are skipped."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

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


def navigation_for(request) -> list[dict]:
    role = role_of(request.user)
    items = []
    for item in NAV_ITEMS:
        if role not in item.roles:
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        current = request.path == url or (url != "/" and request.path.startswith(url))
        # An inner page of this section: its label goes in the page title.
        section = current and request.path != url
        items.append(
            {"label": item.label, "url": url, "current": current, "section": section}
        )
    return items
