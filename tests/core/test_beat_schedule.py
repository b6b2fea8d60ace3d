"""Every scheduled job names a task the worker actually has."""

from config.celery import app


def test_every_beat_entry_is_a_registered_task():
    app.loader.import_default_modules()
    registered = set(app.tasks)
    missing = {
        name: entry["task"]
        for name, entry in app.conf.beat_schedule.items()
        if entry["task"] not in registered
    }
    assert not missing, f"beat entries without a task: {missing}"


def test_reminders_are_scanned_at_least_every_five_minutes():
    schedule = app.conf.beat_schedule["scan-reminders"]["schedule"]
    assert schedule.minute == set(range(0, 60, 5))
