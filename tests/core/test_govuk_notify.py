"""Email through GOV.UK Notify: the real notifications-python-client against a
local server that follows Notify's published API (tests/notify_server.py), and
Notify's delivery receipts posted to our callback."""

import base64
import json
import logging
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.mail import get_connection, send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from core import notifications
from core.govuk_notify import CALENDAR_INTRO, NotifyError, reference_for
from core.models import Notification
from tests.notify_server import API_KEY, SECRET, TEMPLATE_ID, FakeNotify

pytestmark = pytest.mark.django_db

CALLBACK_TOKEN = "callback-token-0123456789"
PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)
CALENDAR = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
    "UID:meeting-1@psw\r\nSUMMARY:Network meeting\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


@pytest.fixture
def notify_api(settings):
    with FakeNotify() as server:
        settings.NOTIFY_API_KEY = API_KEY
        settings.NOTIFY_TEMPLATE_ID = TEMPLATE_ID
        settings.NOTIFY_BASE_URL = server.url
        settings.NOTIFY_CALLBACK_TOKEN = CALLBACK_TOKEN
        settings.NOTIFY_SEND_FILES = False
        settings.SITE_URL = "https://psw.example"
        yield server


def message(user, occurrence="2026-12-01", kind="R1-meeting-invitation", **extra):
    return Notification.objects.create(
        kind=kind,
        content_type=ContentType.objects.get_for_model(user),
        object_id=str(user.pk),
        recipient=user,
        occurrence=occurrence,
        subject="Network meeting on 1 December 2026",
        body_text="You are invited to the network meeting.",
        **extra,
    )


def receipt(client, note, status, token=CALLBACK_TOKEN, reference=None):
    body = {
        "id": "740e5834-3a29-46b4-9a6f-16142fde533a",
        "reference": reference if reference is not None else reference_for(note),
        "to": note.recipient.email,
        "status": status,
        "created_at": "2026-11-24T09:00:00.000000Z",
        "completed_at": "2026-11-24T09:00:05.000000Z",
        "sent_at": "2026-11-24T09:00:01.000000Z",
        "notification_type": "email",
        "template_id": TEMPLATE_ID,
        "template_version": 1,
    }
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(
        reverse("core:notify-receipt"),
        json.dumps(body),
        content_type="application/json",
        **headers,
    )


def test_sends_through_notify_with_one_template_and_the_outbox_key(notify_api, lead_a):
    note = message(lead_a)
    assert notifications.notification_send(note.pk) == "sent"
    [sent] = notify_api.accepted
    assert sent["email_address"] == lead_a.email
    assert sent["template_id"] == TEMPLATE_ID
    assert sent["reference"] == reference_for(note)
    assert lead_a.email not in sent["reference"]
    assert sent["personalisation"] == {
        "subject": "Network meeting on 1 December 2026",
        "body": "You are invited to the network meeting.",
        "file": "",
    }
    assert sent["one_click_unsubscribe_url"].startswith(
        "https://psw.example/notifications/unsubscribe/"
    )
    assert mail.outbox == []  # not by SMTP as well
    note.refresh_from_db()
    assert (note.status, note.attempts) == ("sent", 1)


def test_without_an_api_key_smtp_stays_the_sender(settings, lead_a):
    settings.NOTIFY_API_KEY = ""
    note = message(lead_a)
    assert notifications.notification_send(note.pk) == "sent"
    assert [m.to for m in mail.outbox] == [[lead_a.email]]


def test_every_other_email_goes_through_notify_when_the_key_is_set(notify_api):
    connection = get_connection("core.govuk_notify.EmailBackend")
    sent = send_mail(
        "Reset your password",
        "Use this link to choose a new password.",
        None,
        ["no-account@example.test"],
        connection=connection,
    )
    assert sent == 1
    [body] = notify_api.accepted
    assert body["email_address"] == "no-account@example.test"
    assert body["personalisation"]["subject"] == "Reset your password"
    assert body["personalisation"]["body"].startswith("Use this link")
    assert "reference" not in body  # only outbox messages have receipts


def test_the_notify_email_backend_raises_what_notify_refused(notify_api):
    notify_api.fail_next(400, "BadRequestError", "Can't send to this recipient")
    connection = get_connection("core.govuk_notify.EmailBackend")
    with pytest.raises(NotifyError, match="Can't send to this recipient"):
        send_mail("Hello", "Body", None, ["a@example.test"], connection=connection)


def test_a_weekly_digest_goes_through_notify_as_one_email(notify_api, lead_a):
    for occurrence in ("one", "two"):
        message(lead_a, occurrence, kind="R2-papers", delivery="digest")
    assert notifications.digest_send(lead_a.pk) == 2
    [sent] = notify_api.accepted
    assert sent["personalisation"]["subject"] == "Your weekly summary: 2 updates"
    assert sent["reference"].startswith(f"digest/{lead_a.pk}/")
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}


def test_a_digest_notify_refuses_fails_and_one_it_cannot_take_waits(notify_api, lead_a):
    message(lead_a, "one", kind="R2-papers", delivery="digest")
    notify_api.fail_next(503, "Exception", "Service unavailable")
    with pytest.raises(NotifyError):  # the task's autoretry tries again later
        notifications.digest_send(lead_a.pk)
    assert Notification.objects.get().status == "pending"
    notify_api.fail_next(400, "BadRequestError", "Can't send to this recipient")
    assert notifications.digest_send(lead_a.pk) == 0
    note = Notification.objects.get()
    assert note.status == "failed" and "Can't send to this recipient" in note.last_error


def test_a_calendar_goes_as_a_notify_file_where_the_service_may_send_one(
    notify_api, settings, lead_a
):
    settings.NOTIFY_SEND_FILES = True
    notify_api.file_types = (".ics",)  # a service Notify allows calendar files
    note = message(lead_a, calendar=CALENDAR)
    assert notifications.notification_send(note.pk) == "sent"
    [sent] = notify_api.accepted
    upload = sent["personalisation"]["file"]
    assert upload["filename"] == "invite.ics"
    assert base64.b64decode(upload["file"]).decode() == CALENDAR
    assert sent["personalisation"]["body"].endswith(CALENDAR_INTRO)


def test_a_calendar_notify_refuses_as_a_file_goes_as_a_link_instead(
    notify_api, settings, client, lead_a
):
    settings.NOTIFY_SEND_FILES = True  # Notify itself refuses .ics files
    note = message(lead_a, calendar=CALENDAR)
    assert notifications.notification_send(note.pk) == "sent"
    [(status, refused)] = notify_api.refused
    assert status == 400 and isinstance(refused["personalisation"]["file"], dict)
    [sent] = notify_api.accepted
    link = sent["personalisation"]["file"]
    assert link.startswith("https://psw.example/notifications/invitation/")
    download = client.get(link.removeprefix("https://psw.example"))
    assert download.status_code == 200
    assert download["Content-Type"].startswith("text/calendar")
    assert download.content.decode() == CALENDAR


def test_a_pdf_attachment_goes_as_a_notify_file(notify_api, settings, lead_a):
    settings.NOTIFY_SEND_FILES = True  # Notify takes PDFs from services it allows
    note = message(lead_a, attachment_name="board-pack.pdf", attachment=PDF)
    assert notifications.notification_send(note.pk) == "sent"
    [sent] = notify_api.accepted
    upload = sent["personalisation"]["file"]
    assert upload["filename"] == "board-pack.pdf"
    assert base64.b64decode(upload["file"]) == PDF
    assert sent["personalisation"]["body"].endswith("Download board-pack.pdf:")


def test_without_file_sending_an_attachment_is_a_link_for_its_recipient_only(
    notify_api, client, login, lead_a, lead_b, coordinator
):
    note = message(lead_a, attachment_name="board-pack.pdf", attachment=PDF)
    assert notifications.notification_send(note.pk) == "sent"
    [sent] = notify_api.accepted
    link = sent["personalisation"]["file"].removeprefix("https://psw.example")
    assert link.startswith("/notifications/attachment/")
    assert client.get(link).status_code == 302  # sign in first
    for someone_else in (lead_b, coordinator):
        login(someone_else)
        assert client.get(link).status_code == 404
        client.logout()
    login(lead_a)
    download = client.get(link)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download.content == PDF


def test_a_forged_calendar_link_is_not_found(client, lead_a):
    message(lead_a, calendar=CALENDAR)
    assert client.get("/notifications/invitation/1:forged/").status_code == 404


@pytest.mark.parametrize(
    ("status", "error", "text"),
    [
        (429, "RateLimitError", "Exceeded rate limit for key type LIVE of 3000"),
        (429, "TooManyRequestsError", "Exceeded send limits (250000) for today"),
        (500, "Exception", "Internal server error"),
    ],
)
def test_rate_limits_and_server_errors_back_off_and_try_again(
    notify_api, lead_a, status, error, text
):
    note = message(lead_a)
    notify_api.fail_next(status, error, text)
    before = timezone.now()
    assert notifications.notification_send(note.pk) == "pending"
    note.refresh_from_db()
    assert note.attempts == 1
    assert note.next_attempt_at - before >= timedelta(minutes=2)
    assert f"GOV.UK Notify answered {status}" in note.last_error
    assert text in note.last_error
    Notification.objects.filter(pk=note.pk).update(next_attempt_at=timezone.now())
    assert notifications.notification_send(note.pk) == "sent"
    assert len(notify_api.accepted) == 1


def test_notify_out_of_reach_is_tried_again(notify_api, settings, lead_a):
    note = message(lead_a)
    settings.NOTIFY_BASE_URL = "http://127.0.0.1:9"  # nothing listens there
    assert notifications.notification_send(note.pk) == "pending"
    note.refresh_from_db()
    assert note.last_error.startswith("NotifyError: GOV.UK Notify answered 503")


def test_a_bad_request_fails_at_once_with_notifys_reason(notify_api, lead_a):
    lead_a.email = "not-an-address"
    lead_a.save(update_fields=["email"])
    note = message(lead_a)
    assert notifications.notification_send(note.pk) == "failed"
    note.refresh_from_db()
    assert note.attempts == 1 and note.next_attempt_at is None
    assert "ValidationError: email_address Not a valid email address" in (
        note.last_error
    )


def test_a_wrong_api_key_is_tried_again_and_sends_once_the_key_is_put_right(
    notify_api, settings, lead_a
):
    """A 403 is about our key or clock, not the message: failing every email at
    once for a configuration slip would lose them all."""
    right_key = settings.NOTIFY_API_KEY
    settings.NOTIFY_API_KEY = API_KEY.replace(SECRET, "0" * 36)
    note = message(lead_a)
    assert notifications.notification_send(note.pk) == "pending"
    note.refresh_from_db()
    assert "AuthError" in note.last_error and notify_api.accepted == []
    assert note.attempts == 1 and note.next_attempt_at is not None
    settings.NOTIFY_API_KEY = right_key
    Notification.objects.filter(pk=note.pk).update(next_attempt_at=timezone.now())
    assert notifications.notification_send(note.pk) == "sent"
    assert len(notify_api.accepted) == 1


def test_a_delivered_receipt_shows_on_the_outbox_page(
    notify_api, client, login, coordinator, lead_a
):
    note = message(lead_a)
    notifications.notification_send(note.pk)
    assert receipt(client, note, "delivered").status_code == 204
    note.refresh_from_db()
    assert (note.status, note.receipt) == ("delivered", "delivered")
    assert note.receipt_at.isoformat() == "2026-11-24T09:00:05+00:00"
    login(coordinator)
    page = client.get(reverse("core:notifications"), {"status": "delivered"})
    text = strip_tags(page.content.decode())
    assert "Delivered 24 Nov 2026, 9am" in text
    assert lead_a.email in text


def test_a_permanent_failure_receipt_fails_the_message_with_the_reason(
    notify_api, client, login, coordinator, lead_a
):
    note = message(lead_a)
    notifications.notification_send(note.pk)
    assert receipt(client, note, "permanent-failure").status_code == 204
    note.refresh_from_db()
    assert (note.status, note.receipt) == ("failed", "permanent-failure")
    assert note.last_error.startswith("Not delivered: The email address does not")
    login(coordinator)
    page = strip_tags(client.get(reverse("core:notifications")).content.decode())
    assert (
        "Not delivered (24 Nov 2026, 9am). The email address does not exist or "
        "its provider refused the email." in page
    )
    assert "Send again" in page


def test_a_receipt_before_the_send_is_recorded_is_kept(notify_api, client, lead_a):
    note = message(lead_a, status=Notification.Status.SENDING)
    assert receipt(client, note, "delivered").status_code == 204
    notifications._mark_sent(note)  # the sender's own write, arriving later
    note.refresh_from_db()
    assert (note.status, note.attempts) == ("delivered", 1)


@pytest.mark.parametrize(
    "token", ["", "wrong-token-0123456789", CALLBACK_TOKEN[:-1], "Bearer"]
)
def test_a_receipt_without_the_right_token_is_refused(
    notify_api, client, lead_a, token
):
    note = message(lead_a, status=Notification.Status.SENT)
    response = receipt(client, note, "permanent-failure", token=token)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    note.refresh_from_db()
    assert (note.status, note.receipt, note.last_error) == ("sent", "", "")


def test_with_no_callback_token_configured_every_receipt_is_refused(
    notify_api, settings, client, lead_a
):
    settings.NOTIFY_CALLBACK_TOKEN = ""
    note = message(lead_a, status=Notification.Status.SENT)
    assert receipt(client, note, "delivered", token="").status_code == 401
    response = client.post(
        reverse("core:notify-receipt"),
        "{}",
        "application/json",
        HTTP_AUTHORIZATION="Bearer ",
    )
    assert response.status_code == 401
    assert Notification.objects.get(pk=note.pk).status == "sent"


@pytest.mark.parametrize(
    "reference", ["R1/1/1/1/never-sent", "digest/1/2026", "", "a/b/c/d/e"]
)
def test_a_receipt_for_an_unknown_reference_changes_nothing(
    notify_api, client, lead_a, reference
):
    note = message(lead_a, status=Notification.Status.SENT)
    response = receipt(client, note, "permanent-failure", reference=reference)
    assert response.status_code == 204  # Notify need not retry it
    note.refresh_from_db()
    assert (note.status, note.receipt) == ("sent", "")


def test_a_receipt_for_a_message_sent_again_since_changes_nothing(
    notify_api, client, lead_a
):
    note = message(lead_a, status=Notification.Status.PENDING)
    assert receipt(client, note, "delivered").status_code == 204
    assert Notification.objects.get(pk=note.pk).status == "pending"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"not json", "The receipt is not JSON"),
        (b"[1]", "The receipt is not a JSON object"),
        (b'{"reference": "x", "status": "lost"}', "Unknown status: lost"),
    ],
)
def test_a_malformed_receipt_is_refused_with_the_reason(
    notify_api, client, lead_a, body, reason
):
    note = message(lead_a, status=Notification.Status.SENT)
    response = client.post(
        reverse("core:notify-receipt"),
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {CALLBACK_TOKEN}",
    )
    assert response.status_code == 400
    assert response.json() == {"error": reason}
    assert Notification.objects.get(pk=note.pk).status == "sent"


def test_the_api_key_and_tokens_never_reach_the_logs(
    notify_api, client, caplog, lead_a
):
    caplog.set_level(logging.DEBUG)
    first, second = message(lead_a, "one"), message(lead_a, "two")
    notify_api.fail_next(429, "RateLimitError", "Exceeded rate limit")
    notifications.notifications_send([first.pk, second.pk])
    notify_api.fail_next(400, "BadRequestError", "Can't send to this recipient")
    Notification.objects.filter(pk=first.pk).update(next_attempt_at=None)
    notifications.notifications_send([first.pk])
    receipt(client, second, "delivered", token="wrong-token-0123456789")
    receipt(client, second, "delivered")
    assert "Exceeded rate limit" in caplog.text  # the failures were logged
    assert "refused a GOV.UK Notify receipt without the right token" in caplog.text
    bearer_tokens = [h.removeprefix("Bearer ") for h in notify_api.authorizations]
    secrets = [API_KEY, SECRET, CALLBACK_TOKEN, "wrong-token-0123456789"]
    for secret in secrets + bearer_tokens:
        assert secret not in caplog.text
    for note in Notification.objects.all():
        assert SECRET not in note.last_error
