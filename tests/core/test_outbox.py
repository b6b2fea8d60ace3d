"""The notification outbox: each due reminder is recorded once and sent once."""

import smtplib
from datetime import date

import pytest
from django.core import mail
from django.db import OperationalError

from core import notifications, tasks
from core.models import Notification
from core.reminders import DueReminder

pytestmark = pytest.mark.django_db


def due_for(trust, user, occurrence="due-14d:2026-12-01"):
    return DueReminder(
        kind="TEST-reminder",
        obj=trust,
        recipient=user,
        occurrence=occurrence,
        template="reminder",
        context={
            "subject": f"Reminder about {trust.short_name}",
            "message": "Due soon",
        },
    )


@pytest.fixture
def one_due(monkeypatch, trust_a, lead_a):
    due = [due_for(trust_a, lead_a)]
    monkeypatch.setattr(notifications, "collect_due", lambda today: list(due))
    return due


def test_scan_records_a_due_reminder_and_sending_emails_it(one_due, lead_a):
    tasks.scan_reminders()
    note = Notification.objects.get()
    assert note.status == Notification.Status.SENT
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [lead_a.email]
    assert mail.outbox[0].subject == "Reminder about Trust A"


def test_running_the_scan_twice_sends_once(one_due):
    tasks.scan_reminders()
    tasks.scan_reminders()
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_new_occurrence_is_a_new_message(monkeypatch, trust_a, lead_a):
    due = [
        due_for(trust_a, lead_a, "due-14d:2026-12-01"),
        due_for(trust_a, lead_a, "due-3d:2026-12-01"),
    ]
    monkeypatch.setattr(notifications, "collect_due", lambda today: due)
    tasks.scan_reminders()
    assert len(mail.outbox) == 2


def test_a_claimed_message_is_not_sent_by_a_second_worker(one_due):
    ready = notifications.outbox_scan(date(2026, 11, 26))
    assert notifications.notification_send(ready[0]) == Notification.Status.SENT
    assert notifications.notification_send(ready[0]) == "skipped"
    assert len(mail.outbox) == 1


def database_down_for(monkeypatch, tries: int) -> list:
    """The first `tries` attempts to record a delivery find the database gone."""
    real, calls = notifications._record_sent, []

    def record(note):
        calls.append(note.pk)
        if len(calls) <= tries:
            raise OperationalError("server closed the connection unexpectedly")
        return real(note)

    monkeypatch.setattr(notifications, "_record_sent", record)
    monkeypatch.setattr(notifications, "MARK_SENT_PAUSES", (0, 0))
    return calls


@pytest.mark.django_db(transaction=True)
def test_a_delivery_is_recorded_once_the_database_answers_again(one_due, monkeypatch):
    """The SMTP server took the message while the database was restarting: the
    row is marked sent when it answers, not left claimed to be sent again."""
    calls = database_down_for(monkeypatch, tries=2)
    [pk] = notifications.outbox_scan()
    assert notifications.notification_send(pk) == Notification.Status.SENT
    assert Notification.objects.get(pk=pk).status == Notification.Status.SENT
    assert len(mail.outbox) == 1 and len(calls) == 3


@pytest.mark.django_db(transaction=True)
def test_a_database_down_for_longer_leaves_the_row_claimed(one_due, monkeypatch):
    """Past the last try the task fails; the stale-claim scan takes the row."""
    database_down_for(monkeypatch, tries=3)
    [pk] = notifications.outbox_scan()
    with pytest.raises(OperationalError):
        notifications.notification_send(pk)
    assert Notification.objects.get(pk=pk).status == Notification.Status.SENDING


def test_transient_smtp_error_is_retried_later_then_fails_visibly(
    one_due, monkeypatch, login, coordinator
):
    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("connection lost")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    [pk] = notifications.outbox_scan()
    assert notifications.notification_send(pk) == Notification.Status.PENDING
    note = Notification.objects.get(pk=pk)
    assert note.attempts == 1 and note.next_attempt_at is not None
    assert "connection lost" in note.last_error
    Notification.objects.filter(pk=pk).update(
        attempts=notifications.MAX_ATTEMPTS - 1, next_attempt_at=None
    )
    assert notifications.notification_send(pk) == Notification.Status.FAILED
    page = login(coordinator).get("/notifications/?status=failed")
    assert "connection lost" in page.content.decode()


def test_coordinator_can_send_a_failed_message_again(
    one_due, login, coordinator, django_capture_on_commit_callbacks
):
    [pk] = notifications.outbox_scan()
    Notification.objects.filter(pk=pk).update(
        status=Notification.Status.FAILED, attempts=5
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = login(coordinator).post(f"/notifications/{pk}/retry/")
    assert response.status_code == 302
    assert Notification.objects.get(pk=pk).status == Notification.Status.SENT
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "who, expected",
    [
        ("anonymous", 302),
        ("peer_worker", 403),
        ("lead_a", 403),
        ("lead_b", 403),
        ("coordinator", 200),
        ("admin", 200),
    ],
)
def test_outbox_is_for_coordinators_only(login, personas, who, expected):
    assert login(personas[who]).get("/notifications/").status_code == expected


def test_retry_is_post_only_and_refused_for_trust_leads(
    one_due, login, lead_a, coordinator
):
    [pk] = notifications.outbox_scan()
    Notification.objects.filter(pk=pk).update(status=Notification.Status.FAILED)
    assert login(lead_a).post(f"/notifications/{pk}/retry/").status_code == 403
    assert Notification.objects.get(pk=pk).status == Notification.Status.FAILED
    assert login(coordinator).get(f"/notifications/{pk}/retry/").status_code == 405


def test_a_broken_reminder_source_does_not_stop_the_others(
    monkeypatch, trust_a, lead_a
):
    def broken(today):
        raise RuntimeError("bug in one app")

    def working(today):
        return [due_for(trust_a, lead_a)]

    monkeypatch.setattr(
        notifications, "reminder_sources", lambda: [("a", broken), ("b", working)]
    )
    assert len(notifications.collect_due(date(2026, 11, 26))) == 1


def test_saving_work_survives_an_unreachable_broker(one_due, monkeypatch):
    def broker_down(*args, **kwargs):
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr(tasks.send_notifications, "apply_async", broker_down)
    tasks.scan_reminders()  # must not raise
    assert Notification.objects.get().status == Notification.Status.PENDING


@pytest.mark.parametrize(
    "error",
    [
        smtplib.SMTPRecipientsRefused({"x@example.test": (550, b"No such user")}),
        smtplib.SMTPDataError(554, b"Message rejected"),
    ],
)
def test_a_permanent_refusal_fails_at_once_without_retrying(
    one_due, monkeypatch, error
):
    def refuse(self, *args, **kwargs):
        raise error

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    [pk] = notifications.outbox_scan()
    assert notifications.notification_send(pk) == Notification.Status.FAILED
    assert Notification.objects.get(pk=pk).attempts == 1


def test_every_app_with_reminders_or_date_rules_is_in_the_scan():
    """An app's reminders.py that forgot to register would silently send nothing."""
    from importlib import import_module

    from django.apps import apps
    from django.utils.module_loading import module_has_submodule

    from core.reminders import date_rules, due_sources

    with_reminders = [
        config.label
        for config in apps.get_app_configs()
        if module_has_submodule(config.module, "reminders")
        and hasattr(import_module(f"{config.name}.reminders"), "due_reminders")
    ]
    assert with_reminders == ["network", "workforce", "standards", "training"]
    assert list(due_sources()) == with_reminders
    assert list(date_rules()) == with_reminders
