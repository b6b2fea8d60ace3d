"""Action items: progress updates, RAG rules, concurrency, filters and CSV."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from network.models import ActionItem, ActionPlan, ActionUpdate
from network.services import apply_date_rules
from tests.conftest import date_boxes
from tests.csv_helpers import csv_rows
from tests.network.conftest import make_item

pytestmark = pytest.mark.django_db


def _progress(item, **extra):
    data = {
        "version": item.version,
        **date_boxes("on", timezone.localdate()),
        "note": "Draft shared with trust leads",
        "status": "in_progress",
        "rag": "green",
    }
    data.update(extra)
    return data


def test_owner_posts_progress_which_becomes_history(login, lead_a, item_a):
    response = login(lead_a).post(
        f"/network/actions/{item_a.pk}/progress/", _progress(item_a, rag="amber")
    )
    assert response.status_code == 302
    item_a.refresh_from_db()
    update = ActionUpdate.objects.get(item=item_a)
    assert item_a.rag == "amber" and item_a.version == 2
    assert (update.author, update.status_at_time, update.rag_at_time) == (
        lead_a,
        "in_progress",
        "amber",
    )


def test_trust_lead_updates_items_led_by_their_trust(
    login, lead_a, objective, coordinator, trust_a
):
    item = make_item(objective, coordinator, ref="4.9", lead_trust=trust_a)
    response = login(lead_a).post(
        f"/network/actions/{item.pk}/progress/", _progress(item)
    )
    assert response.status_code == 302
    assert item.updates.count() == 1


def test_trust_lead_refused_on_another_trusts_item(login, lead_a, item_b):
    response = login(lead_a).post(
        f"/network/actions/{item_b.pk}/progress/", _progress(item_b)
    )
    assert response.status_code == 403
    item_b.refresh_from_db()
    assert item_b.version == 1 and not item_b.updates.exists()


def test_completing_makes_it_blue(login, lead_a, item_a):
    login(lead_a).post(
        f"/network/actions/{item_a.pk}/progress/", _progress(item_a, status="completed")
    )
    item_a.refresh_from_db()
    assert (item_a.status, item_a.rag) == ("completed", "blue")
    assert item_a.completed_on == timezone.localdate()


def test_overdue_item_is_red_and_overriding_needs_a_reason(login, lead_a, item_a):
    item_a.due_date = timezone.localdate() - timedelta(days=1)
    item_a.save()
    client = login(lead_a)
    url = f"/network/actions/{item_a.pk}/progress/"
    response = client.post(url, _progress(item_a, rag="green"))
    assert response.status_code == 200
    assert "Give a reason to show a different RAG" in response.text
    assert response.context["form"].errors["rag_override_reason"]
    assert not item_a.updates.exists()
    reason = "Agreed at the June meeting to wait for national guidance"
    client.post(url, _progress(item_a, rag="amber", rag_override_reason=reason))
    item_a.refresh_from_db()
    assert item_a.rag == "amber" and item_a.rag_overridden_reason == reason


def test_deferring_needs_a_later_due_date_and_keeps_the_original(login, lead_a, item_a):
    client = login(lead_a)
    url = f"/network/actions/{item_a.pk}/progress/"
    response = client.post(url, _progress(item_a, status="deferred"))
    assert response.context["form"].errors["due_date"]
    original = item_a.due_date
    later = original + timedelta(days=90)
    client.post(
        url, _progress(item_a, status="deferred", **date_boxes("due_date", later))
    )
    item_a.refresh_from_db()
    assert (item_a.status, item_a.rag, item_a.due_date) == ("deferred", "na", later)
    assert item_a.original_due_date == original and item_a.slippage_days == 90


def test_cancelling_needs_a_reason(login, coordinator, item_a):
    url = f"/network/actions/{item_a.pk}/progress/"
    response = login(coordinator).post(url, _progress(item_a, status="cancelled"))
    assert response.context["form"].errors["cancel_reason"]
    item_a.refresh_from_db()
    assert item_a.status == "in_progress"


def test_concurrent_edit_is_refused_with_a_clear_message(
    login, lead_a, coordinator, item_a
):
    stale = _progress(item_a)  # both read version 1
    login(coordinator).post(
        f"/network/actions/{item_a.pk}/progress/", _progress(item_a, rag="amber")
    )
    response = login(lead_a).post(f"/network/actions/{item_a.pk}/progress/", stale)
    assert response.status_code == 200
    assert "Someone else changed this action" in response.text
    item_a.refresh_from_db()
    assert item_a.rag == "amber" and item_a.updates.count() == 1


def test_coordinator_edit_with_stale_version_does_not_overwrite(
    login, coordinator, item_a
):
    client = login(coordinator)
    data = {
        "objective": item_a.objective_id,
        "ref": item_a.ref,
        "action": "Reworded action",
        "owner": item_a.owner_id,
        **date_boxes("due_date", item_a.due_date),
        "version": item_a.version,
    }
    ActionItem.objects.filter(pk=item_a.pk).update(version=5)  # someone else saved
    response = client.post(f"/network/actions/{item_a.pk}/edit/", data)
    assert "Someone else changed this action" in response.text
    item_a.refresh_from_db()
    assert item_a.action == "Write the supervision standard"
    data["version"] = 5
    assert client.post(f"/network/actions/{item_a.pk}/edit/", data).status_code == 302
    item_a.refresh_from_db()
    assert item_a.action == "Reworded action" and item_a.version == 6


def test_due_date_before_the_plan_starts_is_a_field_error(
    login, coordinator, objective, lead_a
):
    response = login(coordinator).post(
        "/network/actions/new/",
        {
            "objective": objective.pk,
            "action": "Too early",
            "owner": lead_a.pk,
            **date_boxes("due_date", "2023-06-01"),
        },
    )
    assert "The due date must be on or after the plan starts" in response.text
    assert response.context["form"].errors["due_date"]
    assert not ActionItem.objects.exists()


def test_duplicate_ref_in_plan_is_a_field_error(login, coordinator, item_a, lead_a):
    response = login(coordinator).post(
        "/network/actions/new/",
        {
            "objective": item_a.objective_id,
            "ref": item_a.ref,
            "action": "Clash",
            "owner": lead_a.pk,
            **date_boxes("due_date", "2026-06-01"),
        },
    )
    assert response.context["form"].errors["ref"]
    assert ActionItem.objects.count() == 1


def test_action_turns_red_when_its_due_date_passes(login, lead_a, item_a):
    due = item_a.due_date
    assert apply_date_rules(due) == 0
    changed = apply_date_rules(due + timedelta(days=1))
    assert changed == 1 and apply_date_rules(due + timedelta(days=1)) == 0
    item_a.refresh_from_db()
    assert item_a.rag == "red"


def test_list_shows_overdue_as_red_even_before_the_nightly_run(
    login, peer_worker, item_a
):
    ActionItem.objects.filter(pk=item_a.pk).update(
        due_date=date(2025, 1, 1), rag="green"
    )
    response = login(peer_worker).get("/network/actions/?rag=red")
    assert [i.pk for i in response.context["page"]] == [item_a.pk]
    assert "Overdue" in response.text


def test_filters_and_my_actions(login, lead_a, item_a, item_b, trust_b):
    client = login(lead_a)
    mine = client.get("/network/actions/mine/").context["page"]
    assert [i.pk for i in mine] == [item_a.pk]
    by_trust = client.get(f"/network/actions/?lead_trust={trust_b.pk}").context["page"]
    assert [i.pk for i in by_trust] == [item_b.pk]
    none = client.get("/network/actions/?strand=network").context["page"]
    assert list(none) == []


def test_counts_by_rag_per_objective(login, coordinator, item_a, item_b):
    ActionItem.objects.filter(pk=item_b.pk).update(rag="amber")
    summary = login(coordinator).get("/network/actions/").context["summary"]
    row = summary[0]
    # order: red, amber, green, blue, na
    assert row["counts"] == [0, 1, 1, 0, 0] and row["total"] == 2


def test_csv_export_is_formula_safe(login, coordinator, objective, lead_a):
    make_item(objective, lead_a, ref="4.5", action='=HYPERLINK("http://evil")')
    response = login(coordinator).get("/network/actions/export.csv")
    rows = csv_rows(response)
    assert rows[0][0] == "Ref"
    assert rows[1][3].startswith("'=")


def test_printable_view_lists_every_item(login, coordinator, objective, lead_a):
    for n in range(1, 61):
        make_item(objective, lead_a, ref=f"4.{n}")
    response = login(coordinator).get("/network/actions/print/")
    assert len(response.context["items"]) == 60


def test_trust_lead_cannot_pick_a_disallowed_status(login, lead_a, item_a):
    item_a.status, item_a.rag, item_a.completed_on = (
        "completed",
        "blue",
        date(2025, 1, 1),
    )
    item_a.save()
    response = login(lead_a).post(
        f"/network/actions/{item_a.pk}/progress/",
        _progress(item_a, status="in_progress"),
    )
    assert response.context["form"].errors["status"]
    item_a.refresh_from_db()
    assert item_a.status == "completed"


def test_duplicate_objective_ref_is_a_field_error(login, coordinator, objective):
    response = login(coordinator).post(
        f"/network/plans/{objective.plan_id}/objectives/new/",
        {"ref": objective.ref, "title": "Again", "strand": "standards"},
    )
    assert response.context["form"].errors["ref"]
    assert objective.plan.objectives.count() == 1


def test_second_active_plan_is_a_field_error(login, coordinator, plan, meeting):
    response = login(coordinator).post(
        "/network/plans/new/",
        {
            "title": "Another plan",
            **date_boxes("period_start", "2026-01-01"),
            **date_boxes("period_end", "2028-12-31"),
            "status": "active",
            "approved_at": meeting.pk,
        },
    )
    assert response.context["form"].errors["status"]
    assert ActionPlan.objects.count() == 1


def test_action_page_explains_why_it_is_red(login, peer_worker, item_a):
    ActionItem.objects.filter(pk=item_a.pk).update(
        due_date=timezone.localdate() - timedelta(days=3)
    )
    html = login(peer_worker).get(f"/network/actions/{item_a.pk}/").text
    assert "Red because it is 3 days past its due date" in html


def test_new_due_date_before_the_start_date_is_an_error_not_a_crash(
    login, lead_a, item_a
):
    item_a.start_date = date(2025, 6, 1)
    item_a.save()
    response = login(lead_a).post(
        f"/network/actions/{item_a.pk}/progress/",
        _progress(item_a, **date_boxes("due_date", "2025-05-01")),
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    item_a.refresh_from_db()
    assert item_a.due_date != date(2025, 5, 1)
