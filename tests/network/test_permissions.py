"""Network pages for objects in a state the access policy does not build.

The status of every network URL for every role, on the object each URL
normally serves, is declared once in tests/policies/network.py and checked by
tests/security/test_policy_inventory.py. Here: the same URLs for a missing
object, a public meeting, an approved terms of reference, a bad calendar token
and a held meeting with draft minutes, then refused POSTs that must write
nothing (checked at the bottom)."""

import pytest

from network.models import (
    ActionItem,
    AgendaItem,
    Meeting,
    MeetingAttendance,
    MemberTrust,
    TermsOfReference,
)
from tests.network.conftest import at, make_meeting

pytestmark = pytest.mark.django_db

ALL = ["anonymous", "peer_worker", "lead_a", "lead_b", "coordinator", "admin"]
PUBLIC = dict.fromkeys(ALL, 200)
COORDINATORS = {
    "anonymous": 302,
    "peer_worker": 403,
    "lead_a": 403,
    "lead_b": 403,
    "coordinator": 200,
    "admin": 200,
}
NOT_FOUND = dict.fromkeys(ALL, 404)


@pytest.fixture
def world(personas, trust_a, meeting, public_meeting, approved_tor, draft_tor, item_a):
    held = make_meeting(
        title="Held meeting",
        status="held",
        minutes="Draft",
        minutes_status="draft",
        starts_at=at(2025, 1, 10),
        ends_at=at(2025, 1, 10, 12),
    )
    MeetingAttendance.objects.create(
        meeting=meeting, user=personas["lead_a"], trust=trust_a
    )
    return {
        "trust-detail-missing": ("/network/trusts/99999/", NOT_FOUND),
        "meeting-detail-public": (f"/network/meetings/{public_meeting.pk}/", PUBLIC),
        "meeting-ics-public": (
            f"/network/meetings/{public_meeting.pk}/meeting.ics",
            PUBLIC,
        ),
        "minutes": (f"/network/meetings/{held.pk}/minutes/", COORDINATORS),
        "calendar-feed-bad-token": ("/network/calendar/not-a-token.ics", NOT_FOUND),
        "action-missing": ("/network/actions/99999/", {**NOT_FOUND, "anonymous": 302}),
        "tor-detail-approved": (
            f"/network/terms-of-reference/{approved_tor.pk}/",
            PUBLIC,
        ),
        "tor-review": (
            f"/network/terms-of-reference/{approved_tor.pk}/review/",
            COORDINATORS,
        ),
    }


PAGES = [
    "trust-detail-missing",
    "meeting-detail-public",
    "meeting-ics-public",
    "minutes",
    "calendar-feed-bad-token",
    "action-missing",
    "tor-detail-approved",
    "tor-review",
]


@pytest.mark.parametrize("who", ALL)
@pytest.mark.parametrize("page", PAGES)
def test_permission_matrix(login, personas, world, page, who):
    url, expected = world[page]
    response = login(personas[who]).get(url)
    assert response.status_code == expected[who], f"{page} as {who}"


def test_every_page_is_in_the_matrix(world):
    assert sorted(PAGES) == sorted(world)


def _counts():
    return [
        M.objects.count()
        for M in (
            Meeting,
            MeetingAttendance,
            AgendaItem,
            ActionItem,
            TermsOfReference,
            MemberTrust,
        )
    ]


REFUSED_POSTS = [
    ("/network/meetings/new/", {"title": "Sneaky", "meeting_type": "network"}),
    ("/network/trusts/new/", {"name": "Sneaky trust", "short_name": "S"}),
    ("/network/actions/new/", {"action": "Sneaky"}),
    ("/network/terms-of-reference/new/", {"version": "9.9"}),
]


@pytest.mark.parametrize("who", ["anonymous", "peer_worker", "lead_a", "lead_b"])
def test_refused_posts_write_nothing(login, personas, world, meeting, who):
    before = _counts()
    client = login(personas[who])
    for url, data in REFUSED_POSTS:
        assert client.post(url, data).status_code in (302, 403)
    agenda = meeting.agenda_items.get()
    for url in (
        f"/network/meetings/{meeting.pk}/held/",
        f"/network/meetings/{meeting.pk}/agenda/{agenda.pk}/delete/",
        f"/network/meetings/{meeting.pk}/agenda/matters-arising/",
        f"/network/meetings/{meeting.pk}/attendance/invite-leads/",
    ):
        assert client.post(url).status_code in (302, 403)
    assert _counts() == before
    meeting.refresh_from_db()
    assert meeting.status == "scheduled"
