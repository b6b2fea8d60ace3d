"""The demo data tells one coherent story whatever day it is loaded.

Meetings on working days, training sessions never on a bank holiday, every
meeting that approved something held with its attendance recorded and quorate,
a public meeting history without a years-long gap, and nothing labelled as
made up on screen.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from core.workdays import is_working_day
from network.models import ActionPlan, Meeting, TermsOfReference
from standards.models import StandardVersion
from training.models import TrainingOpportunity, TrainingProvider, TrainingSession

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("seed_demo", stdout=open("/dev/null", "w"))


def test_meetings_and_training_fall_on_working_days(demo):
    meetings = Meeting.objects.filter(meeting_type__in=["network", "steering_group"])
    off = [m for m in meetings if not is_working_day(timezone.localdate(m.starts_at))]
    assert not off, [str(m) for m in off]
    sessions = [s for s in TrainingSession.objects.all() if not is_working_day(s.date)]
    assert not sessions, [f"{s.opportunity}: {s.date}" for s in sessions]
    starts = TrainingOpportunity.objects.values_list("title", "start_date")
    off_days = [
        (title, day) for title, day in starts if day and not is_working_day(day)
    ]
    assert not off_days, off_days


def test_every_meeting_that_approved_something_was_held_and_quorate(demo):
    approving = {
        *Meeting.objects.exclude(minutes_approved_at=None).values_list(
            "minutes_approved_at", flat=True
        ),
        *TermsOfReference.objects.exclude(approved_at=None).values_list(
            "approved_at", flat=True
        ),
        *StandardVersion.objects.exclude(approved_at=None).values_list(
            "approved_at", flat=True
        ),
        *ActionPlan.objects.exclude(approved_at=None).values_list(
            "approved_at", flat=True
        ),
    }
    assert len(approving) > 10
    in_force = TermsOfReference.objects.exclude(effective_from=None)
    first_tor = in_force.order_by("effective_from").first()
    for meeting in Meeting.objects.filter(pk__in=approving):
        assert meeting.status == "held", meeting
        assert meeting.attendances.filter(attended=True).exists(), meeting
        quorate = meeting.quorum_status().is_quorate
        # Before the first terms of reference there was no quorum rule.
        before = timezone.localdate(meeting.starts_at) < first_tor.effective_from
        expected = None if before else True
        assert quorate is expected, meeting


def test_held_meetings_say_where_they_were(demo):
    assert not Meeting.objects.filter(status="held", location="").exists()


def test_public_meeting_history_has_no_gap_of_a_year(demo):
    days = sorted(
        timezone.localdate(m.starts_at)
        for m in Meeting.objects.filter(is_public=True, starts_at__lt=timezone.now())
    )
    assert days[0].year == 2016
    gaps = [
        (a, b)
        for a, b in zip(days, days[1:], strict=False)
        if b - a > timedelta(days=200)
    ]
    assert not gaps, gaps
    assert timezone.localdate() - days[-1] < timedelta(days=200)


def test_nothing_on_screen_is_labelled_made_up(demo):
    assert not TrainingProvider.objects.filter(name__icontains="fictional").exists()
    client = Client()
    for url in ("/", "/training/", "/network/meetings/", "/about/"):
        assert "fictional" not in client.get(url).content.decode().lower(), url
