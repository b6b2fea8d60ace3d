"""Every network page and action for every persona: 200/302/403/404/405.

Refused POSTs must write nothing (checked at the bottom)."""

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
MEMBERS = {"anonymous": 302, **dict.fromkeys(ALL[1:], 200)}
MEMBERS_ONLY_404 = {"anonymous": 404, **dict.fromkeys(ALL[1:], 200)}
COORDINATORS = {
    "anonymous": 302,
    "peer_worker": 403,
    "lead_a": 403,
    "lead_b": 403,
    "coordinator": 200,
    "admin": 200,
}
OWN_TRUST = {**COORDINATORS, "lead_a": 200}
POST_ONLY = dict.fromkeys(ALL, 405)
# Calendar link questions with no link yet: straight back to the calendar page.
NO_LINK_YET = dict.fromkeys(ALL, 302)
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
    attendance = MeetingAttendance.objects.create(
        meeting=meeting, user=personas["lead_a"], trust=trust_a
    )
    agenda = meeting.agenda_items.get()
    m, h, a = meeting.pk, held.pk, item_a.pk
    return {
        "trust-list": ("/network/trusts/", PUBLIC),
        "trust-detail": (f"/network/trusts/{trust_a.pk}/", PUBLIC),
        "trust-detail-missing": ("/network/trusts/99999/", NOT_FOUND),
        "trust-create": ("/network/trusts/new/", COORDINATORS),
        "trust-update": (f"/network/trusts/{trust_a.pk}/edit/", COORDINATORS),
        "trust-contact": (f"/network/trusts/{trust_a.pk}/contact/", OWN_TRUST),
        "meeting-list": ("/network/meetings/", PUBLIC),
        "meeting-detail-private": (f"/network/meetings/{m}/", MEMBERS_ONLY_404),
        "meeting-detail-public": (f"/network/meetings/{public_meeting.pk}/", PUBLIC),
        "meeting-ics-private": (f"/network/meetings/{m}/meeting.ics", MEMBERS_ONLY_404),
        "meeting-ics-public": (
            f"/network/meetings/{public_meeting.pk}/meeting.ics",
            PUBLIC,
        ),
        "meeting-create": ("/network/meetings/new/", COORDINATORS),
        "meeting-update": (f"/network/meetings/{m}/edit/", COORDINATORS),
        "meeting-attendance": (f"/network/meetings/{m}/attendance/", COORDINATORS),
        "attendance-add": (f"/network/meetings/{m}/attendance/add/", COORDINATORS),
        "invite-leads": (
            f"/network/meetings/{m}/attendance/invite-leads/",
            POST_ONLY,
        ),
        "respond": (
            f"/network/meetings/{m}/respond/{attendance.pk}/",
            OWN_TRUST,
        ),
        "agenda-create": (f"/network/meetings/{m}/agenda/new/", COORDINATORS),
        "agenda-update": (
            f"/network/meetings/{m}/agenda/{agenda.pk}/edit/",
            COORDINATORS,
        ),
        "agenda-delete": (
            f"/network/meetings/{m}/agenda/{agenda.pk}/delete/",
            COORDINATORS,  # a GET asks "are you sure?" first
        ),
        "agenda-action": (
            f"/network/meetings/{m}/agenda/{agenda.pk}/action/",
            COORDINATORS,
        ),
        "meeting-action": (f"/network/meetings/{h}/action/", COORDINATORS),
        "matters-arising": (
            f"/network/meetings/{m}/agenda/matters-arising/",
            POST_ONLY,
        ),
        "minutes": (f"/network/meetings/{h}/minutes/", COORDINATORS),
        "minutes-approve": (f"/network/meetings/{h}/minutes/approve/", COORDINATORS),
        "minutes-comment": (f"/network/meetings/{h}/minutes/comments/", POST_ONLY),
        "meeting-held": (f"/network/meetings/{m}/held/", POST_ONLY),
        "meeting-cancel": (f"/network/meetings/{m}/cancel/", COORDINATORS),
        "meeting-postpone": (f"/network/meetings/{m}/postpone/", COORDINATORS),
        "calendar-settings": ("/network/calendar/", MEMBERS),
        "calendar-rotate": ("/network/calendar/new-link/", NO_LINK_YET),
        "calendar-revoke": ("/network/calendar/revoke/", NO_LINK_YET),
        "calendar-feed-bad-token": ("/network/calendar/not-a-token.ics", NOT_FOUND),
        "action-list": ("/network/actions/", MEMBERS),
        "my-actions": ("/network/actions/mine/", MEMBERS),
        "action-print": ("/network/actions/print/", MEMBERS),
        "action-csv": ("/network/actions/export.csv", MEMBERS),
        "action-create": ("/network/actions/new/", COORDINATORS),
        "action-detail": (f"/network/actions/{a}/", MEMBERS),
        "action-missing": ("/network/actions/99999/", {**NOT_FOUND, "anonymous": 302}),
        "action-update": (f"/network/actions/{a}/edit/", COORDINATORS),
        "action-progress": (f"/network/actions/{a}/progress/", OWN_TRUST),
        "plan-list": ("/network/plans/", MEMBERS),
        "plan-detail": (f"/network/plans/{item_a.plan_id}/", MEMBERS),
        "plan-create": ("/network/plans/new/", COORDINATORS),
        "plan-update": (f"/network/plans/{item_a.plan_id}/edit/", COORDINATORS),
        "objective-create": (
            f"/network/plans/{item_a.plan_id}/objectives/new/",
            COORDINATORS,
        ),
        "tor-list": ("/network/terms-of-reference/", PUBLIC),
        "tor-detail-approved": (
            f"/network/terms-of-reference/{approved_tor.pk}/",
            PUBLIC,
        ),
        "tor-detail-draft": (
            f"/network/terms-of-reference/{draft_tor.pk}/",
            MEMBERS_ONLY_404,
        ),
        "tor-create": ("/network/terms-of-reference/new/", COORDINATORS),
        "tor-edit": (f"/network/terms-of-reference/{draft_tor.pk}/edit/", COORDINATORS),
        "tor-approve": (
            f"/network/terms-of-reference/{draft_tor.pk}/approve/",
            COORDINATORS,
        ),
        "tor-review": (
            f"/network/terms-of-reference/{approved_tor.pk}/review/",
            COORDINATORS,
        ),
        "tor-new-version": (
            f"/network/terms-of-reference/{approved_tor.pk}/new-version/",
            COORDINATORS,
        ),
        "tor-compare": (
            f"/network/terms-of-reference/compare/?a={approved_tor.pk}&b={draft_tor.pk}",
            MEMBERS,
        ),
    }


PAGES = [
    "trust-list",
    "trust-detail",
    "trust-detail-missing",
    "trust-create",
    "trust-update",
    "trust-contact",
    "meeting-list",
    "meeting-detail-private",
    "meeting-detail-public",
    "meeting-ics-private",
    "meeting-ics-public",
    "meeting-create",
    "meeting-update",
    "meeting-attendance",
    "attendance-add",
    "invite-leads",
    "respond",
    "agenda-create",
    "agenda-update",
    "agenda-delete",
    "agenda-action",
    "meeting-action",
    "matters-arising",
    "minutes",
    "minutes-approve",
    "minutes-comment",
    "meeting-held",
    "meeting-cancel",
    "meeting-postpone",
    "calendar-settings",
    "calendar-rotate",
    "calendar-revoke",
    "calendar-feed-bad-token",
    "action-list",
    "my-actions",
    "action-print",
    "action-csv",
    "action-create",
    "action-detail",
    "action-missing",
    "action-update",
    "action-progress",
    "plan-list",
    "plan-detail",
    "plan-create",
    "plan-update",
    "objective-create",
    "tor-list",
    "tor-detail-approved",
    "tor-detail-draft",
    "tor-create",
    "tor-edit",
    "tor-approve",
    "tor-review",
    "tor-new-version",
    "tor-compare",
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
