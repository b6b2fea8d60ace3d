"""The shared shape of a reminder, and the register of who sends them.
Each app says what is due; core sends it.

Each app that owns reminders has `<app>/reminders.py` with

    def due_reminders(today: date) -> Iterable[DueReminder]: ...

    register("<app>", due_reminders, date_rules=services.apply_date_rules)

`due_reminders` is a pure read of the data (no writes, no sending); the optional
date rules are the app's nightly state changes (RAG to red, reviews due…), run
before the scan. `autodiscover()` (from CoreConfig.ready(), as the admin finds
each app's admin.py) imports every installed app's reminders.py, so registering
is all an app does. The scan task (core.tasks) records each reminder in the
notification outbox under a unique key, so a repeated or late scan never sends
twice; sending is a separate task per message.
Emails use templates `emails/<template>_subject.txt`, `_body.txt`, `_body.html`;
the context gets `obj`, `recipient`, `url` (absolute link to the object) and
whatever `context` adds. Never put anything about a postholder in a reminder.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db import models
from django.utils.module_loading import autodiscover_modules


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


DueSource = Callable[[date], Iterable[DueReminder]]
DateRule = Callable[[date], int]  # returns how many objects it changed

_due_sources: dict[str, DueSource] = {}
_date_rules: dict[str, DateRule] = {}


def register(
    app_label: str, due_reminders: DueSource, *, date_rules: DateRule | None = None
) -> None:
    """An app's reminders (and nightly date rules) join the scan; registering
    the same app again replaces its entry."""
    _due_sources[app_label] = due_reminders
    if date_rules is not None:
        _date_rules[app_label] = date_rules


def autodiscover() -> None:
    """Import every installed app's reminders.py, in INSTALLED_APPS order."""
    autodiscover_modules("reminders")


def due_sources() -> dict[str, DueSource]:
    return dict(_due_sources)


def date_rules() -> dict[str, DateRule]:
    return dict(_date_rules)
