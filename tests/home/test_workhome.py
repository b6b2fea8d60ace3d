"""The work home: right counts per role, lists of exactly those items, access
rules (a trust lead never counts another trust's rows), the header count and a
fixed number of queries whatever the data size."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core import workhome_cache
from home import workhome
from network.models import ActionItem
from tests.home import workhome_data as data
from workforce.models import Post, WorkforceReturn


@pytest.fixture(autouse=True)
def _fresh_workhome_cache(db):
    workhome_cache.generations.bump()


def build(k, personas):
    return data.populate(
        k,
        coordinator=personas["coordinator"],
        lead=personas["lead_a"],
        peer=personas["peer_worker"],
        trust=personas["lead_a"].trust,
        other_trust=personas["lead_b"].trust,
    )


def counts(user):
    return {line["key"]: line["count"] for line in workhome.compute(user)}


def test_each_role_sees_every_line_with_the_right_count(personas):
    build(2, personas)
    k = 2
    assert counts(personas["coordinator"]) == {
        "scan": 1,  # no reminder scan has run in this test
        "actions-overdue": k,
        "actions-quiet": k,
        "emails-failed": k,
        "minutes-not-drafted": k,
        "minutes-draft": k,
        "returns-submitted": 2 * k,  # both trusts
        "returns-overdue": 2 * k,
        "proposals": k,
        "consultations-closing": k,
        "tor-review": 1,  # only one version is ever approved
        "standards-review": k,
        "trusts-without-lead": k,
        "invitations": k,
    }
    assert counts(personas["lead_a"]) == {
        "my-returns": k,  # never trust B's
        "funding-ending": k,
        "recruiting-long": k,
        "posts-unchanged": k,
        "readiness-evidence": k,
        "trust-consultations": 2 * k,
        "my-actions": k,
    }
    assert counts(personas["peer_worker"]) == {
        "offers": k,
        "bookings": k,
        "consultations-open": 2 * k,
        "new-training": k,
    }


def test_line_order_follows_the_role(personas):
    build(1, personas)
    keys = [line["key"] for line in workhome.compute(personas["coordinator"])]
    assert keys == ["scan", *data.COORDINATOR_LINES]
    keys = [line["key"] for line in workhome.compute(personas["lead_a"])]
    assert keys == data.LEAD_LINES
    keys = [line["key"] for line in workhome.compute(personas["peer_worker"])]
    assert keys == data.PEER_LINES


def test_a_trust_lead_never_counts_another_trusts_rows(personas):
    build(1, personas)
    lead_b = personas["lead_b"]
    # Trust A's rows are all there, yet lead B counts only trust B's.
    for key in ("my-returns", "funding-ending", "recruiting-long", "posts-unchanged"):
        need, items = workhome.items_for(lead_b, key)
        assert items, key
        assert all("/workforce/" in url for _, url in items)
    returns = workhome.BY_KEY["my-returns"].select(lead_b, timezone.localdate())
    assert {r.trust_id for r in returns} == {lead_b.trust_id}
    posts = workhome.BY_KEY["funding-ending"].select(lead_b, timezone.localdate())
    assert {p.trust_id for p in posts} == {lead_b.trust_id}


def test_each_list_page_shows_exactly_the_items_counted(personas, login):
    build(2, personas)
    for role, lines in (
        ("coordinator", data.COORDINATOR_LINES),
        ("lead_a", data.LEAD_LINES),
        ("peer_worker", data.PEER_LINES),
    ):
        user = personas[role]
        client = login(user)
        shown = {line["key"]: line for line in workhome.compute(user)}
        for key in lines:
            url = shown[key]["url"]
            response = client.get(url)
            assert response.status_code == 200, (role, key, url)
            if url.startswith("/dashboard/needs/"):
                _, items = workhome.items_for(user, key)
                assert len(items) == shown[key]["count"], (role, key)
                assert response.content.decode().count("<li><a href=") == len(items)


def test_filtered_action_list_lists_exactly_the_overdue_and_quiet_ones(personas, login):
    build(1, personas)
    client = login(personas["coordinator"])
    today = timezone.localdate()
    overdue = ActionItem.objects.overdue(today)
    page = client.get("/network/actions/?overdue=on")
    assert page.context["page"].paginator.count == overdue.count() == 1
    page = client.get("/network/actions/?stale=on&sort=updated")
    rows = list(page.context["page"])
    assert len(rows) == 1
    assert rows[0].current_rag == "amber"
    assert "No update since" in page.content.decode()


def test_lists_belong_to_their_role_only(personas, login):
    build(1, personas)
    for role, allowed in (
        ("coordinator", data.COORDINATOR_LINES),
        ("lead_a", [*data.LEAD_LINES, "offers", "bookings"]),
        ("peer_worker", data.PEER_LINES),
    ):
        client = login(personas[role])
        for need in workhome.NEEDS:
            status = client.get(f"/dashboard/needs/{need.key}/").status_code
            has_list = need.describe is not None and need.key in allowed
            assert status == (200 if has_list else 404), (role, need.key)
    assert (
        login(personas["lead_a"]).get("/dashboard/needs/nonsense/").status_code == 404
    )


def test_acting_on_an_item_removes_it_from_the_home(
    personas, login, django_capture_on_commit_callbacks
):
    build(1, personas)
    lead = personas["lead_a"]
    client = login(lead)
    assert client.get("/dashboard/").context["lines"][0]["key"] == "my-returns"
    ret = WorkforceReturn.objects.get(trust=lead.trust, status="open")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/workforce/returns/{ret.pk}/submit/")
    assert response.status_code == 302
    keys = [line["key"] for line in client.get("/dashboard/").context["lines"]]
    assert "my-returns" not in keys


def test_header_shows_the_open_count_with_its_meaning(personas, login):
    build(1, personas)
    client = login(personas["peer_worker"])
    total = sum(line["count"] for line in workhome.compute(personas["peer_worker"]))
    page = client.get("/training/").content.decode()
    assert (
        f'<span class="app-nav-count" id="work-count">{total}'
        f'<span class="nhsuk-u-visually-hidden"> things need you</span>'
    ) in page


def test_empty_state_says_nothing_needs_you(personas, login):
    page = login(personas["peer_worker"]).get("/dashboard/").content.decode()
    assert "Nothing needs you today." in page
    assert 'id="work-count"' not in page


def test_offer_deadline_in_words():
    now = timezone.make_aware(datetime(2026, 3, 27, 9, 0))
    assert workhome.deadline_in_words(now + timedelta(hours=8), now) == "5pm today"
    tomorrow = now + timedelta(days=1, hours=8, minutes=30)
    assert workhome.deadline_in_words(tomorrow, now) == "5:30pm tomorrow"
    # Across the clocks going forward (29 March 2026 in London).
    later = timezone.make_aware(datetime(2026, 3, 30, 17, 0))
    assert workhome.deadline_in_words(later, now) == "5pm on Monday 30 March 2026"


EXPECTED_LINES = {
    "coordinator": ["scan", *data.COORDINATOR_LINES],
    "lead_a": data.LEAD_LINES,
    "peer_worker": data.PEER_LINES,
}


@pytest.mark.parametrize("role", list(EXPECTED_LINES))
def test_home_runs_the_same_queries_at_two_data_sizes(personas, login, role):
    user = personas[role]
    client = login(user)

    def queries(k):
        build(k, personas)
        workhome_cache.generations.bump()
        client.get("/dashboard/")  # the session and site caches warm
        workhome_cache.generations.bump()
        with CaptureQueriesContext(connection) as uncached:
            response = client.get("/dashboard/")
        with CaptureQueriesContext(connection) as cached:
            client.get("/dashboard/")
        keys = [line["key"] for line in response.context["lines"]]
        assert keys == EXPECTED_LINES[role]  # every line has items in it
        return len(uncached), len(cached)

    small, large = queries(1), queries(4)  # 1, then 5 items in every line
    assert small == large, f"queries grow with the data: {small} then {large}"
    print(f"{role}'s work home queries (uncached, cached):", small)
    assert Post.objects.count() > 12  # the second size really is bigger


def test_action_lines_count_only_the_active_plan_their_list_shows(personas):
    from network.models import ActionPlan, Objective

    plan = build(1, personas)
    old = ActionPlan.objects.create(
        title="Old plan",
        period_start=plan.period_start - timedelta(days=1000),
        period_end=plan.period_start - timedelta(days=1),
        status="closed",
    )
    objective = Objective.objects.create(
        plan=old, ref="1", title="Old", strand="network"
    )
    ActionItem.objects.create(
        objective=objective,
        ref="1.1",
        action="Left open when the plan closed",
        owner=personas["coordinator"],
        due_date=old.period_end,
        status="in_progress",
    )
    found = counts(personas["coordinator"])
    assert found["actions-overdue"] == 1 and found["actions-quiet"] == 1


def test_times_read_the_nhs_way():
    from core.dates import clock

    assert clock(timezone.make_aware(datetime(2026, 6, 1, 17, 0))) == "5pm"
    assert clock(timezone.make_aware(datetime(2026, 6, 1, 9, 30))) == "9:30am"
