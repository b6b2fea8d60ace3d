"""Meeting dates that make no sense are refused; a past meeting is recorded as held.

A meeting scheduled now starts in the future with papers due today or later. A
meeting that has already taken place goes through 'Record a past meeting',
which saves it as held with who attended.
"""

from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from network.models import Meeting, MeetingSeries
from tests.conftest import date_boxes
from tests.network.conftest import make_meeting

pytestmark = pytest.mark.django_db


def _day(offset: int) -> date:
    return timezone.localdate() + timedelta(days=offset)


def _data(offset: int, **extra) -> dict:
    return {
        "title": "Quarterly network meeting",
        "meeting_type": "network",
        **date_boxes("date", _day(offset)),
        "start_time": "13:00",
        "end_time": "16:00",
        "location": "Bolton",
        **extra,
    }


def test_a_meeting_in_the_past_cannot_be_scheduled(login, coordinator):
    page = login(coordinator).post("/network/meetings/new/", _data(-30))
    assert page.status_code == 200
    assert page.context["form"].errors["date"] == [
        "The meeting must start in the future. If it has already taken place, "
        "record it as a past meeting instead"
    ]
    assert 'href="/network/meetings/record-past/"' in page.text
    assert not Meeting.objects.exists()


def test_a_date_with_a_box_left_empty_says_which_one(login, coordinator):
    data = _data(20)
    data["date_year"] = ""
    page = login(coordinator).post("/network/meetings/new/", data)
    assert page.context["form"].errors["date"] == ["Date must include a year"]
    assert 'href="#id_date_year"' in page.text  # the error summary's link
    assert not Meeting.objects.exists()


def test_papers_cannot_be_due_in_the_past(login, coordinator):
    page = login(coordinator).post(
        "/network/meetings/new/", _data(20, **date_boxes("papers_deadline", _day(-1)))
    )
    assert page.context["form"].errors["papers_deadline"] == [
        "The papers deadline must be today or later"
    ]
    assert not Meeting.objects.exists()


def test_a_meeting_soon_has_papers_due_today_not_last_week(login, coordinator):
    login(coordinator).post("/network/meetings/new/", _data(3))
    meeting = Meeting.objects.get()
    assert meeting.papers_deadline == timezone.localdate()


def test_a_scheduled_meeting_whose_date_has_passed_can_still_be_edited(
    login, coordinator
):
    """Its date was sensible when set; only a date being set now is checked."""
    two_days_ago = timezone.localdate() - timedelta(days=2)
    starts = timezone.make_aware(datetime.combine(two_days_ago, time(10)))
    past = make_meeting(starts_at=starts, ends_at=starts + timedelta(hours=2))
    local = timezone.localtime(past.starts_at)
    response = login(coordinator).post(
        f"/network/meetings/{past.pk}/edit/",
        {
            **_data(0, title="Renamed"),
            **date_boxes("date", local.date()),
            "start_time": local.strftime("%H:%M"),
            "end_time": timezone.localtime(past.ends_at).strftime("%H:%M"),
            **date_boxes("papers_deadline", past.papers_deadline),
        },
    )
    assert response.status_code == 302
    past.refresh_from_db()
    assert past.title == "Renamed"


def test_the_model_rule_holds_outside_the_form():
    meeting = Meeting(
        title="Backdated",
        starts_at=timezone.now() - timedelta(days=1),
        ends_at=timezone.now() - timedelta(days=1) + timedelta(hours=2),
    )
    with pytest.raises(ValidationError) as refused:
        meeting.full_clean()
    assert "starts_at" in refused.value.message_dict
    meeting.status = Meeting.Status.HELD
    meeting.full_clean()  # held in the past: fine


def test_postponing_to_a_past_date_is_refused(login, coordinator):
    meeting = make_meeting(
        starts_at=timezone.now() + timedelta(days=5),
        ends_at=timezone.now() + timedelta(days=5, hours=2),
    )
    page = login(coordinator).post(
        f"/network/meetings/{meeting.pk}/postpone/",
        {**date_boxes("date", _day(-3)), "start_time": "10:00", "end_time": "12:00"},
    )
    assert page.context["form"].errors["date"] == ["The new date must be in the future"]
    meeting.refresh_from_db()
    assert meeting.status == "scheduled" and Meeting.objects.count() == 1


def test_next_meeting_of_a_series_cannot_be_in_the_past(login, coordinator):
    series = MeetingSeries.objects.create(title="Steering group", every_months=1)
    page = login(coordinator).post(
        f"/network/series/{series.pk}/next/",
        {**date_boxes("date", _day(-7)), "start_time": "10:00", "end_time": "12:00"},
    )
    assert page.status_code == 200
    assert "The next meeting must start in the future" in page.text
    assert not Meeting.objects.exists()


def test_a_past_meeting_is_recorded_as_held_with_who_attended(
    login, coordinator, lead_a, peer_worker
):
    response = login(coordinator).post(
        "/network/meetings/record-past/",
        {
            **_data(-14, title="Network meeting we held last month"),
            "chair": coordinator.pk,
            "attended": [coordinator.pk, lead_a.pk, peer_worker.pk],
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/network/meetings/{meeting.pk}/attendance/"
    assert meeting.status == "held" and meeting.created_by == coordinator
    came = {a.user: a for a in meeting.attendances.all()}
    assert set(came) == {coordinator, lead_a, peer_worker}
    assert all(a.attended and a.response == "accepted" for a in came.values())
    assert came[coordinator].role_at_meeting == "chair"
    assert came[lead_a].role_at_meeting == "member"
    assert came[lead_a].trust == lead_a.trust
    assert came[peer_worker].counts_as_lived_experience


def test_a_meeting_still_to_come_cannot_be_recorded_as_held(login, coordinator):
    page = login(coordinator).post("/network/meetings/record-past/", _data(10))
    assert page.context["form"].errors["date"] == [
        "The meeting has not started yet, so it cannot be recorded as held. "
        "Schedule it instead"
    ]
    assert not Meeting.objects.exists()


def test_only_coordinators_record_past_meetings(login, lead_a):
    client = login(lead_a)
    assert client.get("/network/meetings/record-past/").status_code == 403
    assert client.post("/network/meetings/record-past/", _data(-3)).status_code == 403
    assert not Meeting.objects.exists()


def test_a_place_is_to_be_confirmed_only_before_the_meeting(client):
    soon = timezone.now() + timedelta(days=9)
    ahead = make_meeting(
        is_public=True, starts_at=soon, ends_at=soon + timedelta(hours=2)
    )
    gone = timezone.now() - timedelta(days=9)
    held = make_meeting(
        is_public=True,
        status="held",
        starts_at=gone,
        ends_at=gone + timedelta(hours=2),
    )
    assert "To be confirmed" in client.get(ahead.get_absolute_url()).text
    page = client.get(held.get_absolute_url()).text
    assert "To be confirmed" not in page and "Not recorded" in page
    listing = client.get("/network/meetings/").text
    assert listing.count("To be confirmed") == 1
