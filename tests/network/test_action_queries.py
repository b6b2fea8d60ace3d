"""The action list costs the same number of queries at 10 and at 500 items."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network.models import ActionItem

pytestmark = pytest.mark.django_db


def _make(objective, owner, trust, n):
    ActionItem.objects.bulk_create(
        ActionItem(
            plan=objective.plan,
            objective=objective,
            ref=f"4.{i}",
            action=f"Action {i}",
            owner=owner,
            lead_trust=trust,
            due_date=objective.plan.period_end,
            original_due_date=objective.plan.period_end,
            status="in_progress",
            rag="green",
        )
        for i in range(n)
    )


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert response.status_code == 200
        if response.streaming:  # CSV rows are read while the download streams
            b"".join(response.streaming_content)
    return len(ctx.captured_queries)


PAGES = [
    "/network/actions/",
    "/network/actions/mine/",
    "/network/actions/print/",
    "/network/actions/export.csv",
]


@pytest.mark.parametrize("url", PAGES)
def test_query_count_does_not_grow_with_items(
    login, coordinator, objective, lead_a, trust_a, url
):
    client = login(coordinator)
    client.get(url)  # warm per-process caches (content types, session) first
    _make(objective, lead_a, trust_a, 10)
    client.get(url)  # the new owners are new filter choices: the form is drawn once
    small = _count(client, url)
    ActionItem.objects.all().delete()
    _make(objective, lead_a, trust_a, 500)
    client.get(url)  # as above: the same warm caches for both counts
    large = _count(client, url)
    assert small == large
    assert large <= 20


@pytest.mark.parametrize("url", PAGES)
def test_choosing_a_plan_owner_and_trust_costs_no_extra_query(
    login, coordinator, objective, lead_a, trust_a, url
):
    # Their choices load only the columns a choice shows; the chosen rows must
    # not reach for another column (a query each) on any of the pages. The three
    # chosen are looked up (one query each) instead of the active plan.
    _make(objective, lead_a, trust_a, 10)
    client = login(coordinator)
    chosen = f"{url}?plan={objective.plan_id}&owner={lead_a.pk}&lead_trust={trust_a.pk}"
    for page in (url, chosen):
        client.get(page)  # warm the caches, the filter form's included
    assert _count(client, chosen) == _count(client, url) + 2
