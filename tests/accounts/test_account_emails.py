"""Account emails speak in the service's own voice, in its layout, with links
built from the configured public address (SITE_URL), never the request host."""

import re
import subprocess
from pathlib import Path

import pytest
from django.core import mail

from tests.conftest import make_user

pytestmark = pytest.mark.django_db

PUBLIC = "https://psw.example.nhs.uk:8202"
PASSWORD = "a-long-enough-passphrase-2026"


def links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def html_of(message) -> str:
    return next(body for body, kind in message.alternatives if kind == "text/html")


def assert_service_voice(message):
    assert "Hello from" not in message.body and "testserver" not in message.body
    assert "North West Peer Support Network" in message.subject
    assert message.body.rstrip().endswith(PUBLIC + "/")  # the layout's footer
    html = html_of(message)
    assert "North West Peer Support Network</div>" in html  # the layout's banner
    assert all(link.startswith(PUBLIC + "/") for link in links(message)), links(message)
    for link in links(message):
        assert f'href="{link}"' in html


def test_sign_up_confirmation_is_ours_and_links_to_the_public_address(client, settings):
    from core.models import Notification
    from core.notifications import build_message

    settings.SITE_URL = PUBLIC
    client.post(
        "/accounts/signup/",
        {
            "email": "new.person@example.nhs.uk",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "full_name": "New Person",
        },
        HTTP_HOST="127.0.0.1:9999",
    )
    # Sign-up emails go through the outbox; this is the email its worker sends.
    note = Notification.objects.get(recipient__email="new.person@example.nhs.uk")
    message = build_message(
        note.recipient, note.subject, note.body_text, note.body_html, ""
    )
    assert message.subject.startswith("Confirm your email address")
    assert_service_voice(message)
    assert message.body.count(PUBLIC + "/\n") == 1  # one layout, not two
    assert any("/accounts/confirm-email/" in link for link in links(message))


def test_password_reset_link_uses_the_public_address(client, settings, peer_worker):
    settings.SITE_URL = PUBLIC
    client.post(
        "/accounts/password/reset/",
        {"email": peer_worker.email},
        HTTP_HOST="evil.example:8000",
    )
    (message,) = mail.outbox
    assert message.subject.startswith("Reset your password")
    assert_service_voice(message)
    assert any("/accounts/password/reset/key/" in link for link in links(message))


def test_reset_for_an_unknown_address_still_reads_as_the_service(client, settings):
    settings.SITE_URL = PUBLIC
    client.post("/accounts/password/reset/", {"email": "nobody@example.nhs.uk"})
    (message,) = mail.outbox
    assert_service_voice(message)
    assert "There is no North West Peer Support Network account" in message.body


def test_outbox_emails_use_the_same_layout(settings):
    from core.notifications import build_message

    settings.SITE_URL = PUBLIC
    person = make_user("layout@example.nhs.uk", "peer_worker")
    message = build_message(person, "Subject", "Body text", "<p>Body</p>", "")
    assert message.body.rstrip().endswith(PUBLIC + "/")
    assert "North West Peer Support Network</div>" in html_of(message)


def test_make_run_port_sets_the_public_address_for_web_worker_and_beat():
    root = Path(__file__).resolve().parents[2]
    dry_run = subprocess.run(
        ["make", "-n", "run", "PORT=8202"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "SITE_URL=http://127.0.0.1:8202 " in dry_run
    assert "honcho" in dry_run.split("SITE_URL=http://127.0.0.1:8202 ")[1]


def test_people_who_have_not_confirmed_their_email_show_as_unverified(
    client, settings, coordinator
):
    from tests.conftest import _login_with_mfa

    client.post(
        "/accounts/signup/",
        {
            "email": "unconfirmed@example.nhs.uk",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "full_name": "Una Confirmed",
        },
    )
    page = _login_with_mfa(client, coordinator).get("/accounts/people/")
    row = re.search(r"Una Confirmed.*?</tr>", page.content.decode(), re.S).group(0)
    assert "Unverified" in row and "Active" not in row
