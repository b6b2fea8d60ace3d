"""Actions that have gone quiet: at least amber, with the reason, everywhere."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from core.models import ReminderLeadTime
from network.models import ActionItem, ActionUpdate
from network.queries import rag_counts

TODAY = date(2025, 6, 2)


def _update(item, on, author):
    ActionUpdate.objects.create(
        item=item,
        author=author,
        date=on,
        note="Progress",
        status_at_time=item.status,
        rag_at_time=item.rag,
    )


@pytest.fixture
def quiet(item_a, coordinator):
    action_item = item_a
    action_item.status, action_item.rag = "in_progress", "green"
    action_item.due_date = TODAY + timedelta(days=90)
    action_item.save()
    _update(action_item, date(2025, 3, 2), coordinator)
    return action_item


def test_no_update_for_longer_than_the_threshold_shows_amber_with_the_reason(quiet):
    assert quiet.current_rag(TODAY) == "amber"
    assert quiet.rag_reason(TODAY).startswith("Amber: no update since 2 March 2025")
    annotated = ActionItem.objects.with_current_rag(TODAY).get(pk=quiet.pk)
    assert annotated.current_rag == "amber"
    assert annotated.last_update_on == date(2025, 3, 2)


def test_a_recent_update_keeps_the_owners_rag(quiet, coordinator):
    _update(quiet, TODAY - timedelta(days=3), coordinator)
    assert quiet.current_rag(TODAY) == "green"
    assert (
        ActionItem.objects.with_current_rag(TODAY).get(pk=quiet.pk).current_rag
        == "green"
    )


def test_the_threshold_is_the_coordinators_choice(quiet):
    # 2 March to 2 June is 13 weeks: quiet at 8 weeks, not at 14.
    ReminderLeadTime.objects.create(key="STALE", days="14")
    assert quiet.current_rag(TODAY) == "green"
    assert not ActionItem.objects.stale(TODAY - timedelta(weeks=14)).exists()
    assert ActionItem.objects.stale(TODAY - timedelta(weeks=8)).exists()


def test_red_and_complete_are_not_softened(quiet, coordinator):
    quiet.due_date = TODAY - timedelta(days=1)
    assert quiet.current_rag(TODAY) == "red"
    quiet.status, quiet.rag, quiet.completed_on = "completed", "blue", TODAY
    assert quiet.current_rag(TODAY) == "blue"


def test_coordinator_sets_the_threshold_beside_the_lead_times(coordinator, login):
    client = login(coordinator)
    form = client.get("/notifications/lead-times/").context["form"]
    data = {name: form[name].value() for name in form.fields}
    response = client.post("/notifications/lead-times/", {**data, "STALE": "0"})
    assert "between 1 and 52" in response.content.decode()
    assert not ReminderLeadTime.objects.filter(key="STALE").exists()
    client.post("/notifications/lead-times/", {**data, "STALE": "6"})
    assert ReminderLeadTime.objects.get(key="STALE").days == "6"


def test_objective_summary_has_a_completion_rate(quiet, coordinator):
    summary = rag_counts(quiet.plan)
    row = next(r for r in summary if r["objective"] == quiet.objective)
    assert row["completion_rate"] == 0
    quiet.status, quiet.rag, quiet.completed_on = (
        "completed",
        "blue",
        timezone.localdate(),
    )
    quiet.save()
    row = next(r for r in rag_counts(quiet.plan) if r["objective"] == quiet.objective)
    assert row["completion_rate"] == 100
