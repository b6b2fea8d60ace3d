"""People choose how they get each category: straight away, weekly, or off."""

import pytest
from django.core import mail

from core import notifications, preferences, tasks
from core.models import Notification
from core.reminders import DueReminder

pytestmark = pytest.mark.django_db


def reminder(kind, obj, user, mandatory=False):
    return DueReminder(
        kind=kind,
        obj=obj,
        recipient=user,
        occurrence="x",
        template="reminder",
        context={"subject": f"{kind} notice", "message": "Something is due"},
        mandatory=mandatory,
    )


@pytest.fixture
def due(monkeypatch):
    items = []
    monkeypatch.setattr(notifications, "collect_due", lambda today: list(items))
    return items


def test_kinds_map_to_categories_by_reminder_number():
    assert preferences.category_of("R9-action-due").key == "actions"
    assert preferences.category_of("R15-funding-ending").key == "workforce"
    assert preferences.category_of("R21-new-training").key == "training"
    assert preferences.category_of("something-else").key == "other"


def test_off_means_no_email_but_mandatory_reminders_still_arrive(due, trust_a, lead_a):
    preferences.set_choice(lead_a, "actions", "off")
    preferences.set_choice(lead_a, "reviews", "off")
    due.append(reminder("R9-action-due", trust_a, lead_a))
    due.append(reminder("R6-standard-review", trust_a, lead_a, mandatory=True))
    tasks.scan_reminders()
    assert [m.subject for m in mail.outbox] == ["R6-standard-review notice"]


def test_digest_items_wait_for_monday_then_arrive_as_one_email(due, trust_a, lead_a):
    preferences.set_choice(lead_a, "workforce", "digest")
    due.append(reminder("R15-funding-ending", trust_a, lead_a))
    due.append(reminder("R16-long-recruitment", trust_a, lead_a))
    tasks.scan_reminders()
    assert mail.outbox == []
    assert Notification.objects.filter(status="pending", delivery="digest").count() == 2
    tasks.send_digests()
    assert len(mail.outbox) == 1
    assert "2 updates" in mail.outbox[0].subject
    assert "R15-funding-ending notice" in mail.outbox[0].body
    tasks.send_digests()
    assert len(mail.outbox) == 1  # nothing is sent twice


def test_emails_carry_a_one_click_unsubscribe_link_that_works(
    due, trust_a, lead_a, client
):
    preferences.set_choice(lead_a, "actions", "immediate")
    due.append(reminder("R9-action-due", trust_a, lead_a))
    tasks.scan_reminders()
    header = mail.outbox[0].extra_headers["List-Unsubscribe"]
    assert (
        mail.outbox[0].extra_headers["List-Unsubscribe-Post"]
        == "List-Unsubscribe=One-Click"
    )
    path = header.strip("<>").split("8000", 1)[-1]
    assert client.get(path).status_code == 200
    assert preferences.choices_for(lead_a)["actions"] == "immediate"
    assert client.post(path).status_code == 200
    assert preferences.choices_for(lead_a)["actions"] == "off"


def test_tampered_unsubscribe_link_is_404(client, lead_a):
    path = preferences.unsubscribe_url(lead_a, "actions")
    assert client.post(path[:-3] + "xyz/").status_code == 404


def test_person_saves_choices_and_sees_what_was_sent(login, lead_a, due, trust_a):
    due.append(reminder("R9-action-due", trust_a, lead_a))
    tasks.scan_reminders()
    client = login(lead_a)
    page = client.get("/notifications/mine/")
    assert "R9-action-due notice" in page.content.decode()
    data = {c.key: "immediate" for c in preferences.CATEGORIES}
    data["training"] = "off"
    assert client.post("/notifications/mine/", data).status_code == 302
    assert preferences.choices_for(lead_a)["training"] == "off"


def test_coordinators_cannot_switch_off_governance(login, coordinator):
    data = {c.key: "immediate" for c in preferences.CATEGORIES}
    data["governance"] = "off"
    response = login(coordinator).post("/notifications/mine/", data)
    assert response.status_code == 200
    assert "from the list" in response.content.decode()
    assert preferences.choices_for(coordinator)["governance"] == "digest"


def test_my_notifications_needs_login(client):
    assert client.get("/notifications/mine/").status_code == 302


def test_healthz_and_outbox_report_the_last_scan(client, login, coordinator, due):
    assert client.get("/healthz").json()["reminder_scan"]["stale"] is True
    page = login(coordinator).get("/notifications/").content.decode()
    assert "Reminders are not running" in page
    tasks.scan_reminders()
    assert client.get("/healthz").json()["reminder_scan"]["stale"] is False
    assert (
        "Reminders are not running"
        not in login(coordinator).get("/notifications/").content.decode()
    )


def test_each_role_sees_only_its_categories_in_plain_words(login, personas):
    peer = login(personas["peer_worker"]).get("/notifications/mine/").content.decode()
    assert "Training you are interested in" in peer
    assert "training places offered to you" in peer  # always sent, not a choice
    assert 'name="training_offers"' not in peer
    assert "Your trust&#x27;s posts" not in peer and "Your trust's posts" not in peer
    assert "Trusts without a trust lead" not in peer
    lead = login(personas["lead_a"]).get("/notifications/mine/").content.decode()
    assert "quarterly returns" in lead and "Trusts without a trust lead" not in lead
    coord = login(personas["coordinator"]).get("/notifications/mine/").content.decode()
    assert "Trusts without a trust lead" in coord


def test_defaults_are_weekly_except_offers_invitations_and_security(peer_worker):
    choices = preferences.choices_for(peer_worker)
    straight_away = {k for k, v in choices.items() if v == "immediate"}
    assert straight_away == {"meeting_invitations", "training_offers"}
    assert preferences.category_of("R20-training-place-offered").key == (
        "training_offers"
    )
    assert preferences.category_of("R20-training-changed").key == "training"
    # Security emails (account changes, invitations) have no category: always sent.
    assert preferences.category_of("account-changed") is preferences.OTHER


def test_changing_role_keeps_choices_made(login, peer_worker, coordinator, trust_a):
    from accounts import services

    client = login(peer_worker)
    data = {c.key: "off" for c in preferences.categories_for(peer_worker)}
    assert client.post("/notifications/mine/", data).status_code == 302
    services.person_change_role(
        person=peer_worker, role="trust_lead", trust=trust_a, actor=coordinator
    )
    peer_worker.refresh_from_db()
    assert preferences.choices_for(peer_worker)["training"] == "off"
    keys = [c.key for c in preferences.categories_for(peer_worker)]
    assert "workforce" in keys
    # The lead saves the page without touching training: it stays off.
    data = {k: "digest" for k in keys if k != "training"} | {"training": "off"}
    login(peer_worker).post("/notifications/mine/", data)
    assert preferences.choices_for(peer_worker)["training"] == "off"
