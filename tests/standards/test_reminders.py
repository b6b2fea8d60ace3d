"""R6 review, R7 consultation open, R8 consultation closed: pure reads."""

from datetime import timedelta

import pytest

from standards.reminders import due_reminders
from tests.standards.conftest import open_consultation, respond

pytestmark = pytest.mark.django_db


def kinds(today):
    return sorted(
        (r.kind, r.recipient.email, r.occurrence) for r in due_reminders(today)
    )


def test_review_reminders_at_90_and_30_days_then_monthly(approved, coordinator):
    review = approved.review_date
    assert kinds(review - timedelta(days=91)) == []
    assert kinds(review - timedelta(days=90)) == [
        ("R6-standard-review", coordinator.email, f"review-90d:{review}")
    ]
    assert kinds(review - timedelta(days=10))[0][2] == f"review-30d:{review}"
    assert kinds(review)[0][2] == f"review-due:{review}:m0"
    assert kinds(review + timedelta(days=40))[0][2] == f"review-due:{review}:m1"


def test_review_reminder_for_coordinators_is_mandatory(approved, coordinator):
    (reminder,) = list(due_reminders(approved.review_date))
    assert reminder.mandatory and reminder.obj == approved
    assert reminder.template == "standards_review_due"


def test_a_scan_twice_on_one_day_gives_the_same_occurrences(approved):
    day = approved.review_date - timedelta(days=5)
    assert kinds(day) == kinds(day)


def test_consultation_reminders_go_to_leads_and_stop_once_their_trust_responds(
    lead_a, lead_b, draft
):
    version = open_consultation(draft, days_open=20)
    opened = version.consultation_opens
    closes = version.consultation_closes
    assert {k[1] for k in kinds(opened) if k[0].startswith("R7")} == {
        lead_a.email,
        lead_b.email,
    }
    respond(version, lead_a)
    late = [k for k in kinds(closes - timedelta(days=1)) if k[0].startswith("R7")]
    assert late == [("R7-consultation-open", lead_b.email, f"closes-1d:{closes}")]
    week = [k for k in kinds(closes - timedelta(days=7)) if k[0].startswith("R7")]
    assert week == [("R7-consultation-open", lead_b.email, f"closes-7d:{closes}")]


def test_closed_reminder_on_the_close_date_with_a_summary(
    coordinator, lead_a, trust_b, draft
):
    version = open_consultation(draft)
    respond(version, lead_a)
    closes = version.consultation_closes
    closed = [r for r in due_reminders(closes) if r.kind.startswith("R8")]
    assert [r.recipient for r in closed] == [coordinator]
    assert closed[0].context["trusts_responded"] == 1
    assert closed[0].context["trusts_total"] == 2
    assert not [r for r in due_reminders(closes + timedelta(days=30)) if "R8" in r.kind]


def test_reminder_emails_render(approved, coordinator, lead_a):
    from django.template.loader import render_to_string

    for reminder in due_reminders(approved.review_date):
        context = {"recipient": reminder.recipient, "url": "x", **reminder.context}
        for part in ("subject.txt", "body.txt", "body.html"):
            text = render_to_string(f"emails/{reminder.template}_{part}", context)
            assert approved.standard.code in text


def test_peer_workers_who_opted_in_hear_that_consultation_opened(
    peer_worker, lead_a, draft
):
    from core.models import NotificationPreference

    version = open_consultation(draft)
    opened = version.consultation_opens
    assert peer_worker.email not in {k[1] for k in kinds(opened)}
    NotificationPreference.objects.create(
        user=peer_worker, category="consultations", choice="immediate"
    )
    (peer,) = [r for r in due_reminders(opened) if r.recipient == peer_worker]
    assert peer.context["individual"] and peer.occurrence == f"opened:{opened}"
    closing = version.consultation_closes - timedelta(days=1)
    assert peer_worker.email not in {k[1] for k in kinds(closing)}
