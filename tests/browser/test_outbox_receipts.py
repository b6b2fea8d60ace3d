"""The outbox page in a real browser after GOV.UK Notify's delivery receipts
arrive over HTTP: delivered and not-delivered messages with their reason,
axe-checked at desktop and phone widths."""

import json
import os
import urllib.request

import pytest
from django.contrib.contenttypes.models import ContentType

from core.govuk_notify import reference_for
from core.models import Notification
from tests.browser.conftest import axe_check
from tests.browser.test_work_home import _sign_in_coordinator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOKEN = "callback-token-0123456789"


def post_receipt(base, note, status):
    body = json.dumps(
        {
            "id": "740e5834-3a29-46b4-9a6f-16142fde533a",
            "reference": reference_for(note),
            "to": note.recipient.email,
            "status": status,
            "created_at": "2026-11-24T09:00:00.000000Z",
            "completed_at": "2026-11-24T17:05:00.000000Z",
            "sent_at": "2026-11-24T09:00:01.000000Z",
            "notification_type": "email",
            "template_id": "f33517ff-2a88-4f6e-b855-c550268ce08a",
            "template_version": 1,
        }
    ).encode()
    request = urllib.request.Request(
        f"{base}/notifications/notify-receipts/",
        data=body,
        headers={
            "Authorization": f"Bearer {TOKEN}",
            "Content-Type": "application/json",
        },
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status


def test_coordinator_sees_delivery_receipts_on_the_outbox(site, settings, personas):
    settings.NOTIFY_CALLBACK_TOKEN = TOKEN
    lead = personas["lead_a"]
    notes = [
        Notification.objects.create(
            kind="R1-meeting-invitation",
            content_type=ContentType.objects.get_for_model(lead),
            object_id=str(lead.pk),
            recipient=lead,
            occurrence=occurrence,
            subject=f"Network meeting on {occurrence}",
            body_text="You are invited.",
            status=Notification.Status.SENT,
        )
        for occurrence in ("1 December 2026", "8 December 2026")
    ]
    assert post_receipt(site.base, notes[0], "delivered") == 204
    assert post_receipt(site.base, notes[1], "permanent-failure") == 204
    _sign_in_coordinator(site, personas["coordinator"].email)
    shots = os.environ.get("A11Y_SCREENSHOTS", "")
    for status, expected in (
        ("delivered", "Delivered 24 Nov 2026, 5:05pm"),
        ("failed", "Not delivered (24 Nov 2026, 5:05pm). The email address does not"),
    ):
        for width in (1280, 375):
            site.set_viewport_size({"width": width, "height": 900})
            site.goto(f"{site.base}/notifications/?status={status}")
            table = site.get_by_role("table")
            assert expected in " ".join(table.inner_text().split())
            axe_check(site)
            if shots:
                site.screenshot(
                    path=f"{shots}/outbox-{status}-{width}.png", full_page=True
                )
