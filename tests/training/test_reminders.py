"""R18–R22: who is reminded, when, and that a re-run yields the same keys."""

from datetime import date, timedelta

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from core.notifications import render_reminder
from tests.conftest import make_user
from tests.training.conftest import make_opportunity
from training.models import TrainingBooking, TrainingInterest
from training.reminders import due_reminders, working_days_between

pytestmark = pytest.mark.django_db


def kinds(today, kind):
    return [r for r in due_reminders(today) if r.kind == kind]


def test_r18_booking_deadline_at_14_and_3_days_to_interested_people_only(
    opportunity, peer_worker, lead_a
):
    TrainingInterest.objects.create(
        user=peer_worker, opportunity=opportunity, category="ips_core"
    )
    TrainingInterest.objects.create(
        user=lead_a, opportunity=opportunity, category="ips_core"
    )
    TrainingBooking.objects.create(
        opportunity=opportunity, user=lead_a, status="booked"
    )
    deadline = opportunity.booking_deadline
    assert kinds(deadline - timedelta(days=15), "R18-training-booking-deadline") == []
    at_14 = kinds(deadline - timedelta(days=14), "R18-training-booking-deadline")
    assert [r.recipient for r in at_14] == [peer_worker]  # lead_a has booked
    assert at_14[0].occurrence == f"deadline-14d:{deadline}"
    late = kinds(deadline - timedelta(days=10), "R18-training-booking-deadline")
    assert late[0].occurrence == at_14[0].occurrence  # a late scan, same key
    at_3 = kinds(deadline - timedelta(days=3), "R18-training-booking-deadline")
    assert at_3[0].occurrence == f"deadline-3d:{deadline}"


def test_r18_stops_when_opted_out_or_full(opportunity, peer_worker):
    interest = TrainingInterest.objects.create(
        user=peer_worker,
        opportunity=opportunity,
        category="ips_core",
        wants_reminders=False,
    )
    day = opportunity.booking_deadline - timedelta(days=3)
    assert kinds(day, "R18-training-booking-deadline") == []
    interest.wants_reminders = True
    interest.save()
    opportunity.status = "full"
    opportunity.save()
    assert kinds(day, "R18-training-booking-deadline") == []


def test_r19_start_reminders_to_booked_and_interested(opportunity, peer_worker, lead_a):
    TrainingBooking.objects.create(
        opportunity=opportunity, user=peer_worker, status="booked"
    )
    TrainingInterest.objects.create(
        user=lead_a, opportunity=opportunity, category="ips_core"
    )
    start = opportunity.start_date
    week = kinds(start - timedelta(days=7), "R19-training-start")
    assert {r.recipient for r in week} == {peer_worker, lead_a}
    assert {r.occurrence for r in week} == {f"start-7d:{start}"}
    day = kinds(start - timedelta(days=1), "R19-training-start")
    assert {r.occurrence for r in day} == {f"start-1d:{start}"}


def test_r20_cancellation_reaches_booked_waiting_and_interested(
    opportunity, peer_worker, lead_a, lead_b, coordinator
):
    from training import services

    services.booking_create(opportunity=opportunity, user=peer_worker)
    TrainingInterest.objects.create(
        user=lead_a, opportunity=opportunity, category="ips_core"
    )
    withdrawn = TrainingInterest.objects.create(
        user=lead_b, opportunity=opportunity, category="ips_core", status="withdrawn"
    )
    services.opportunity_cancel(
        opportunity=opportunity, actor=coordinator, reason="Venue lost"
    )
    today = timezone.localdate()
    notices = kinds(today, "R20-training-cancelled")
    assert {r.recipient for r in notices} == {peer_worker, lead_a}
    assert withdrawn.user not in {r.recipient for r in notices}
    subject, text, _html = render_reminder(notices[0])
    assert subject.startswith("Cancelled:") and "Venue lost" in text
    assert kinds(today + timedelta(days=8), "R20-training-cancelled") == []


def test_r21_weekly_digest_of_new_training_in_wanted_categories(
    provider, peer_worker, lead_a
):
    monday = date(2026, 11, 23)
    opp = make_opportunity(
        provider, published_at=timezone.make_aware(timezone.datetime(2026, 11, 18, 10))
    )
    TrainingInterest.objects.create(user=peer_worker, category="ips_core")
    TrainingInterest.objects.create(user=lead_a, category="wrap_workshop")
    due = kinds(monday, "R21-new-training")
    assert [(r.recipient, r.obj) for r in due] == [(peer_worker, opp)]
    assert (
        kinds(monday + timedelta(days=2), "R21-new-training")[0].occurrence
        == "week:2026-11-23"
    )
    assert kinds(monday + timedelta(days=7), "R21-new-training") == []


def test_r22_proposals_chase_coordinators_every_five_working_days(draft_a, coordinator):
    draft_a.transition("submit")
    draft_a.submitted_at = timezone.make_aware(
        timezone.datetime(2026, 11, 20, 9)
    )  # a Friday
    draft_a.save()
    first = kinds(date(2026, 11, 20), "R22-training-proposal")
    assert [r.recipient for r in first] == [coordinator]
    assert first[0].mandatory and first[0].occurrence.endswith("chase-0")
    assert kinds(date(2026, 11, 26), "R22-training-proposal")[0].occurrence.endswith(
        "chase-0"
    )
    assert kinds(date(2026, 11, 27), "R22-training-proposal")[0].occurrence.endswith(
        "chase-1"
    )
    draft_a.transition("approve")
    draft_a.save()
    assert kinds(date(2026, 11, 27), "R22-training-proposal") == []


def test_working_days_skip_weekends_and_bank_holidays():
    assert (
        working_days_between(date(2026, 12, 24), date(2026, 12, 29)) == 1
    )  # 25, 26, 28 off


def test_every_template_renders(opportunity, peer_worker, draft_a, coordinator):
    TrainingInterest.objects.create(
        user=peer_worker, opportunity=opportunity, category="ips_core"
    )
    TrainingBooking.objects.create(
        opportunity=opportunity, user=peer_worker, status="booked"
    )
    due = list(due_reminders(opportunity.booking_deadline - timedelta(days=3)))
    due += list(due_reminders(opportunity.start_date - timedelta(days=1)))
    assert due
    for reminder in due:
        subject, text, html = render_reminder(reminder)
        assert opportunity.title in subject and "http" in text and "<a href" in html
    for stem in ["training_place_offered", "training_proposal_pending", "training_new"]:
        render_to_string(f"emails/{stem}_body.html", {"obj": opportunity})


def test_a_rerun_yields_identical_keys(opportunity, peer_worker):
    TrainingInterest.objects.create(
        user=peer_worker, opportunity=opportunity, category="ips_core"
    )
    day = opportunity.booking_deadline - timedelta(days=3)

    def keys():
        return sorted(
            (r.kind, r.obj.pk, r.recipient.pk, r.occurrence) for r in due_reminders(day)
        )

    assert keys() == keys() and keys()


def test_an_offer_is_emailed_once_even_when_the_scan_finds_it_again(
    opportunity, django_capture_on_commit_callbacks
):
    from django.core import mail

    from core.models import Notification
    from core.notifications import outbox_scan
    from training import services

    people = [make_user(f"q{n}@example.test", "peer_worker") for n in range(3)]
    bookings = [
        services.booking_create(opportunity=opportunity, user=p) for p in people
    ]
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=bookings[0])
    offers = kinds(timezone.localdate(), "R20-training-place-offered")
    assert [r.recipient for r in offers] == [people[2]]
    outbox_scan(timezone.localdate())
    outbox_scan(timezone.localdate())
    assert Notification.objects.filter(kind="R20-training-place-offered").count() == 1
    offers = [m for m in mail.outbox if "holding it for you" in m.body]
    assert [m.to for m in offers] == [[people[2].email]]


def test_r20_a_changed_date_or_session_tells_people_going(
    login, coordinator, opportunity, peer_worker
):
    from datetime import time as clock

    from training import services
    from training.models import TrainingSession

    TrainingBooking.objects.create(
        opportunity=opportunity, user=peer_worker, status="booked"
    )
    today = timezone.localdate()
    assert kinds(today, "R20-training-changed") == []
    services.session_add(
        session=TrainingSession(
            opportunity=opportunity,
            date=opportunity.start_date,
            start_time=clock(18),
            end_time=clock(19),
        )
    )
    changed = kinds(today, "R20-training-changed")
    assert [r.recipient for r in changed] == [peer_worker]
    subject, text, _ = render_reminder(changed[0])
    assert subject.startswith("Changed:") and "have changed" in text


def test_editing_only_the_description_is_not_a_change(
    coordinator, opportunity, peer_worker
):
    from training import services

    TrainingBooking.objects.create(
        opportunity=opportunity, user=peer_worker, status="booked"
    )
    opportunity.description = "Now with lunch."
    services.opportunity_save(opportunity=opportunity, actor=coordinator)
    assert kinds(timezone.localdate(), "R20-training-changed") == []
    opportunity.start_date += timedelta(days=1)
    services.opportunity_save(opportunity=opportunity, actor=coordinator)
    assert len(kinds(timezone.localdate(), "R20-training-changed")) == 1
