"""The shared shape of a reminder. Each app says what is due; core sends it.

Each app that owns reminders has `<app>/reminders.py` with

    def due_reminders(today: date) -> Iterable[DueReminder]: ...

a pure read of the data (no writes, no sending). The scan task (core.tasks)
records each one in the notification outbox under a unique key, so a repeated
or late scan never sends twice; sending is a separate task per message.
Emails use templates `emails/<template>_subject.txt`, `_body.txt`, `_body.html`;
the context gets `obj`, `recipient`, `url` (absolute link to the object) and
whatever `context` adds. Never put anything about a postholder in a reminder.
"""

from dataclasses import dataclass, field

from django.db import models

REMINDER_APPS = ["network", "workforce", "standards", "training"]


@dataclass(frozen=True)
class DueReminder:
    kind: str  # number and name, e.g. "R9-action-due" (docs/reminders.md)
    obj: models.Model  # what it is about; its get_absolute_url() is linked
    recipient: object  # an accounts.User
    occurrence: (
        str  # what makes it unique per object+recipient, e.g. "due-14d:2026-12-01"
    )
    template: str  # email template stem under templates/emails/
    context: dict = field(default_factory=dict)
    mandatory: bool = False  # governance reminders cannot be switched off
