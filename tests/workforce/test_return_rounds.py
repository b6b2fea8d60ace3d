"""Coordinators open return rounds on demand; leads review changes, then submit."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.workforce.conftest import make_post
from workforce.forms import quarter_choices
from workforce.models import WorkforceReturn
from workforce.reports import quarter_of
from workforce.services import (
    apply_date_rules,
    return_round_open,
    workforce_return_confirm,
    workforce_return_submit,
)

pytestmark = pytest.mark.django_db
OPEN = reverse("workforce:return-round-open")


def test_coordinator_opens_a_missed_quarter_once(login, coordinator, trust_a, trust_b):
    # Two quarters back from whenever the test runs: one the nightly job missed.
    missed = date.fromisoformat(quarter_choices(timezone.localdate())[2][0])
    client = login(coordinator)
    client.post(OPEN, {"quarter_end": missed.isoformat()})
    client.post(OPEN, {"quarter_end": missed.isoformat()})
    rows = WorkforceReturn.objects.filter(period=quarter_of(missed))
    assert rows.count() == 2
    assert {r.due_date for r in rows} == {missed + timedelta(days=15)}
    page = client.get(reverse("workforce:return-list")).content.decode()
    assert "0 of 2 trusts" in page


def test_a_quarter_not_offered_is_refused_and_nothing_opens(
    login, coordinator, trust_a
):
    client = login(coordinator)
    for bad in ("2019-03-31", "not-a-date", ""):
        client.post(OPEN, {"quarter_end": bad})
    assert not WorkforceReturn.objects.exists()


def test_nightly_job_still_opens_the_quarter_just_ended(trust_a):
    assert apply_date_rules(date(2026, 10, 1)) == 1
    assert apply_date_rules(date(2026, 10, 2)) == 0
    assert WorkforceReturn.objects.get().period == "2026-Q2"


def test_coordinator_reopens_one_trusts_return(login, coordinator, lead_a, trust_a):
    ret = WorkforceReturn.objects.create(
        trust=trust_a,
        period="2026-Q1",
        snapshot_date=date(2026, 6, 30),
        due_date=date(2026, 7, 15),
    )
    workforce_return_submit(ret=ret, actor=lead_a)
    workforce_return_confirm(ret=ret, actor=coordinator)
    assert (
        login(lead_a)
        .post(reverse("workforce:return-reopen", args=[ret.pk]))
        .status_code
        == 403
    )
    login(coordinator).post(reverse("workforce:return-reopen", args=[ret.pk]))
    ret.refresh_from_db()
    assert ret.status == "open" and ret.snapshot_json == {}


def test_lead_sees_posts_by_status_and_changes_since_last_confirmed(
    login, lead_a, coordinator, trust_a
):
    kept = make_post(trust_a, local_ref="KEEP", status_effective_date=date(2026, 1, 5))
    make_post(trust_a, local_ref="GONE", status_effective_date=date(2026, 1, 5))
    first = WorkforceReturn.objects.create(
        trust=trust_a,
        period="2025-Q4",
        snapshot_date=date(2026, 3, 31),
        due_date=date(2026, 4, 15),
    )
    workforce_return_submit(ret=first, actor=lead_a)
    workforce_return_confirm(ret=first, actor=coordinator)
    first.refresh_from_db()
    # Since then: one post's WTE changed, one was removed, one was added.
    first.snapshot_json["posts"] = [
        p if p["local_ref"] != "KEEP" else {**p, "wte": "0.50"}
        for p in first.snapshot_json["posts"]
    ] + [{**first.snapshot_json["posts"][0], "id": 999999, "local_ref": "OLD"}]
    first.save()
    make_post(trust_a, local_ref="NEW", status_effective_date=date(2026, 5, 1))
    second = WorkforceReturn.objects.create(
        trust=trust_a,
        period="2026-Q1",
        snapshot_date=date(2026, 6, 30),
        due_date=date(2026, 7, 15),
    )
    page = login(lead_a).get(second.get_absolute_url()).content.decode()
    assert "Funded" in page and "3.00" in page  # 3 posts, 3.00 WTE funded
    changes = page.split('id="changes"')[1].split("</table>")[0]
    assert "Added" in changes and "NEW" in changes
    assert "WTE changed" in changes and "KEEP" in changes and "0.50" in changes
    assert "Ended" in changes and "OLD" in changes
    assert kept.wte == Decimal("1.00")
    assert "Confirm these figures and submit" in page


def test_nothing_changed_means_one_step_confirm(login, lead_a, coordinator, trust_a):
    make_post(trust_a, local_ref="SAME", status_effective_date=date(2026, 1, 5))
    first = WorkforceReturn.objects.create(
        trust=trust_a,
        period="2025-Q4",
        snapshot_date=date(2026, 3, 31),
        due_date=date(2026, 4, 15),
    )
    workforce_return_submit(ret=first, actor=lead_a)
    workforce_return_confirm(ret=first, actor=coordinator)
    return_round_open(quarter_end=date(2026, 6, 30), actor=coordinator)
    second = WorkforceReturn.objects.get(period="2026-Q1")
    client = login(lead_a)
    page = client.get(second.get_absolute_url()).content.decode()
    assert "Nothing has changed since 2025-Q4" in page
    assert "Confirm posts are unchanged and submit" in page
    client.post(reverse("workforce:return-submit", args=[second.pk]))
    second.refresh_from_db()
    assert second.status == "submitted"


def test_another_trusts_lead_cannot_see_the_review(login, lead_b, trust_a):
    ret = WorkforceReturn.objects.create(
        trust=trust_a,
        period="2026-Q1",
        snapshot_date=date(2026, 6, 30),
        due_date=date(2026, 7, 15),
    )
    assert login(lead_b).get(ret.get_absolute_url()).status_code == 404
