"""The notification outbox: record what is due, then send each message once.

`outbox_scan` asks every app's `reminders.due_reminders(today)` what is due and
records each as a Notification under a unique key (so a repeated, late or
concurrent scan records nothing twice). `notification_send` claims one row with a
conditional UPDATE before sending, so two workers never send the same message.
"""

import logging
import mimetypes
import smtplib
import time
from datetime import date, datetime, timedelta
from email.mime.text import MIMEText

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import (
    IntegrityError,
    InterfaceError,
    OperationalError,
    connection,
    transaction,
)
from django.db.models import Case, F, Q, Value, When
from django.template.loader import render_to_string
from django.utils import timezone

from core import govuk_notify
from core.emails import in_layout
from core.ics import build_invitations, method_of
from core.models import Notification, NotificationPreference
from core.preferences import BY_KEY, category_of, delivery_for, unsubscribe_url
from core.reminders import DueReminder, date_rules, due_sources

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
LAST_SCAN_KEY = "notifications-last-scan"
MAX_READY = 50_000  # ids handed to the send queue per scan
BATCH_SIZE = 50  # notifications per send task: one SMTP connection each
# Every error sending can raise; which of them are worth trying again is decided
# by is_permanent() below.
TRANSIENT_ERRORS = (
    smtplib.SMTPException,
    ConnectionError,
    TimeoutError,
    OSError,
    govuk_notify.NotifyError,
)
# Pauses between tries to record a delivery while the database is unreachable
# (about two minutes in all, well inside the send task's time limit).
MARK_SENT_PAUSES = (1, 2, 4, 8, 15, 30, 30, 30)


def is_permanent(exc: Exception) -> bool:
    """A 5xx answer (also to RCPT or MAIL) will not get better by waiting; a 4xx
    one, such as 421/451 from a server that is busy or down, will. GOV.UK
    Notify's are the other way round (see core.notify)."""
    if isinstance(exc, govuk_notify.NotifyError):
        return exc.permanent
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    code = getattr(exc, "smtp_code", 0)
    return isinstance(code, int) and 500 <= code < 600


def reminder_sources():
    """(app, due_reminders) for every app registered in core.reminders."""
    return due_sources().items()


def collect_due(today: date) -> list[DueReminder]:
    due = []
    for app, due_reminders in reminder_sources():
        try:
            due.extend(due_reminders(today))
        except Exception:  # one broken reminder type must not stop the others
            logger.exception("reminder source %s failed", app)
    return due


def render_reminder(reminder: DueReminder) -> tuple[str, str, str]:
    url = (
        reminder.obj.get_absolute_url()
        if hasattr(reminder.obj, "get_absolute_url")
        else ""
    )
    context = {
        "obj": reminder.obj,
        "recipient": reminder.recipient,
        "url": settings.SITE_URL + url,
        "site_url": settings.SITE_URL,
        "service_name": settings.SERVICE_NAME,
        **reminder.context,
    }
    stem = f"emails/{reminder.template}"
    subject = render_to_string(f"{stem}_subject.txt", context).strip()
    return (
        subject[:250],
        render_to_string(f"{stem}_body.txt", context),
        render_to_string(f"{stem}_body.html", context),
    )


def reminder_calendar(reminder: DueReminder) -> str:
    """The invitation a reminder carries (`calendar_event`, or `calendar_events`
    for a course's sessions), addressed to its recipient; "" for none."""
    events = reminder.context.get("calendar_events") or []
    if reminder.context.get("calendar_event"):
        events = [reminder.context["calendar_event"]]
    if not events:
        return ""
    return build_invitations(events, reminder.recipient.email).decode()


def outbox_record(
    reminder: DueReminder, delivery: str = Notification.Delivery.IMMEDIATE
) -> Notification | None:
    """Record one due reminder; None when it was already recorded."""
    content_type = ContentType.objects.get_for_model(reminder.obj)
    key = {
        "kind": reminder.kind,
        "content_type": content_type,
        "object_id": str(reminder.obj.pk),
        "recipient": reminder.recipient,
        "occurrence": reminder.occurrence,
    }
    if Notification.objects.filter(**key).exists():
        return None  # the common case on every scan: skip rendering
    subject, text, html = render_reminder(reminder)
    try:
        with transaction.atomic():
            return Notification.objects.create(
                **key,
                subject=subject,
                body_text=text,
                body_html=html,
                delivery=delivery,
                calendar=reminder_calendar(reminder),
                **reminder_attachment(reminder),
            )
    except IntegrityError:
        return None  # a concurrent scan recorded it


def reminder_attachment(reminder: DueReminder) -> dict:
    """A file a one-off notice carries: context["attachment"] = (name, bytes)."""
    if not reminder.context.get("attachment"):
        return {}
    name, content = reminder.context["attachment"]
    return {"attachment_name": name, "attachment": content}


def outbox_record_many(reminders: list[DueReminder]) -> int:
    """Record many due reminders at once, skipping those already recorded."""
    choices: dict = {}
    types = {}
    for reminder in reminders:
        model = type(reminder.obj)
        if model not in types:
            types[model] = ContentType.objects.get_for_model(model)
    existing = set(
        Notification.objects.filter(kind__in={r.kind for r in reminders}).values_list(
            "kind", "content_type_id", "object_id", "recipient_id", "occurrence"
        )
    )
    new = []
    for reminder in reminders:
        ct = types[type(reminder.obj)]
        key = (
            reminder.kind,
            ct.pk,
            str(reminder.obj.pk),
            reminder.recipient.pk,
            reminder.occurrence,
        )
        if key in existing:
            continue
        existing.add(key)
        delivery = delivery_for(
            reminder.recipient, reminder.kind, reminder.mandatory, choices
        )
        if delivery == NotificationPreference.Choice.OFF:
            continue
        subject, text, html = render_reminder(reminder)
        calendar = reminder_calendar(reminder)
        new.append(
            Notification(
                kind=reminder.kind,
                content_type=ct,
                object_id=key[2],
                recipient=reminder.recipient,
                occurrence=reminder.occurrence,
                subject=subject,
                body_text=text,
                body_html=html,
                delivery=delivery,
                calendar=calendar,
            )
        )
    # ignore_conflicts: a concurrent scan may have recorded some meanwhile.
    Notification.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
    return len(new)


def outbox_scan(today: date | None = None) -> list[int]:
    """Record what is due; return the ids of notifications ready to send now."""
    today = today or timezone.localdate()
    due = [r for r in collect_due(today) if r.recipient.is_active and r.recipient.email]
    previous = last_scan()
    recorded = outbox_record_many(due)
    now = timezone.now()
    cache.set(LAST_SCAN_KEY, now.isoformat(), timeout=None)
    if previous:
        record_catch_up(datetime.fromisoformat(previous), now, recorded)
    stale = timedelta(seconds=settings.NOTIFICATIONS_STALE_CLAIM_SECONDS)
    Notification.objects.filter(
        status=Notification.Status.SENDING, claimed_at__lt=now - stale
    ).update(status=Notification.Status.PENDING)
    ready = Notification.objects.filter(
        status=Notification.Status.PENDING, delivery=Notification.Delivery.IMMEDIATE
    ).filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
    return list(ready.order_by("pk").values_list("pk", flat=True)[:MAX_READY])


@transaction.atomic
def record_catch_up(previous: datetime, now: datetime, recorded: int) -> int:
    """After a gap longer than the health limit, tell each coordinator once what
    was missed and that this scan has caught up (the key is the gap's start, so
    a repeated or concurrent scan records nothing twice)."""
    if (now - previous).total_seconds() <= settings.HEALTH_SCAN_MAX_AGE:
        return 0
    from core.roles import coordinators

    context = {"stopped_at": previous, "resumed_at": now, "recorded": recorded}
    notes = [
        outbox_record(
            DueReminder(
                kind="scans-caught-up",
                obj=person,
                recipient=person,
                occurrence=f"gap-from:{previous.isoformat()}",
                template="scans_caught_up",
                context={
                    **context,
                    "outbox_url": settings.SITE_URL + "/notifications/",
                },
                mandatory=True,
            )
        )
        for person in coordinators().exclude(email="")
    ]
    return sum(1 for note in notes if note is not None)


@transaction.atomic
def _claim_batch(pks: list[int]) -> list[Notification]:
    """Claim the still-pending rows of a batch in one transaction (one commit).

    Rows locked by another worker are skipped (SKIP LOCKED on PostgreSQL; SQLite
    takes the write lock up front), so no row is claimed twice.
    """
    now = timezone.now()
    ready = Notification.objects.filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
        pk__in=pks,
        status=Notification.Status.PENDING,
    )
    ids = list(ready.select_for_update(skip_locked=True).values_list("pk", flat=True))
    Notification.objects.filter(pk__in=ids).update(
        status=Notification.Status.SENDING, claimed_at=now
    )
    return list(
        Notification.objects.filter(pk__in=ids)
        .select_related("recipient")
        .order_by("pk")
    )


def _mark_sent(note: Notification) -> None:
    """Record a delivery SMTP or Notify has accepted. If the database is
    unreachable (restarting, crashed), keep trying for about two minutes: a row
    left claimed would be sent again by the stale-claim scan (REL-08)."""
    for pause in (*MARK_SENT_PAUSES, None):
        try:
            return _record_sent(note)
        except (OperationalError, InterfaceError) as exc:
            if pause is None:
                raise
            logger.warning("could not record notification %s as sent: %s", note.pk, exc)
            connection.close()  # the next try opens a fresh connection
            time.sleep(pause)


def _record_sent(note: Notification) -> None:
    """Committed with the disk flush (synchronous_commit as configured, on by
    default): with it off, a database crash lost the last fraction of a
    second's records and the stale-claim scan sent those messages again (REL-08
    measured one). The flush costs about 1.5 ms a message here."""
    with transaction.atomic():
        Notification.objects.filter(pk=note.pk).update(
            # A delivery receipt may have come back before this line: keep it.
            status=Case(
                When(receipt="", then=Value(Notification.Status.SENT)),
                default=F("status"),
            ),
            sent_at=timezone.now(),
            attempts=note.attempts + 1,
        )


def notification_send(pk: int) -> str:
    """Send one notification if this worker can claim it. Returns the new status."""
    return notifications_send([pk])[pk]


def notifications_send(pks: list[int]) -> dict[int, str]:
    """Send a batch over one SMTP connection (or one GOV.UK Notify session); rows
    are claimed before sending."""
    results = dict.fromkeys(pks, "skipped")  # sent already, or another worker has it
    claimed = _claim_batch(pks)
    if not claimed:
        return results
    if govuk_notify.enabled():
        api = govuk_notify.client()
        for note in claimed:
            results[note.pk] = _send_one_by_notify(note, api)
        return results
    smtp = get_connection()
    try:
        smtp.open()  # kept open across the batch, not one per message
    except TRANSIENT_ERRORS:
        pass  # each message below retries the connection and records its failure
    try:
        for note in claimed:
            results[note.pk] = _send_one(note, smtp)
    finally:
        smtp.close()
    return results


def _send_one(note: Notification, smtp) -> str:
    message = build_message(
        note.recipient,
        note.subject,
        note.body_text,
        note.body_html,
        category_of(note.kind).key,
    )
    if note.calendar:
        message.attach(calendar_attachment(note.calendar))
    if note.attachment_name:
        kind = mimetypes.guess_type(note.attachment_name)[0]
        message.attach(note.attachment_name, bytes(note.attachment), kind)
    message.connection = smtp
    try:
        message.send()
    except TRANSIENT_ERRORS as exc:
        smtp.close()  # the next message opens a fresh connection
        return _record_failure(note, exc)
    _mark_sent(note)
    return Notification.Status.SENT


def _send_one_by_notify(note: Notification, api) -> str:
    category = category_of(note.kind).key
    unsubscribe = ""
    if category in BY_KEY:
        unsubscribe = settings.SITE_URL + unsubscribe_url(note.recipient, category)
    try:
        govuk_notify.send_email(
            api,
            to=note.recipient.email,
            subject=note.subject,
            body=note.body_text,
            reference=govuk_notify.reference_for(note),
            file=govuk_notify.file_of(note),
            unsubscribe=unsubscribe,
        )
    except TRANSIENT_ERRORS as exc:
        return _record_failure(note, exc)
    _mark_sent(note)
    return Notification.Status.SENT


def calendar_attachment(calendar: str) -> MIMEText:
    """The invitation as Outlook and Gmail expect it: text/calendar with the
    same METHOD as inside the file, so they offer to update their calendar."""
    part = MIMEText(calendar, "calendar", "utf-8")
    method = method_of(calendar)
    if method:
        part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename="invite.ics")
    return part


def build_message(
    recipient, subject, text, html, category_key
) -> EmailMultiAlternatives:
    """An email with a one-click unsubscribe link for its category (RFC 8058)."""
    headers = {}
    if category_key in BY_KEY:
        link = settings.SITE_URL + unsubscribe_url(recipient, category_key)
        headers = {
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    text, html = in_layout(subject, text, html)
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [recipient.email], headers=headers
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message


def digest_send(recipient_id: int) -> int:
    """Send one person's waiting digest items as a single email; returns how many."""
    waiting = Notification.objects.filter(
        recipient_id=recipient_id,
        status=Notification.Status.PENDING,
        delivery=Notification.Delivery.DIGEST,
    )
    ids = list(waiting.values_list("pk", flat=True))
    claimed_at = timezone.now()
    if (
        not ids
        or waiting.filter(pk__in=ids).update(
            status=Notification.Status.SENDING, claimed_at=claimed_at
        )
        == 0
    ):
        return 0
    items = list(
        Notification.objects.filter(pk__in=ids, claimed_at=claimed_at)
        .select_related("recipient")
        .order_by("created_at")
    )
    if not items:
        return 0
    recipient = items[0].recipient
    context = {
        "recipient": recipient,
        "items": items,
        "site_url": settings.SITE_URL,
        "service_name": settings.SERVICE_NAME,
        "preferences_url": settings.SITE_URL + "/notifications/mine/",
    }
    subject = (
        f"Your weekly summary: {len(items)} update{'s' if len(items) != 1 else ''}"
    )
    text = render_to_string("emails/digest_body.txt", context)
    try:
        if govuk_notify.enabled():
            govuk_notify.send_email(
                govuk_notify.client(),
                to=recipient.email,
                subject=subject,
                body=text,
                reference=f"digest/{recipient.pk}/{claimed_at.isoformat()}",
            )
        else:
            html = render_to_string("emails/digest_body.html", context)
            build_message(recipient, subject, text, html, "").send()
    except TRANSIENT_ERRORS as exc:
        final = is_permanent(exc)
        Notification.objects.filter(pk__in=[i.pk for i in items]).update(
            status=Notification.Status.FAILED if final else Notification.Status.PENDING,
            last_error=str(exc)[:300],
        )
        if final:
            return 0
        raise
    Notification.objects.filter(pk__in=[i.pk for i in items]).update(
        status=Notification.Status.SENT, sent_at=timezone.now(), attempts=1
    )
    return len(items)


def digest_recipients() -> list[int]:
    return list(
        Notification.objects.filter(
            status=Notification.Status.PENDING, delivery=Notification.Delivery.DIGEST
        )
        .values_list("recipient_id", flat=True)
        .distinct()
        .order_by()
    )


def last_scan() -> str | None:
    try:
        return cache.get(LAST_SCAN_KEY)
    except Exception:
        return None


def _record_failure(note: Notification, exc: Exception) -> str:
    attempts = note.attempts + 1
    final = attempts >= MAX_ATTEMPTS or is_permanent(exc)
    status = Notification.Status.FAILED if final else Notification.Status.PENDING
    backoff = timedelta(minutes=2**attempts)
    Notification.objects.filter(pk=note.pk).update(
        status=status,
        attempts=attempts,
        last_error=f"{exc.__class__.__name__}: {exc}"[:300],
        next_attempt_at=None if final else timezone.now() + backoff,
    )
    logger.warning("notification %s failed (attempt %s): %s", note.pk, attempts, exc)
    return status


def notify(reminder: DueReminder) -> Notification | None:
    """Record a one-off notice (an invitation, a cancellation) and send it after commit.

    The row is written in the caller's transaction, so the notice exists exactly
    when the change does; if the broker is down, the next scan sends it.
    """
    from core.tasks import enqueue_send

    note = outbox_record(reminder)
    if note is not None:
        transaction.on_commit(lambda: enqueue_send(note.pk))
    return note


def notify_written(*, kind: str, recipient, subject: str, text: str, html: str = ""):
    """Record an email already written elsewhere (allauth's sign-up emails) and
    send it after commit, exactly as `notify` does; each call is a new message."""
    from uuid import uuid4

    from core.tasks import enqueue_send

    note = Notification.objects.create(
        kind=kind[:60],
        content_type=ContentType.objects.get_for_model(recipient),
        object_id=str(recipient.pk),
        recipient=recipient,
        occurrence=f"{timezone.now():%Y%m%dT%H%M%S}-{uuid4().hex[:12]}",
        subject=subject[:250],
        body_text=text,
        body_html=html,
    )
    transaction.on_commit(lambda: enqueue_send(note.pk))
    return note


def notification_retry(*, notification: Notification) -> None:
    """A coordinator puts a failed message back in the queue."""
    Notification.objects.filter(
        pk=notification.pk, status=Notification.Status.FAILED
    ).update(
        status=Notification.Status.PENDING,
        attempts=0,
        next_attempt_at=None,
        last_error="",
        receipt="",
        receipt_at=None,
    )


def apply_all_date_rules(today: date) -> dict[str, int]:
    """Date-driven state changes (RAG to red, reviews due…), run before reminders."""
    return {app: rule(today) for app, rule in date_rules().items()}
