"""List endpoints run a fixed number of queries, however many rows they return."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from network.models import ActionItem
from training.models import TrainingOpportunity

from .conftest import make_post


def _queries(client, url) -> int:
    client.get(url)  # warm up: the first use of a token also records it
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _more_actions(objective, owner, n):
    for i in range(n):
        ActionItem.objects.create(
            objective=objective,
            ref=f"4.{10 + i}",
            action="Another action",
            owner=owner,
            due_date=timezone.localdate() + timedelta(days=30),
        )


def _more_opportunities(opportunity, n):
    for i in range(n):
        opportunity.pk = None
        opportunity.title = f"Course {i}"
        opportunity.save()


@pytest.mark.django_db
def test_posts_list(api, coordinator, trust_a):
    client = api(coordinator)
    make_post(trust_a, local_ref="P-0")
    few = _queries(client, "/api/v1/posts/")
    for i in range(1, 8):
        make_post(trust_a, local_ref=f"P-{i}")
    assert _queries(client, "/api/v1/posts/") == few


@pytest.mark.django_db
def test_actions_list(api, coordinator, item_a, objective, lead_a):
    client = api(coordinator)
    few = _queries(client, "/api/v1/actions/")
    _more_actions(objective, lead_a, 6)
    assert _queries(client, "/api/v1/actions/") == few


@pytest.mark.django_db
def test_opportunities_list(api, opportunity):
    client = api()
    few = _queries(client, "/api/v1/training/opportunities/")
    _more_opportunities(TrainingOpportunity.objects.get(), 6)
    assert _queries(client, "/api/v1/training/opportunities/") == few
