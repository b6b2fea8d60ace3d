"""Chasing only those who have not answered: once per person, never twice in 24
hours, only by coordinators, never for something closed."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from core import dates
from core.models import Notification
from network.models import Meeting, MeetingAttendance
from standards.models import ConsultationResponse, Standard, StandardVersion
from tests.conftest import make_trust, make_user
from workforce.models import WorkforceReturn


@pytest.fixture
def meeting(personas):
    start = timezone.now() + timedelta(days=10)
    m = Meeting.objects.create(
        title="Network meeting", starts_at=start, ends_at=start + timedelta(hours=2)
    )
    for user, response in (
        (personas["lead_a"], "invited"),
        (personas["lead_b"], "invited"),
        (personas["peer_worker"], "accepted"),
    ):
        MeetingAttendance.objects.create(
            meeting=m, user=user, trust=user.trust, response=response
        )
    return m


def chase(client, url, callbacks):
    with callbacks(execute=True):
        return client.post(url, follow=True)


def test_meeting_chase_emails_each_invitee_without_a_reply_once(
    personas, meeting, login, django_capture_on_commit_callbacks
):
    client = login(personas["coordinator"])
    url = f"/chase/meeting/{meeting.pk}/"
    page = client.get(url).content.decode()
    preview = page[page.index('id="chase-recipients"') : page.index("</table>")]
    assert preview.count("<tr") == 3  # the header and two people
    assert personas["lead_a"].full_name in preview
    assert personas["peer_worker"].full_name not in preview  # they replied
    assert "Not chased yet" in preview
    page = chase(client, url, django_capture_on_commit_callbacks).content.decode()
    assert "Reminder sent to 2 people" in page
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [personas["lead_a"].email, personas["lead_b"].email]
    )
    assert "Network meeting" in mail.outbox[0].subject
    assert Notification.objects.filter(kind="chase-meeting").count() == 2
    # The page now shows when each was last chased, and offers no button.
    page = client.get(url).content.decode()
    assert "Not chased yet" not in page
    at = Notification.objects.filter(kind="chase-meeting").first().created_at
    assert f"{timezone.localtime(at):%-d %B %Y}</span> at {dates.clock(at)}" in page
    assert "chased less than 24 hours ago" in page
    assert "Send reminders" not in page


def test_a_second_chase_within_24_hours_is_refused_with_a_clear_message(
    personas, meeting, login, django_capture_on_commit_callbacks
):
    client = login(personas["coordinator"])
    url = f"/chase/meeting/{meeting.pk}/"
    chase(client, url, django_capture_on_commit_callbacks)
    page = chase(client, url, django_capture_on_commit_callbacks).content.decode()
    assert "were chased less than 24 hours ago" in page
    assert Notification.objects.filter(kind="chase-meeting").count() == 2
    assert len(mail.outbox) == 2
    # A day later the same people can be chased again.
    Notification.objects.filter(kind="chase-meeting").update(
        created_at=timezone.now() - timedelta(hours=25), occurrence="chase:earlier"
    )
    page = chase(client, url, django_capture_on_commit_callbacks).content.decode()
    assert "Reminder sent to 2 people" in page
    assert Notification.objects.filter(kind="chase-meeting").count() == 4


@pytest.mark.parametrize("role", ["peer_worker", "lead_a", "lead_b"])
def test_only_coordinators_may_chase(personas, meeting, login, role):
    client = login(personas[role])
    assert client.get(f"/chase/meeting/{meeting.pk}/").status_code == 403
    assert client.post(f"/chase/meeting/{meeting.pk}/").status_code == 403
    assert not Notification.objects.filter(kind__startswith="chase").exists()


def test_a_meeting_that_has_happened_cannot_be_chased(
    personas, meeting, login, django_capture_on_commit_callbacks
):
    Meeting.objects.filter(pk=meeting.pk).update(status="cancelled")
    client = login(personas["coordinator"])
    page = chase(
        client, f"/chase/meeting/{meeting.pk}/", django_capture_on_commit_callbacks
    ).content.decode()
    assert "no longer going ahead, so nobody was chased" in page
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_return_round_chase_reaches_only_trusts_that_have_not_submitted(
    personas, login, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    trust_c = make_trust("TC")
    lead_c = make_user("lead.c@example.test", "trust_lead", trust=trust_c)
    for trust, status in (
        (personas["lead_a"].trust, "open"),
        (personas["lead_b"].trust, "submitted"),
        (trust_c, "returned"),
    ):
        WorkforceReturn.objects.create(
            trust=trust,
            period="2026-Q3",
            snapshot_date=today - timedelta(days=10),
            due_date=today + timedelta(days=5),
            status=status,
            returned_reason="Check band" if status == "returned" else "",
        )
    client = login(personas["coordinator"])
    assert (
        "/chase/returns/2026-Q3/" in client.get("/workforce/returns/").content.decode()
    )
    chase(client, "/chase/returns/2026-Q3/", django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [personas["lead_a"].email, lead_c.email]
    )
    WorkforceReturn.objects.filter(period="2026-Q3").update(status="submitted")
    page = chase(
        client, "/chase/returns/2026-Q3/", django_capture_on_commit_callbacks
    ).content.decode()
    assert "Every trust has sent its return for this quarter" in page
    assert len(mail.outbox) == 2
    assert client.get("/chase/returns/1999-Q1/").status_code == 404


def test_consultation_chase_reaches_only_trusts_that_have_not_responded(
    personas, login, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    standard = Standard.objects.create(
        code="NWPSW-S09",
        title="Supervision",
        area=Standard.Area.choices[0][0],
        owner=personas["coordinator"],
    )
    version = StandardVersion.objects.create(
        standard=standard,
        number=1,
        body="Text",
        status="consultation",
        consultation_opens=today - timedelta(days=3),
        consultation_closes=today + timedelta(days=10),
    )
    ConsultationResponse.objects.create(
        version=version,
        respondent=personas["lead_b"],
        trust=personas["lead_b"].trust,
        respondent_type="trust_lead",
        position="support",
    )
    client = login(personas["coordinator"])
    chase(
        client, f"/chase/consultation/{version.pk}/", django_capture_on_commit_callbacks
    )
    assert [m.to[0] for m in mail.outbox] == [personas["lead_a"].email]
    StandardVersion.objects.filter(pk=version.pk).update(
        consultation_closes=today - timedelta(days=1)
    )
    page = chase(
        client, f"/chase/consultation/{version.pk}/", django_capture_on_commit_callbacks
    ).content.decode()
    assert "This consultation is closed, so nobody was chased" in page
    assert len(mail.outbox) == 1
