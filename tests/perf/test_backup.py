"""Backups: a manifest with a marker, and nothing re-sent after a restore (REL-17)."""

import importlib.util
import json
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from core.models import Notification
from tests.conftest import make_trust, make_user

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def backup_script():
    spec = importlib.util.spec_from_file_location(
        "backup", ROOT / "scripts" / "backup.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def notice(user, trust, status):
    return Notification.objects.create(
        kind="TEST",
        content_type=ContentType.objects.get_for_model(trust),
        object_id=str(trust.pk),
        recipient=user,
        occurrence=status,
        subject="Hello",
        body_text="Hello",
        status=status,
    )


@pytest.mark.django_db
def test_unsent_notifications_are_held_after_a_restore_and_sent_ones_untouched(
    backup_script,
):
    user, trust = make_user("held@example.test", "peer_worker"), make_trust("Held")
    pending, sending, sent = (
        notice(user, trust, s) for s in ("pending", "sending", "sent")
    )
    assert backup_script.hold_unsent() == 2
    for note in (pending, sending):
        note.refresh_from_db()
        assert (note.status, note.last_error) == ("failed", backup_script.HELD_REASON)
    sent.refresh_from_db()
    assert sent.status == "sent"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="pg_dump is exercised by the drill"
)
def test_sqlite_backup_writes_a_copy_and_a_manifest_with_a_marker(
    backup_script, tmp_path
):
    make_trust("Backed up")
    target = backup_script.backup(tmp_path)
    manifest = json.loads(target.with_suffix(".json").read_text())
    assert manifest["counts"]["network_membertrust"] == 1
    import sqlite3

    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT COUNT(*) FROM network_membertrust").fetchone() == (
            1,
        )
        (value,) = copy.execute("SELECT value FROM django_cache").fetchone()
    assert value  # the marker row travelled with the backup
