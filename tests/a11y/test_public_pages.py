"""The public pages: home with live figures, about peer support, privacy, cookies."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from network.models import ActionItem, ActionPlan, Objective
from tests.network.conftest import at, make_item, make_meeting
from tests.workforce.conftest import make_post

pytestmark = pytest.mark.django_db


def strand_row(html: str, label: str) -> str:
    start = html.index(f'<th scope="row">{label}</th>')
    return html[start : html.index("</tr>", start)]


def cells(row: str) -> list[str]:
    return [part.split("<")[0] for part in row.split('numeric">')[1:]]


@pytest.fixture
def active_plan(db):
    meeting = make_meeting(starts_at=at(2024, 1, 9), ends_at=at(2024, 1, 9, 12))
    return ActionPlan.objects.create(
        title="Action plan 2024-27",
        period_start=date(2024, 1, 1),
        period_end=date(2027, 12, 31),
        status="active",
        approved_at=meeting,
    )


def test_home_counts_actions_of_the_active_plan_by_strand(
    client, active_plan, coordinator
):
    standards = Objective.objects.create(
        plan=active_plan, ref="4", title="Standards", strand="standards"
    )
    make_item(standards, coordinator, ref="4.1")  # in progress, due later
    make_item(
        standards,
        coordinator,
        ref="4.2",
        status=ActionItem.Status.COMPLETED,
        completed_on=date(2024, 5, 1),
        rag=ActionItem.Rag.BLUE,
    )
    make_item(
        standards,
        coordinator,
        ref="4.3",
        status=ActionItem.Status.NOT_STARTED,
        due_date=timezone.localdate() - timedelta(days=1),
    )
    html = client.get("/").content.decode()
    assert cells(strand_row(html, "Standards")) == ["3", "1", "1", "1"]
    # Only strands with actions are listed: some strands name a part of the
    # site, not work, and a row of noughts for them would read as no progress.
    assert '<th scope="row">Training and development</th>' not in html
    assert "Action plan 2024-27" in html


def test_home_rounds_post_counts_for_the_public(client, trust_a):
    for n in range(3):
        make_post(trust_a, local_ref=f"A-{n}", job_title="Peer Support Worker")
    html = client.get("/").content.decode()
    funded = strand_row(html, "Funded")
    assert cells(funded) == ["5", "5"]  # 3 posts and 3.00 WTE, rounded


def test_home_lists_upcoming_public_meetings_only(client):
    make_meeting(
        title="Annual celebration event",
        is_public=True,
        starts_at=at(2030, 3, 1, 10),
        ends_at=at(2030, 3, 1, 16),
    )
    make_meeting(
        title="Private steering group",
        starts_at=at(2030, 3, 2, 10),
        ends_at=at(2030, 3, 2, 12),
    )
    html = client.get("/").content.decode()
    assert "Annual celebration event</a>, 1 March 2030" in html
    assert "Private steering group" not in html


def test_about_peer_support_names_the_eight_principles(client):
    html = client.get("/about-peer-support/").content.decode()
    for principle in (
        "Mutual",
        "Reciprocal",
        "Non-directive",
        "Recovery-focused",
        "Strengths-based",
        "Inclusive",
        "Progressive",
        "Safe",
    ):
        assert f'key">{principle}</dt>' in html


def test_privacy_notice_states_the_retention_settings_in_force(client, settings):
    settings.RETENTION_CLOSED_ACCOUNT_DAYS = 45
    settings.RETENTION_NOTIFICATION_DAYS = 200
    html = client.get("/privacy/").content.decode()
    assert "45 days, then it is deleted" in html
    assert "200 days" in html


def test_cookie_page_lists_only_the_session_and_csrf_cookies(client, settings):
    html = client.get("/cookies/").content.decode()
    assert html.count('<th scope="row">') == 2
    assert f'<th scope="row">{settings.SESSION_COOKIE_NAME}</th>' in html


@pytest.mark.parametrize(
    "path", ["/", "/about-peer-support/", "/accessibility/", "/privacy/", "/cookies/"]
)
def test_footer_links_every_public_page(client, path):
    html = client.get(path).content.decode()
    footer = html[html.index('<footer class="nhsuk-footer"') :]
    for link in ("/about-peer-support/", "/accessibility/", "/privacy/", "/cookies/"):
        assert f'href="{link}"' in footer


def test_footer_about_the_network_leads_to_the_about_page(client, trust_a):
    home = client.get("/").content.decode()
    assert (
        '<a class="nhsuk-footer__list-item-link" href="/about/">About the network</a>'
        in home
    )
    about = client.get("/about/").content.decode()
    assert "<h1>About the network</h1>" in about
    assert trust_a.name in about
    for heading in ("Who is in it", "What it does", "How to get involved"):
        assert f"<h2>{heading}</h2>" in about
