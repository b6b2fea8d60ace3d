"""Network reminders (pure reads) and the nightly date rules."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from network.models import MeetingAttendance
from network.reminders import add_working_days, due_reminders
from network.services import apply_date_rules
from tests.network.conftest import make_item, make_meeting, make_tor

pytestmark = pytest.mark.django_db


def _due(today, kind=None):
    found = list(due_reminders(today))
    return [r for r in found if kind is None or r.kind == kind]


def test_working_days_skip_weekends_and_bank_holidays():
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)  # Christmas
    assert add_working_days(date(2026, 6, 8), -3) == date(2026, 6, 3)


def test_meeting_reminders_at_each_lead_time(meeting, lead_a):
    MeetingAttendance.objects.create(meeting=meeting, user=lead_a, trust=lead_a.trust)
    start = timezone.localdate(meeting.starts_at)
    stages = {
        start - timedelta(days=20): {"invitation"},
        start - timedelta(days=14): {"invitation", "call"},
        start - timedelta(days=7): {"invitation", "papers"},
        start - timedelta(days=1): {"invitation", "final"},
        start: {"invitation"},  # no reminder on the day itself
    }
    for today, expected in stages.items():
        mine = [r for r in _due(today, "R1-meeting") if r.recipient == lead_a]
        assert {r.context["stage"] for r in mine} == expected


def test_meeting_reminder_timings_set_by_coordinators(meeting, lead_a):
    from core.models import ReminderLeadTime

    ReminderLeadTime.objects.create(key="R1", days="21, 10, 2")
    MeetingAttendance.objects.create(meeting=meeting, user=lead_a, trust=lead_a.trust)
    start = timezone.localdate(meeting.starts_at)
    seen = {}
    for before in (22, 21, 14, 10, 3, 2, 1):
        mine = [
            r
            for r in _due(start - timedelta(days=before), "R1-meeting")
            if r.recipient == lead_a and r.context["stage"] != "invitation"
        ]
        seen[before] = [(r.context["stage"], r.occurrence.split(":")[0]) for r in mine]
    assert seen == {
        22: [],
        21: [("call", "t-21")],
        14: [("call", "t-21")],  # the same occurrence: recorded once
        10: [("papers", "t-10")],
        3: [("papers", "t-10")],
        2: [("final", "t-2")],
        1: [("final", "t-2")],
    }


def test_cancelled_meeting_sends_a_cancellation_not_reminders(meeting, lead_a):
    MeetingAttendance.objects.create(meeting=meeting, user=lead_a, trust=lead_a.trust)
    meeting.status = "cancelled"
    meeting.save()
    today = timezone.localdate(meeting.starts_at) - timedelta(days=7)
    stages = {r.context["stage"] for r in _due(today, "R1-meeting")}
    assert stages == {"cancelled"}


def test_occurrence_is_stable_so_a_rerun_records_once(meeting, lead_a):
    MeetingAttendance.objects.create(meeting=meeting, user=lead_a, trust=lead_a.trust)
    start = timezone.localdate(meeting.starts_at)
    first = {r.occurrence for r in _due(start - timedelta(days=6), "R1-meeting")}
    second = {r.occurrence for r in _due(start - timedelta(days=5), "R1-meeting")}
    assert first == second


def test_quorum_at_risk_goes_to_chair_and_coordinators(meeting, coordinator, lead_a):
    make_tor(status="approved", approved_at=meeting, effective_from=date(2024, 1, 1))
    today = timezone.localdate(meeting.starts_at) - timedelta(days=2)
    found = _due(today, "R2-quorum-at-risk")
    assert [r.recipient for r in found] == [coordinator] and found[0].mandatory


def test_minutes_outstanding_after_ten_working_days(meeting, coordinator):
    meeting.status = "held"
    meeting.save()
    held = timezone.localdate(meeting.starts_at)
    assert not _due(held + timedelta(days=7), "R3-minutes-outstanding")
    assert _due(add_working_days(held, 10), "R3-minutes-outstanding")


def test_action_due_and_overdue_reminders(item_a, lead_a):
    due = item_a.due_date
    assert {r.occurrence for r in _due(due - timedelta(days=14), "R9-action-due")} == {
        f"due-14d:{due}"
    }
    assert _due(due - timedelta(days=2), "R9-action-due")[0].recipient == lead_a
    overdue = _due(due + timedelta(days=1), "R10-action-overdue")
    assert overdue and overdue[0].recipient == lead_a
    later = _due(due + timedelta(days=15), "R10-action-overdue")[0].occurrence
    assert later != overdue[0].occurrence  # weekly repeats


def test_completed_action_gets_no_reminders(item_a):
    item_a.status, item_a.rag, item_a.completed_on = (
        "completed",
        "blue",
        date(2025, 1, 1),
    )
    item_a.save()
    assert not _due(item_a.due_date + timedelta(days=1), "R10-action-overdue")


def test_stale_action_after_30_days_without_update(item_a):
    created = timezone.localdate(item_a.created_at)
    assert not _due(created + timedelta(days=29), "R11-action-stale")
    assert _due(created + timedelta(days=30), "R11-action-stale")


def test_tor_review_reminders(approved_tor, coordinator):
    due = approved_tor.review_due
    assert not _due(due - timedelta(days=61), "R5-tor-review")
    assert _due(due - timedelta(days=60), "R5-tor-review")[0].occurrence.startswith(
        "review-60d"
    )
    overdue = _due(due + timedelta(days=8), "R5-tor-review")[0]
    assert overdue.context["overdue"] and overdue.occurrence.endswith(":w1")


def test_trust_without_lead_is_flagged(trust_a, trust_b, lead_a, coordinator):
    found = _due(date(2026, 5, 4), "R23-trust-without-lead")
    assert [r.obj for r in found] == [trust_b]
    # The email leads somewhere: the people pages, where an existing account
    # can be made the trust's lead.
    from core.notifications import render_reminder

    _, text, html = render_reminder(found[0])
    assert "/accounts/people/" in text and "/accounts/people/" in html


def test_premeeting_digest_lists_red_items(item_a, coordinator):
    meeting = make_meeting(
        title="Next",
        starts_at=timezone.now() + timedelta(days=5),
        ends_at=timezone.now() + timedelta(days=5, hours=2),
    )
    item_a.rag = "red"
    item_a.save()
    found = _due(timezone.localdate(), "R12-premeeting-digest")
    assert found[0].obj == meeting and found[0].context["items"] == [item_a]


def test_action_owners_get_one_reminder_before_each_meeting(
    item_a, item_b, objective, lead_a, lead_b, coordinator
):
    from core.notifications import render_reminder

    day = timezone.localdate() + timedelta(days=30)
    start = timezone.make_aware(datetime.combine(day, time(10)))
    meeting = make_meeting(
        title="Network meeting", starts_at=start, ends_at=start + timedelta(hours=2)
    )
    item_a.due_date = day - timedelta(days=1)  # due before the meeting
    item_a.save()
    item_b.due_date = day + timedelta(days=60)  # not due and updated recently
    item_b.save()
    stale = make_item(objective, lead_a, ref="4.3", due_date=day + timedelta(days=90))
    type(stale).objects.filter(pk=stale.pk).update(
        created_at=timezone.now() - timedelta(days=45)
    )
    week_before = day - timedelta(days=7)
    assert not _due(week_before - timedelta(days=1), "R9-actions-before-meeting")
    found = _due(week_before, "R9-actions-before-meeting")
    assert [(r.recipient, r.obj) for r in found] == [(lead_a, meeting)]
    assert [i.ref for i in found[0].context["items"]] == ["4.1", "4.3"]
    later = _due(day - timedelta(days=2), "R9-actions-before-meeting")
    assert later[0].occurrence == found[0].occurrence  # one reminder per meeting
    subject, text, html = render_reminder(found[0])
    assert subject.startswith("Your actions before Network meeting on ")
    assert "4.3" in text and "no update for 30 days" in text


def test_every_reminder_renders(item_a, approved_tor, meeting, lead_a, coordinator):
    from core.notifications import render_reminder

    MeetingAttendance.objects.create(
        meeting=meeting, user=lead_a, trust=lead_a.trust, attended=True
    )
    days = [
        timezone.localdate(meeting.starts_at) - timedelta(days=1),
        item_a.due_date + timedelta(days=40),
    ]
    for today in days:
        for reminder in due_reminders(today):
            subject, text, html = render_reminder(reminder)
            assert subject and "Hello" in text and "<p>" in html


def test_date_rules_are_idempotent(item_a, approved_tor):
    later = item_a.due_date + timedelta(days=400)
    assert apply_date_rules(later) == 2  # item red, ToR review overdue
    assert apply_date_rules(later) == 0


def test_scanning_twice_records_each_network_reminder_once(item_a, lead_a):
    from core.models import Notification
    from core.notifications import outbox_scan

    today = item_a.due_date - timedelta(days=14)
    outbox_scan(today)
    first = Notification.objects.filter(kind="R9-action-due").count()
    outbox_scan(today + timedelta(days=1))
    assert first == 1
    assert Notification.objects.filter(kind="R9-action-due").count() == 1
