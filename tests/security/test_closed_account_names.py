"""A closed account's name does not survive in the audit trail or admin log.

The trail used to keep str(obj) as each row's description (an account's str
is the person's name), and the Django admin's history does the same; both
outlived the closing of the account and showed in an administrator's own data
download.
"""

import json

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.test import RequestFactory
from django.urls import reverse

from accounts.dataprotection import FORMER_MEMBER, account_close
from audit.models import AuditEvent
from audit.recorder import record

pytestmark = pytest.mark.django_db
NAME = "Rowan Quillfeather"


@pytest.fixture
def named_peer(world):
    peer = world.peer_worker
    peer.full_name = NAME
    peer.save(update_fields=["full_name"])
    return peer


def admin_changed(admin_user, person):
    """What the Django admin writes to its history when it saves a change."""
    request = RequestFactory().post("/admin/")
    request.user = admin_user
    model_admin = admin.site._registry[get_user_model()]
    model_admin.log_change(request, person, [{"changed": {"fields": ["Trust"]}}])


def trail_text() -> str:
    rows = AuditEvent.objects.values()
    return json.dumps(list(rows), cls=DjangoJSONEncoder)


def test_the_audit_trail_never_records_a_persons_name(named_peer, world):
    from tests.policies.training import booking

    booking(world).delete()  # its str names the person who booked
    record(AuditEvent.Action.ROLE_CHANGED, obj=named_peer)
    account_close(user=named_peer)
    assert AuditEvent.objects.filter(action="user.closed").exists()
    assert AuditEvent.objects.filter(action="data.deleted").exists()
    assert NAME not in trail_text()


def test_closing_removes_the_name_from_the_admin_history(
    client_for, named_peer, admin_user
):
    admin_changed(admin_user, named_peer)
    assert LogEntry.objects.get().object_repr == NAME
    account_close(user=named_peer)
    assert LogEntry.objects.get().object_repr == FORMER_MEMBER
    download = client_for("admin").post(reverse("accounts:my-data-download"))
    assert download.status_code == 200
    assert NAME not in download.content.decode()
    assert "admin.logentry" in json.loads(download.content)["records"]


def test_names_recorded_before_the_fix_are_blanked_by_the_migration(named_peer):
    from importlib import import_module

    from django.db import connection

    migration = import_module("audit.migrations.0005_blank_object_descriptions")
    old = record(AuditEvent.Action.ACCOUNT_CLOSED, obj=named_peer, object_repr=NAME)
    failed = record(AuditEvent.Action.LOGIN_FAILED, object_repr="typed@example.test")
    migration.blank_descriptions(connection)
    old.refresh_from_db(), failed.refresh_from_db()
    assert (old.object_repr, failed.object_repr) == ("", "typed@example.test")
    with pytest.raises(Exception, match="append-only"):
        AuditEvent._base_manager.filter(pk=old.pk).update(object_repr=NAME)


def test_closing_blanks_the_emails_sent_to_them(world):
    from core.models import Notification
    from tests.policies.core import notification

    sent = notification(world)
    Notification.objects.filter(pk=sent.pk).update(body_text=f"Dear {NAME},")
    account_close(user=world.lead_a)
    sent.refresh_from_db()
    assert (sent.body_text, sent.subject) == ("", "Reminder")
