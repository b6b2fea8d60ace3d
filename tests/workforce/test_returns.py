"""Quarterly returns: open → submitted → confirmed, or returned with a reason."""

from datetime import date

import pytest
from django.urls import reverse

from tests.workforce.conftest import make_post
from workforce.models import WorkforceReturn
from workforce.services import apply_date_rules

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_return(trust_a):
    return WorkforceReturn.objects.create(
        trust=trust_a,
        period="2025-Q1",
        snapshot_date=date(2025, 6, 30),
        due_date=date(2025, 7, 15),
    )


def test_lead_submits_and_a_snapshot_is_frozen(login, lead_a, trust_a, open_return):
    make_post(trust_a, local_ref="IN", status_effective_date=date(2025, 1, 1))
    make_post(trust_a, local_ref="LATER", status_effective_date=date(2025, 8, 1))
    response = login(lead_a).post(
        reverse("workforce:return-submit", args=[open_return.pk])
    )
    assert response.status_code == 302
    open_return.refresh_from_db()
    assert open_return.status == "submitted" and open_return.submitted_by == lead_a
    assert [p["local_ref"] for p in open_return.snapshot_json["posts"]] == ["IN"]


def test_coordinator_sends_back_with_a_reason_then_confirms_resubmission(
    login, lead_a, coordinator, open_return
):
    login(lead_a).post(reverse("workforce:return-submit", args=[open_return.pk]))
    coord = login(coordinator)
    empty = coord.post(
        reverse("workforce:return-send-back", args=[open_return.pk]), {"reason": ""}
    )
    assert "Enter what needs correcting" in empty.content.decode()
    open_return.refresh_from_db()
    assert open_return.status == "submitted"
    coord.post(
        reverse("workforce:return-send-back", args=[open_return.pk]),
        {"reason": "Two posts missing"},
    )
    open_return.refresh_from_db()
    assert (open_return.status, open_return.returned_reason) == (
        "returned",
        "Two posts missing",
    )
    login(lead_a).post(reverse("workforce:return-submit", args=[open_return.pk]))
    login(coordinator).post(reverse("workforce:return-confirm", args=[open_return.pk]))
    open_return.refresh_from_db()
    assert open_return.status == "confirmed" and open_return.confirmed_by == coordinator


def test_open_return_cannot_be_confirmed(login, coordinator, open_return):
    login(coordinator).post(reverse("workforce:return-confirm", args=[open_return.pk]))
    open_return.refresh_from_db()
    assert open_return.status == "open"


def test_confirmed_date_shows_on_the_dashboard(client, trust_a, open_return):
    open_return.status = "confirmed"
    open_return.save()
    page = client.get(reverse("workforce:dashboard")).content.decode()
    assert "30 June 2025" in page


def test_date_rules_open_one_return_per_active_trust_idempotently(trust_a, trust_b):
    assert apply_date_rules(date(2025, 7, 1)) == 2
    assert apply_date_rules(date(2025, 7, 20)) == 0
    ret = WorkforceReturn.objects.get(trust=trust_a)
    assert (ret.period, ret.snapshot_date, ret.due_date) == (
        "2025-Q1",
        date(2025, 6, 30),
        date(2025, 7, 15),
    )
    assert apply_date_rules(date(2025, 10, 1)) == 2
