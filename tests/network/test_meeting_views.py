"""Meetings: scheduling, attendance, minutes, state changes and decisions to actions."""

from datetime import UTC, date, time

import pytest
from django.utils import timezone

from network.models import ActionItem, AgendaItem, Meeting, MeetingAttendance
from tests.conftest import date_boxes

pytestmark = pytest.mark.django_db


NEXT_YEAR = timezone.localdate().year + 1


def _meeting_data(**extra):
    data = {
        "title": "Quarterly network meeting",
        "meeting_type": "network",
        **date_boxes(
            "date", date(NEXT_YEAR, 7, 14)
        ),  # BST: 13:00 in London is 12:00 UTC
        "start_time": "13:00",
        "end_time": "16:00",
        "location": "Bolton",
        "online_url": "",
    }
    data.update(extra)
    return data


def test_coordinator_schedules_meeting_stored_in_utc(login, coordinator):
    response = login(coordinator).post("/network/meetings/new/", _meeting_data())
    meeting = Meeting.objects.get(title="Quarterly network meeting")
    assert response.status_code == 302
    assert response["Location"] == meeting.get_absolute_url()
    assert meeting.starts_at.astimezone(UTC).hour == 12
    assert timezone.localtime(meeting.starts_at).time() == time(13, 0)
    assert meeting.papers_deadline == date(NEXT_YEAR, 7, 7)  # default: a week before
    assert meeting.created_by == coordinator


def test_end_before_start_is_a_field_error_and_saves_nothing(login, coordinator):
    response = login(coordinator).post(
        "/network/meetings/new/", _meeting_data(end_time="12:00")
    )
    assert response.status_code == 200
    assert "The end time must be after the start time" in response.text
    assert response.context["form"].errors["end_time"]
    assert "<title>Error: " in response.text
    assert not Meeting.objects.exists()


def test_online_link_only_shown_to_signed_in_users(
    login, client, public_meeting, peer_worker
):
    assert "public-room" not in client.get(public_meeting.get_absolute_url()).text
    ics = client.get(f"/network/meetings/{public_meeting.pk}/meeting.ics")
    assert b"public-room" not in ics.content
    member = login(peer_worker)
    assert "public-room" in member.get(public_meeting.get_absolute_url()).text


def test_ics_download_has_london_times(login, peer_worker, meeting):
    response = login(peer_worker).get(f"/network/meetings/{meeting.pk}/meeting.ics")
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "DTSTART;TZID=Europe/London:20250610T100000" in body
    assert "BEGIN:VTIMEZONE" in body


def test_attendance_recorded_for_each_person(
    login, coordinator, meeting, lead_a, lead_b
):
    a = MeetingAttendance.objects.create(
        meeting=meeting, user=lead_a, trust=lead_a.trust
    )
    b = MeetingAttendance.objects.create(
        meeting=meeting, user=lead_b, trust=lead_b.trust
    )
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-0-id": a.pk,
        "form-0-response": "accepted",
        "form-0-attended": "true",
        "form-1-id": b.pk,
        "form-1-response": "apologies",
        "form-1-attended": "false",
    }
    response = login(coordinator).post(
        f"/network/meetings/{meeting.pk}/attendance/", data
    )
    assert response.status_code == 302
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.response, a.attended) == ("accepted", True)
    assert (b.response, b.attended) == ("apologies", False)


def test_invite_every_trust_lead_once(login, coordinator, meeting, lead_a, lead_b):
    client = login(coordinator)
    client.post(f"/network/meetings/{meeting.pk}/attendance/invite-leads/")
    client.post(f"/network/meetings/{meeting.pk}/attendance/invite-leads/")
    invited = MeetingAttendance.objects.filter(meeting=meeting)
    assert {a.user for a in invited} == {lead_a, lead_b} and invited.count() == 2
    assert {a.trust for a in invited} == {lead_a.trust, lead_b.trust}


def test_add_attendee_needs_a_person_or_a_name(login, coordinator, meeting):
    response = login(coordinator).post(
        f"/network/meetings/{meeting.pk}/attendance/add/",
        {"add-role_at_meeting": "guest"},
    )
    assert "Choose a person, or enter a guest" in response.text
    assert not meeting.attendances.exists()


def test_trust_lead_replies_for_own_trust_only(login, meeting, lead_a, lead_b):
    own = MeetingAttendance.objects.create(
        meeting=meeting, user=lead_a, trust=lead_a.trust
    )
    other = MeetingAttendance.objects.create(
        meeting=meeting, user=lead_b, trust=lead_b.trust
    )
    client = login(lead_a)
    url = f"/network/meetings/{meeting.pk}/respond/"
    assert client.post(f"{url}{own.pk}/", {"response": "accepted"}).status_code == 302
    assert client.post(f"{url}{other.pk}/", {"response": "declined"}).status_code == 403
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.response == "accepted" and other.response == "invited"


def test_held_then_minutes_drafted_then_approved_at_later_meeting(
    login, coordinator, meeting, public_meeting
):
    client = login(coordinator)
    assert client.get(f"/network/meetings/{meeting.pk}/held/").status_code == 405
    client.post(f"/network/meetings/{meeting.pk}/held/")
    meeting.refresh_from_db()
    assert meeting.status == "held"
    client.post(f"/network/meetings/{meeting.pk}/minutes/", {"minutes": "We agreed."})
    meeting.refresh_from_db()
    assert meeting.minutes_status == "draft" and meeting.minutes_drafted_on
    # public_meeting is in the future: minutes cannot be approved there yet.
    approve = f"/network/meetings/{meeting.pk}/minutes/approve/"
    assert (
        public_meeting not in client.get(approve).context["form"].fields["at"].queryset
    )
    refused = client.post(approve, {"at": public_meeting.pk})
    assert refused.status_code == 200 and refused.context["form"].errors["at"]
    later = Meeting.objects.create(
        title="Next network meeting",
        starts_at=meeting.starts_at + timezone.timedelta(days=91),
        ends_at=meeting.ends_at + timezone.timedelta(days=91),
    )
    response = client.post(approve, {"at": later.pk})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes_status == "approved"
    assert meeting.minutes_approved_at == later


def test_minutes_cannot_be_approved_at_an_earlier_meeting(login, coordinator, meeting):
    earlier = Meeting.objects.create(
        title="Earlier",
        starts_at=meeting.starts_at - timezone.timedelta(days=90),
        ends_at=meeting.ends_at - timezone.timedelta(days=90),
    )
    meeting.status, meeting.minutes, meeting.minutes_status = "held", "x", "draft"
    meeting.save()
    response = login(coordinator).post(
        f"/network/meetings/{meeting.pk}/minutes/approve/", {"at": earlier.pk}
    )
    assert response.status_code == 200 and response.context["form"].errors["at"]
    meeting.refresh_from_db()
    assert meeting.minutes_status == "draft"


def test_draft_minutes_hidden_from_peer_workers_but_not_trust_leads(
    login, meeting, peer_worker, lead_a
):
    meeting.status, meeting.minutes, meeting.minutes_status = (
        "held",
        "SECRET-DRAFT",
        "draft",
    )
    meeting.save()
    assert "SECRET-DRAFT" not in login(peer_worker).get(meeting.get_absolute_url()).text
    assert "SECRET-DRAFT" in login(lead_a).get(meeting.get_absolute_url()).text


def test_minutes_markdown_is_sanitised(login, coordinator, meeting):
    meeting.status, meeting.minutes_status = "held", "draft"
    meeting.minutes = (
        '<script>alert(1)</script><a href="#" onclick="x()">link</a> **bold**'
    )
    meeting.save()
    html = login(coordinator).get(meeting.get_absolute_url()).text
    assert "<script>alert(1)" not in html and "onclick" not in html
    assert "<strong>bold</strong>" in html


def test_postpone_creates_a_linked_meeting_with_the_same_invitees(
    login, coordinator, meeting, lead_a
):
    MeetingAttendance.objects.create(
        meeting=meeting, user=lead_a, trust=lead_a.trust, response="accepted"
    )
    response = login(coordinator).post(
        f"/network/meetings/{meeting.pk}/postpone/",
        {
            **date_boxes("date", date(NEXT_YEAR, 7, 1)),
            "start_time": "10:00",
            "end_time": "12:00",
            "reason": "Strike",
        },
    )
    meeting.refresh_from_db()
    new = meeting.postponed_to
    assert meeting.status == "postponed" and new.status == "scheduled"
    assert response["Location"] == new.get_absolute_url()
    assert new.attendances.get().response == "invited"
    assert new.agenda_items.count() == meeting.agenda_items.count()


def test_cancel_needs_a_reason_and_is_terminal(login, coordinator, meeting):
    client = login(coordinator)
    response = client.post(f"/network/meetings/{meeting.pk}/cancel/", {"reason": ""})
    assert response.context["form"].errors["reason"]
    client.post(f"/network/meetings/{meeting.pk}/cancel/", {"reason": "Room lost"})
    meeting.refresh_from_db()
    assert meeting.status == "cancelled" and meeting.status_note == "Room lost"
    assert client.get(f"/network/meetings/{meeting.pk}/postpone/").status_code == 403
    client.post(f"/network/meetings/{meeting.pk}/held/")
    meeting.refresh_from_db()
    assert meeting.status == "cancelled"


def test_decision_becomes_an_action_linked_to_the_meeting(
    login, coordinator, meeting, objective, lead_a
):
    item = meeting.agenda_items.get()
    url = f"/network/meetings/{meeting.pk}/agenda/{item.pk}/action/"
    client = login(coordinator)
    assert "Agreed: draft a standard." in client.get(url).text  # prefilled
    response = client.post(
        url,
        {
            "objective": objective.pk,
            "action": "Draft the supervision standard",
            "owner": lead_a.pk,
            **date_boxes("due_date", "2026-12-31"),
        },
    )
    action = ActionItem.objects.get()
    assert response["Location"] == action.get_absolute_url()
    assert action.ref == "4.1"  # numbered after the objective
    assert action.source_meeting == meeting and action.source_agenda_item == item
    assert action.original_due_date == date(2026, 12, 31)
    assert action.action in client.get(meeting.get_absolute_url()).text


def test_matters_arising_lists_open_and_overdue_actions(
    login, coordinator, meeting, item_a
):
    item_a.due_date = date(2024, 2, 1)
    item_a.save()
    login(coordinator).post(f"/network/meetings/{meeting.pk}/agenda/matters-arising/")
    arising = AgendaItem.objects.get(
        meeting=meeting, title__startswith="Matters arising"
    )
    assert "4.1" in arising.description and "overdue" in arising.description


def test_attendance_rows_from_another_meeting_cannot_be_tampered_with(
    login, coordinator, meeting, public_meeting, lead_a
):
    foreign = MeetingAttendance.objects.create(
        meeting=public_meeting, user=lead_a, trust=lead_a.trust
    )
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": foreign.pk,
        "form-0-response": "declined",
        "form-0-attended": "false",
    }
    login(coordinator).post(f"/network/meetings/{meeting.pk}/attendance/", data)
    foreign.refresh_from_db()
    assert foreign.response == "invited"


def test_missing_agenda_item_is_404(login, coordinator, meeting, public_meeting):
    item = meeting.agenda_items.get()
    url = f"/network/meetings/{public_meeting.pk}/agenda/{item.pk}/edit/"
    assert login(coordinator).get(url).status_code == 404


def test_public_list_hides_private_meetings(client, meeting, public_meeting):
    response = client.get("/network/meetings/")
    listed = list(response.context["upcoming"]) + list(response.context["past"])
    assert listed == [public_meeting]


def test_attendance_page_title_has_no_error_prefix_without_errors(
    login, coordinator, meeting, lead_a
):
    MeetingAttendance.objects.create(meeting=meeting, user=lead_a, trust=lead_a.trust)
    html = login(coordinator).get(f"/network/meetings/{meeting.pk}/attendance/").text
    assert "<title>Attendance" in html


def test_future_meeting_cannot_be_recorded_as_held(login, coordinator, public_meeting):
    response = login(coordinator).post(
        f"/network/meetings/{public_meeting.pk}/held/", follow=True
    )
    assert "only be recorded as held once it starts" in response.text
    public_meeting.refresh_from_db()
    assert public_meeting.status == "scheduled"


def test_moving_a_meeting_moves_its_default_papers_deadline(
    login, coordinator, meeting
):
    data = _meeting_data(
        **date_boxes("date", date(NEXT_YEAR, 9, 16)),
        **date_boxes("papers_deadline", meeting.papers_deadline),
    )
    response = login(coordinator).post(f"/network/meetings/{meeting.pk}/edit/", data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.papers_deadline == date(NEXT_YEAR, 9, 9)


def test_trust_lead_comments_on_draft_minutes_but_peer_worker_cannot(
    login, meeting, lead_a, peer_worker
):
    meeting.status, meeting.minutes, meeting.minutes_status = "held", "Draft", "draft"
    meeting.save()
    url = f"/network/meetings/{meeting.pk}/minutes/comments/"
    assert login(peer_worker).post(url, {"body": "Sneaky"}).status_code == 403
    response = login(lead_a).post(url, {"body": "Item 1: add **Trust A**."})
    assert response.status_code == 302
    comment = meeting.minutes_comments.get()
    assert (comment.author, comment.trust) == (lead_a, lead_a.trust)
    html = login(lead_a).get(meeting.get_absolute_url()).text
    assert "<strong>Trust A</strong>" in html


def test_approved_minutes_take_no_more_comments(login, meeting, lead_a, public_meeting):
    meeting.status, meeting.minutes = "held", "Final"
    meeting.minutes_status, meeting.minutes_approved_at = "approved", public_meeting
    meeting.save()
    url = f"/network/meetings/{meeting.pk}/minutes/comments/"
    assert login(lead_a).post(url, {"body": "Late"}).status_code == 403
    assert not meeting.minutes_comments.exists()


def test_meeting_page_queries_do_not_grow_with_its_chair_and_links(
    login, coordinator, meeting
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from tests.network.conftest import make_meeting

    client = login(coordinator)
    url = reverse("network:meeting-detail", args=[meeting.pk])
    client.get(url)  # the header's work-home count is cached after the first page
    with CaptureQueriesContext(connection) as bare:
        assert client.get(url).status_code == 200
    meeting.chair = coordinator
    meeting.postponed_to = make_meeting(title="Later meeting")
    meeting.minutes_approved_at = make_meeting(title="Approving meeting")
    meeting.save()
    with CaptureQueriesContext(connection) as linked:
        body = client.get(url).content.decode()
    assert "Later meeting" in body and "Approving meeting" in body
    assert len(linked) == len(bare)


def test_meeting_page_queries_do_not_grow_with_invitees_actions_and_comments(
    login, coordinator, meeting, objective, lead_a, lead_b, peer_worker, invite
):
    # Each list reads only the columns it shows: a column read without being
    # loaded would cost a query per row.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from network.models import MinutesComment
    from tests.network.conftest import make_item

    meeting.minutes_status, meeting.minutes = "draft", "Draft minutes"
    meeting.save()

    def add(n, person):
        invite(person, lived_experience=True, attended=True)
        make_item(objective, person, ref=f"9.{n}", source_meeting=meeting)
        MinutesComment.objects.create(
            meeting=meeting, author=person, trust=person.trust, body=f"Note {n}"
        )

    def count():
        with CaptureQueriesContext(connection) as ctx:
            body = client.get(f"/network/meetings/{meeting.pk}/").content.decode()
        return len(ctx), body

    client = login(coordinator)
    add(1, lead_a)
    client.get(f"/network/meetings/{meeting.pk}/")  # the work-home count is cached
    one, _ = count()
    add(2, lead_b)
    add(3, peer_worker)
    three, body = count()
    assert three == one
    assert "Note 3" in body and "9.3" in body and str(peer_worker) in body
