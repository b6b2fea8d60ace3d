"""Destructive actions ask first, on a page of their own (no JavaScript needed).

For each one: a GET from someone allowed to do it shows the shared confirmation
page, whose only form posts back to the same URL, and changes nothing; the POST
does the thing. The objects come from the permission-test declarations.
"""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.policies import writes
from tests.security.inventory import all_checks

# URL name -> the role that may do it.
ASKS_FIRST = {
    "training:booking-cancel": "peer_worker",
    "training:booking-decline": "peer_worker",
    "training:interest-withdraw": "peer_worker",
    "training:session-delete": "coordinator",
    "network:agenda-delete": "coordinator",
    "network:paper-delete": "coordinator",
    "network:calendar-rotate": "lead_a",
    "network:calendar-revoke": "lead_a",
    "api:token-revoke": "lead_a",
    "standards:comment-delete": "lead_a",
    "accounts:person-deactivate": "coordinator",
    "accounts:invitation-cancel": "coordinator",
}
POLICIES = {p.name: p for p in all_checks() if p.name in ASKS_FIRST}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ASKS_FIRST))
def test_destructive_action_asks_first_and_changes_nothing(name, world, client_for):
    policy = POLICIES[name]
    url = reverse(name, kwargs=policy.kwargs(world) if policy.kwargs else {})
    client = client_for(ASKS_FIRST[name])
    if name.startswith("network:calendar-"):
        client.post(reverse("network:calendar-rotate"))  # a link to lose
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    assert page.status_code == 200
    assert not writes(queries.captured_queries), "the question changed something"
    html = page.content.decode()
    assert "<h1>Are you sure you want to" in html
    forms = re.findall(r'<form method="post" action="([^"]+)"', html)
    assert forms == [url]  # the one button posts the action itself
    assert 'class="nhsuk-button nhsuk-button--warning"' in html
    assert client.post(url).status_code == 302


@pytest.mark.django_db
def test_turning_down_a_place_happens_only_after_confirming(world, client_for):
    from tests.policies.training import booking

    offered = booking(world)
    offered.status = "offered"
    offered.offer_expires_at = timezone.now() + timedelta(days=2)
    offered.save(update_fields=["status", "offer_expires_at"])
    client = client_for("peer_worker")
    my_training = client.get(reverse("training:my-training")).content.decode()
    decline = reverse("training:booking-decline", args=[offered.pk])
    assert f'href="{decline}"' in my_training
    assert not re.search(rf'<form[^>]+action="{decline}"', my_training)
    question = client.get(decline).content.decode()
    assert "Are you sure you want to turn down this place?" in question
    offered.refresh_from_db()
    assert offered.status == "offered"
    client.post(decline)
    offered.refresh_from_db()
    assert offered.status == "cancelled"


DESTRUCTIVE = re.compile(
    r'<form[^>]+action="[^"]*/(delete|revoke|decline|withdraw|deactivate|cancel|new-link)/"'
)


@pytest.mark.django_db
def test_no_page_posts_straight_to_a_destructive_action(world, client_for):
    """The pages that offer these actions link to the question instead."""
    from tests.policies.accounts import invited, person
    from tests.policies.network import agenda_kw, meeting_pk, paper_kw
    from tests.policies.training import booking, interest, opp_pk, session

    booking(world), interest(world), session(world)
    paper_kw(world), agenda_kw(world)
    pages = {
        "coordinator": [
            reverse("accounts:person", kwargs=person(world)),
            reverse("accounts:person", kwargs=invited(world)),
            reverse("network:meeting-detail", kwargs=meeting_pk(world)),
            reverse("training:opportunity-detail", kwargs=opp_pk(world)),
        ],
        "lead_a": [reverse("network:calendar-settings"), reverse("api:token-list")],
        "peer_worker": [reverse("training:my-training")],
    }
    for role, urls in pages.items():
        client = client_for(role)
        if role == "lead_a":
            client.post(reverse("network:calendar-rotate"))  # a link to turn off
        for url in urls:
            page = client.get(url)
            assert page.status_code == 200, url
            found = DESTRUCTIVE.search(page.content.decode())
            assert not found, f"{url} posts straight to {found.group(0)}"


@pytest.mark.django_db
def test_no_question_about_a_calendar_link_that_does_not_exist(client_for):
    client = client_for("lead_a")
    for name in ("network:calendar-revoke", "network:calendar-rotate"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"] == reverse("network:calendar-settings")
