"""The action list's RAG summary and stale threshold come from the figures
cache: every kind of write shows on the very next request."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.models import ReminderLeadTime
from network.models import ActionItem, ActionUpdate
from network.queries import RAG_ORDER
from network.services import apply_date_rules

pytestmark = pytest.mark.django_db


def _summary(client):
    response = client.get("/network/actions/")
    assert response.status_code == 200
    return response.context["summary"], response.context["stale_weeks"]


def _counts(client):
    (row,), _ = _summary(client)
    return dict(zip(RAG_ORDER, row["counts"], strict=True))


@pytest.fixture
def page(login, coordinator, item_a):
    client = login(coordinator)
    _summary(client)  # now cached
    return client


def test_a_cached_summary_is_served_without_reading_the_actions(page, item_a):
    ActionItem.objects.filter(pk=item_a.pk).update(rag="amber")  # no signal
    assert _counts(page)["amber"] == 0  # proves the cache answers


def test_an_edited_action_shows_on_the_next_request(page, item_a):
    item_a.rag = "amber"
    item_a.save()
    assert _counts(page)["amber"] == 1


def test_a_new_and_a_deleted_action_show_on_the_next_request(
    page, item_a, objective, lead_a
):
    from tests.network.conftest import make_item

    other = make_item(objective, lead_a, ref="4.9")
    assert _summary(page)[0][0]["total"] == 2
    other.delete()
    assert _summary(page)[0][0]["total"] == 1


def test_a_progress_update_shows_on_the_next_request(page, item_a, coordinator):
    item_a.status, item_a.rag = "in_progress", "green"
    item_a.created_at = timezone.now() - timedelta(weeks=20)
    item_a.save()
    assert _counts(page)["amber"] == 1  # gone quiet
    ActionUpdate.objects.create(
        item=item_a,
        author=coordinator,
        date=timezone.localdate(),
        note="Progress",
        status_at_time="in_progress",
        rag_at_time="green",
    )
    assert _counts(page) == {"red": 0, "amber": 0, "green": 1, "blue": 0, "na": 0}


def test_a_renamed_objective_shows_on_the_next_request(page, objective):
    objective.title = "A new title"
    objective.save()
    (row,), _ = _summary(page)
    assert row["objective"].title == "A new title"


def test_the_nightly_rules_show_on_the_next_request(page, item_a):
    ActionItem.objects.filter(pk=item_a.pk).update(
        status="in_progress", rag="green", due_date=timezone.localdate()
    )
    assert _counts(page)["red"] == 0  # cached, and not yet past due
    apply_date_rules(timezone.localdate() + timedelta(days=1))
    assert ActionItem.objects.get(pk=item_a.pk).rag == "red"
    assert _counts(page)["red"] == 1


def test_a_new_stale_threshold_shows_on_the_next_request(page):
    assert _summary(page)[1] == 8
    ReminderLeadTime.objects.create(key="STALE", days="3")
    assert _summary(page)[1] == 3
    ReminderLeadTime.objects.filter(key="STALE").delete()  # a bulk delete
    ReminderLeadTime.objects.create(key="STALE", days="5")
    assert _summary(page)[1] == 5
