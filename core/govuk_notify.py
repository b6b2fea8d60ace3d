"""GOV.UK Notify as the email sender, when NOTIFY_API_KEY is set.

One Notify template holds nothing but placeholders (subject ((subject)), body
((body)) then ((file))), so every word stays in this service. A message's file
(the board pack's PDF, a calendar invitation) goes as a Notify file where this
service may send it, else as a signed link to download it from us. The outbox
key is each message's `reference`; Notify hands it back in the delivery receipt
it posts to us, which settles the message as delivered or failed.

Notify's answers map onto the SMTP rules: 429 (rate or daily limit) and 5xx, or
no answer at all, are tried again later; so is 403, which says our API key or
clock is wrong (nothing about the message), so that a key mistake costs a few
retries while it is put right rather than every email at once. Any other 4xx
will not get better by waiting and fails the message at once.
"""

import hmac
import io
import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core import signing
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone
from notifications_python_client import NotificationsAPIClient, prepare_upload
from notifications_python_client.errors import APIError
from notifications_python_client.utils import DOCUMENT_UPLOAD_SIZE_LIMIT

from core.emails import absolute_url
from core.models import Notification

logger = logging.getLogger(__name__)

CALENDAR_INTRO = "Download the invitation to add it to your calendar:"
CALENDAR_FILENAME = "invite.ics"
CALENDAR_SALT = "core.outbox-calendar"
ATTACHMENT_SALT = "core.outbox-attachment"
# Notify's answers when a service may not send this file (or any file).
FILE_REFUSALS = (
    "unsupported file type",
    "send files by email has not been set up",
    "not allowed to send",
)


class NotifyError(Exception):
    """Notify refused a message or could not be reached (`status_code` 503)."""

    def __init__(self, status_code: int, message: str):
        super().__init__(f"GOV.UK Notify answered {status_code}: {message}")
        self.status_code = status_code
        self.detail = message

    @property
    def permanent(self) -> bool:
        return 400 <= self.status_code < 500 and self.status_code not in (403, 429)


def enabled() -> bool:
    return bool(settings.NOTIFY_API_KEY)


def client() -> NotificationsAPIClient:
    """One client (one HTTP session) per batch, as one SMTP connection was."""
    return NotificationsAPIClient(
        settings.NOTIFY_API_KEY,
        base_url=settings.NOTIFY_BASE_URL,
        timeout=settings.EMAIL_TIMEOUT,
    )


def reference_for(note: Notification) -> str:
    """The outbox key, which holds no names or addresses (ids, kind, occurrence)."""
    return "/".join(
        (
            note.kind,
            str(note.content_type_id),
            note.object_id,
            str(note.recipient_id),
            note.occurrence,
        )
    )


def key_from_reference(reference) -> dict | None:
    parts = str(reference or "").split("/", 4)
    if len(parts) != 5 or not (parts[1].isdigit() and parts[3].isdigit()):
        return None
    kind, content_type, object_id, recipient, occurrence = parts
    return {
        "kind": kind,
        "content_type_id": int(content_type),
        "object_id": object_id,
        "recipient_id": int(recipient),
        "occurrence": occurrence,
    }


@dataclass(frozen=True)
class EmailFile:
    """A file an email carries: sent as a Notify file where allowed, else a link."""

    intro: str  # the sentence before it, ending the body
    name: str
    content: bytes
    link: str  # where the recipient can download it from this service


def file_of(note: Notification) -> EmailFile | None:
    """The board pack's PDF (or other attachment), else the calendar invitation."""
    if note.attachment_name:
        link = _signed_link("core:outbox-attachment", note.pk, ATTACHMENT_SALT)
        content = bytes(note.attachment)
        return EmailFile(
            f"Download {note.attachment_name}:", note.attachment_name, content, link
        )
    if note.calendar:
        link = _signed_link("core:outbox-calendar", note.pk, CALENDAR_SALT)
        return EmailFile(
            CALENDAR_INTRO, CALENDAR_FILENAME, note.calendar.encode(), link
        )
    return None


def _signed_link(url_name: str, pk: int, salt: str) -> str:
    token = signing.dumps(pk, salt=salt)
    return absolute_url(reverse(url_name, kwargs={"token": token}))


def note_from_token(token: str, salt: str):
    """The outbox message a signed download link names, or None."""
    try:
        pk = signing.loads(token, salt=salt, max_age=60 * 60 * 24 * 400)
    except signing.BadSignature:
        return None
    return Notification.objects.filter(pk=pk).select_related("recipient").first()


def send_email(api, *, to, subject, body, reference, file=None, unsubscribe="") -> str:
    """Send one email through Notify; Notify's id for it. The one-click
    unsubscribe link goes only when it is https (Notify refuses others)."""
    personalisation = {"subject": subject, "body": body, "file": ""}
    if file:
        personalisation["body"] = f"{body.rstrip()}\n\n{file.intro}"
        personalisation["file"] = file.link
    send = {
        "email_address": to,
        "template_id": settings.NOTIFY_TEMPLATE_ID,
        "reference": reference,
        "one_click_unsubscribe_url": unsubscribe
        if unsubscribe.startswith("https://")
        else None,
    }
    upload = _upload(file)
    if upload:
        try:
            values = {**personalisation, "file": upload}
            return _post(api, {**send, "personalisation": values})
        except NotifyError as exc:
            if not any(words in exc.detail.lower() for words in FILE_REFUSALS):
                raise
            logger.warning(
                "Notify refused %s as a file, sent a link: %s", file.name, exc
            )
    return _post(api, {**send, "personalisation": personalisation})


def _upload(file: EmailFile | None) -> dict | None:
    """The file as Notify takes it, when this service may send files."""
    if not (file and settings.NOTIFY_SEND_FILES):
        return None
    if len(file.content) > DOCUMENT_UPLOAD_SIZE_LIMIT:
        return None
    return prepare_upload(io.BytesIO(file.content), filename=file.name)


def _post(api, send: dict) -> str:
    try:
        reply = api.send_email_notification(**send)
    except APIError as exc:
        raise NotifyError(exc.status_code, _readable(exc)) from exc
    return str((reply or {}).get("id", ""))


def _readable(error: APIError) -> str:
    """Notify's errors as one line: "ValidationError: email_address …"."""
    message = error.message
    if isinstance(message, list):
        message = "; ".join(
            f"{item.get('error', '')}: {item.get('message', '')}"
            for item in message
            if isinstance(item, dict)
        )
    return str(message)[:200]


class EmailBackend(BaseEmailBackend):
    """Django's other emails (allauth's to an address with no account, …) through
    Notify as well, so with a key every email the service sends goes one way.
    No reference: only outbox messages have receipts to match."""

    def send_messages(self, email_messages) -> int:
        api = client()
        sent = 0
        for message in email_messages:
            try:
                for address in message.recipients():
                    send_email(
                        api,
                        to=address,
                        subject=message.subject,
                        body=message.body,
                        reference="",
                    )
            except NotifyError:
                if not self.fail_silently:
                    raise
                continue
            sent += 1
        return sent


# --- Delivery receipts -------------------------------------------------------


def callback_authorised(header: str) -> bool:
    """Notify's callback carries "Bearer <NOTIFY_CALLBACK_TOKEN>"; none without one."""
    token = settings.NOTIFY_CALLBACK_TOKEN
    expected = f"Bearer {token}".encode()
    return bool(token) and hmac.compare_digest(header.encode(), expected)


def read_receipt(body: bytes) -> dict:
    """The reference, status and time from a receipt; ValueError says what is wrong."""
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ValueError("The receipt is not JSON") from None
    if not isinstance(data, dict):
        raise ValueError("The receipt is not a JSON object")
    status = data.get("status")
    if status not in Notification.Receipt.values:
        raise ValueError(f"Unknown status: {str(status)[:40]}")
    at = _when(data.get("completed_at") or data.get("sent_at")) or timezone.now()
    return {"reference": data.get("reference"), "status": status, "at": at}


def _when(value) -> datetime | None:
    try:
        at = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def record_receipt(*, reference, status: str, at: datetime) -> bool:
    """Settle the message a receipt is about; False for a reference we never sent
    or a message no longer waiting for it (a repeated receipt changes nothing)."""
    key = key_from_reference(reference)
    if key is None:
        return False
    awaiting = Notification.objects.filter(
        **key, status__in=Notification.AWAITING_RECEIPT
    )
    return awaiting.update(**Notification.receipt_changes(status, at)) > 0
