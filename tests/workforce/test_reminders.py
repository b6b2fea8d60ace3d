"""Workforce reminders (R13–R17, R24): what is due on a given day, and to whom."""

from datetime import date, timedelta

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from tests.workforce.conftest import make_post
from workforce.models import (
    ImplementationChecklistItem,
    TrustChecklistStatus,
    WorkforceReturn,
)
from workforce.reminders import add_working_days, due_reminders

pytestmark = pytest.mark.django_db


def due(today, kind=None):
    return [r for r in due_reminders(today) if kind is None or r.kind == kind]


@pytest.fixture
def ret(trust_a):
    return WorkforceReturn.objects.create(
        trust=trust_a,
        period="2025-Q1",
        snapshot_date=date(2025, 6, 30),
        due_date=date(2025, 7, 15),
    )


@pytest.mark.parametrize(
    "today, occurrence",
    [
        (date(2025, 7, 7), None),
        (date(2025, 7, 8), "due-7d:2025-07-15"),
        (date(2025, 7, 14), "due-1d:2025-07-15"),
        (date(2025, 7, 16), "overdue-w0:2025-07-15"),
        (date(2025, 7, 23), "overdue-w1:2025-07-15"),
    ],
)
def test_return_reminders_to_the_trust_lead(lead_a, lead_b, ret, today, occurrence):
    found = due(today, "R13-return-due")
    assert [r.occurrence for r in found] == ([occurrence] if occurrence else [])
    assert all(r.recipient == lead_a for r in found)


def test_overdue_return_escalates_to_coordinators_after_14_days(
    lead_a, coordinator, ret
):
    assert not due(date(2025, 7, 28), "R13-return-escalation")
    escalations = due(date(2025, 7, 29), "R13-return-escalation")
    assert [r.recipient for r in escalations] == [coordinator] and escalations[
        0
    ].mandatory


def test_submitted_return_stops_reminders(lead_a, ret):
    ret.status = "submitted"
    ret.save()
    assert not due(date(2025, 7, 14), "R13-return-due")


def test_funding_ending_reminds_lead_at_90_and_30_days_and_coordinators_weekly(
    lead_a, coordinator, trust_a
):
    today = timezone.localdate()
    post = make_post(
        trust_a, contract_type="fixed_term", funding_end_date=today + timedelta(days=60)
    )
    found = due(today, "R15-funding-ending")
    assert [(r.recipient, r.occurrence) for r in found] == [
        (lead_a, f"funding-90d:{post.funding_end_date}")
    ]
    later = due(today + timedelta(days=31), "R15-funding-ending")
    assert [r.occurrence for r in later] == [f"funding-30d:{post.funding_end_date}"]
    digest = due(today, "R15-funding-digest")
    assert [r.recipient for r in digest] == [coordinator]
    assert digest[0].context["posts"] == [post]
    same_week = today + timedelta(days=(6 - today.weekday()))
    assert due(same_week, "R15-funding-digest")[0].occurrence == digest[0].occurrence


def test_long_recruitment_at_90_days_then_every_30(lead_a, trust_a):
    post = make_post(
        trust_a, status="recruiting", status_effective_date=date(2025, 1, 1)
    )
    start = post.status_effective_date
    assert not due(start + timedelta(days=89), "R16-long-recruitment")
    assert (
        due(start + timedelta(days=90), "R16-long-recruitment")[0].occurrence
        == "recruiting-90d:2025-01-01"
    )
    assert (
        due(start + timedelta(days=125), "R16-long-recruitment")[0].occurrence
        == "recruiting-120d:2025-01-01"
    )


def test_frozen_post_review_every_90_days(lead_a, trust_a):
    make_post(trust_a, status="frozen", status_effective_date=date(2025, 1, 1))
    assert (
        due(date(2025, 7, 1), "R17-frozen-review")[0].occurrence
        == "frozen-180d:2025-01-01"
    )


def test_checklist_refresh_after_six_months(lead_a, trust_a):
    TrustChecklistStatus.objects.create(
        trust=trust_a,
        item=ImplementationChecklistItem.objects.first(),
        status="in_place",
    )
    today = timezone.localdate()
    assert not due(today, "R24-checklist-refresh")
    assert (
        due(today + timedelta(days=190), "R24-checklist-refresh")[0].recipient == lead_a
    )


def test_returned_return_reminds_again_after_five_working_days(lead_a, ret):
    ret.status, ret.returned_reason = "returned", "Missing posts"
    ret.save()
    sent_back = ret.updated_at.date()
    assert (
        due(sent_back, "R14-return-returned")[0].occurrence == f"returned:{sent_back}"
    )
    later = add_working_days(sent_back, 5)
    assert (
        due(later, "R14-return-returned")[0].occurrence == f"returned-again:{sent_back}"
    )


def test_working_days_skip_weekends_and_bank_holidays():
    # 25 and 26 Dec are bank holidays, 27-28 a weekend.
    assert add_working_days(date(2025, 12, 24), 2) == date(2025, 12, 30)


def test_every_reminder_renders_without_postholder_details(
    lead_a, coordinator, trust_a, ret
):
    today = timezone.localdate()
    make_post(
        trust_a, contract_type="fixed_term", funding_end_date=today + timedelta(days=20)
    )
    make_post(
        trust_a, status="recruiting", status_effective_date=today - timedelta(days=100)
    )
    make_post(
        trust_a, status="frozen", status_effective_date=today - timedelta(days=100)
    )
    reminders = due(today) + due(date(2025, 7, 30))
    assert {r.template for r in reminders} >= {
        "workforce_funding_digest",
        "workforce_funding_ending",
        "workforce_long_recruitment",
        "workforce_frozen_review",
        "workforce_return_due",
    }
    for r in reminders:
        context = {
            "obj": r.obj,
            "recipient": r.recipient,
            "url": "http://x",
            **r.context,
        }
        for part in ("subject.txt", "body.txt", "body.html"):
            assert render_to_string(f"emails/{r.template}_{part}", context).strip()


def test_scanning_twice_records_each_workforce_reminder_once(
    lead_a, coordinator, trust_a
):
    from core.models import Notification
    from core.notifications import outbox_scan

    today = timezone.localdate()
    make_post(
        trust_a, contract_type="fixed_term", funding_end_date=today + timedelta(days=20)
    )
    outbox_scan(today)
    first = Notification.objects.filter(kind__startswith="R15").count()
    outbox_scan(today)
    assert first == 2  # the trust lead's reminder and the coordinators' digest
    assert Notification.objects.filter(kind__startswith="R15").count() == first
