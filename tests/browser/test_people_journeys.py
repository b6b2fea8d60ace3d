"""Issue 19 journeys in a real browser, axe-checked: a coordinator manages
people and opens a missed quarter, a lead reviews and submits it, a peer worker
changes their details and email, and books training (calendar file by email)."""

import re
from datetime import date, time, timedelta

import pytest
import vobject
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.conf import settings
from django.core import mail
from django.test import Client
from icalendar import Calendar

from accounts.models import User
from tests.browser.conftest import axe_check
from tests.conftest import PASSWORD, _login_with_mfa
from tests.training.conftest import make_opportunity
from tests.workforce.conftest import make_post
from training import services
from training.models import TrainingProvider, TrainingSession
from workforce.forms import quarter_choices
from workforce.models import WorkforceReturn
from workforce.services import workforce_return_confirm, workforce_return_submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, user) -> None:
    """A session made by the test client (MFA done where the person has it)."""
    page.context.clear_cookies()
    client = _login_with_mfa(Client(), user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": page.base}]
    )


def open_person(page, name: str) -> None:
    page.goto(page.base + "/accounts/people/")
    page.get_by_label("Name or email").fill(name)
    page.get_by_role("button", name="Find people").click()
    page.locator("#people").get_by_role("link", name=re.compile(name, re.I)).click()
    axe_check(page)


def test_coordinator_makes_a_deputy_moves_a_lead_and_deactivates(
    site, coordinator, peer_worker, lead_a, lead_b, trust_a, trust_b
):
    User.objects.filter(pk=lead_a.pk).update(is_primary_lead=True)
    sign_in(site, coordinator)
    open_person(site, "Peer")
    site.get_by_role("link", name="Change role or trust").click()
    axe_check(site)
    site.get_by_role("radio", name="Trust lead").check()
    site.get_by_label("Trust (for trust leads)").select_option(label=trust_a.name)
    site.get_by_role("button", name=re.compile("Save and email")).click()
    site.get_by_text("role is updated").wait_for()
    axe_check(site)
    assert "deputy lead" in site.locator("main").inner_text()

    open_person(site, "Lead.B")
    site.get_by_role("link", name="Change role or trust").click()
    site.get_by_label("Trust (for trust leads)").select_option(label=trust_a.name)
    site.get_by_role("button", name=re.compile("Save and email")).click()
    site.get_by_text("role is updated").wait_for()
    lead_b.refresh_from_db()
    assert lead_b.trust == trust_a

    site.get_by_role("link", name="Deactivate account").click()
    site.get_by_role("heading", name=re.compile("Are you sure")).wait_for()
    axe_check(site)
    site.get_by_role("button", name="Yes, deactivate the account").click()
    site.get_by_text("can no longer sign in").wait_for()
    axe_check(site)
    site.get_by_role("button", name="Reactivate account").click()
    site.get_by_text("can sign in again").wait_for()
    lead_b.refresh_from_db()
    assert lead_b.is_active
    assert {m.to[0] for m in mail.outbox} == {peer_worker.email, lead_b.email}


def test_peer_worker_changes_name_employer_and_email(site, peer_worker, trust_a):
    sign_in(site, peer_worker)
    site.goto(site.base + "/accounts/profile/")
    axe_check(site)
    site.get_by_role("link", name="Change name").click()
    axe_check(site)
    site.get_by_label("Full name").fill("Pat Renamed")
    site.get_by_label("Employer (optional)").select_option(label=trust_a.name)
    site.get_by_role("button", name="Save your details").click()
    site.get_by_text("Your details are saved").wait_for()
    assert "Pat Renamed" in site.locator("main").inner_text()

    site.get_by_role("link", name="Change email address").first.click()
    axe_check(site)
    site.get_by_label("Email address").last.fill("pat.new@example.test")
    site.get_by_role("button", name="Add email address").click()
    # Changing email asks "confirm it is you" (a fresh sign-in) first.
    site.get_by_label("Your password").fill(PASSWORD)
    site.get_by_role("button", name="Continue").click()
    site.wait_for_url("**/accounts/email/")
    site.get_by_text("pat.new@example.test").first.wait_for()
    # The link the confirmation email carries (allauth's signed key).
    address = EmailAddress.objects.get(email="pat.new@example.test")
    path = f"/accounts/confirm-email/{EmailConfirmationHMAC(address).key}/"
    site.goto(site.base + path)
    axe_check(site)
    site.get_by_role("button", name=re.compile("Confirm", re.I)).click()
    site.goto(site.base + "/accounts/email/")
    site.get_by_label(re.compile("pat.new@example.test")).check()
    site.get_by_role("button", name="Make main address").click()
    site.goto(site.base + "/accounts/profile/")
    assert "pat.new@example.test" in site.locator("main").inner_text()
    peer_worker.refresh_from_db()
    assert peer_worker.email == "pat.new@example.test"
    assert peer_worker.employer_trust == trust_a


def test_coordinator_opens_a_missed_quarter_and_the_lead_submits(
    site, coordinator, lead_a, trust_a
):
    ended, missed = quarter_choices(date.today())[1:3]
    missed_end = date.fromisoformat(missed[0])
    make_post(
        trust_a, local_ref="OLD", status_effective_date=missed_end - timedelta(400)
    )
    earlier = WorkforceReturn.objects.create(
        trust=trust_a,
        period="2000-Q1",
        snapshot_date=missed_end - timedelta(days=365),
        due_date=missed_end - timedelta(days=350),
    )
    workforce_return_submit(ret=earlier, actor=lead_a)
    workforce_return_confirm(ret=earlier, actor=coordinator)
    make_post(
        trust_a, local_ref="NEW", status_effective_date=missed_end - timedelta(30)
    )

    sign_in(site, coordinator)
    site.goto(site.base + "/workforce/returns/")
    axe_check(site)
    site.get_by_label("Quarter", exact=True).select_option(missed[0])
    site.get_by_role("button", name="Open returns").click()
    site.get_by_text("opened for 1 trusts").wait_for()
    assert "0 of 1 trusts" in site.locator("#rounds").inner_text()

    sign_in(site, lead_a)
    ret = WorkforceReturn.objects.get(snapshot_date=missed_end)
    site.goto(site.base + ret.get_absolute_url())
    axe_check(site)
    changes = site.locator("#changes").inner_text()
    assert "Added" in changes and "NEW" in changes
    site.get_by_role("button", name="Confirm these figures and submit").click()
    site.get_by_text("submitted").first.wait_for()
    ret.refresh_from_db()
    assert ret.status == "submitted"


def _event(message):
    part = next(p for p in message.attachments if "calendar" in p.get_content_type())
    ics = part.get_payload(decode=True).decode()
    ours = Calendar.from_ical(ics).walk("VEVENT")[0]
    theirs = vobject.readOne(ics).vevent
    assert str(ours["UID"]) == theirs.uid.value
    assert int(ours["SEQUENCE"]) == int(theirs.sequence.value)
    return str(ours["UID"]), int(ours["SEQUENCE"])


def test_peer_worker_books_and_gets_calendar_updates(
    site, peer_worker, coordinator, django_capture_on_commit_callbacks
):
    college = TrainingProvider.objects.create(
        name="Mersey Recovery College", provider_type="recovery_college"
    )
    course = make_opportunity(college)
    session = TrainingSession.objects.create(
        opportunity=course,
        date=course.start_date,
        start_time=time(9, 30),
        end_time=time(16),
    )
    sign_in(site, peer_worker)
    site.goto(site.base + course.get_absolute_url())
    axe_check(site)
    site.get_by_role("button", name=re.compile("Book a place")).click()
    site.get_by_text("You have a place").first.wait_for()
    booked = [m for m in mail.outbox if "Place booked" in m.subject]
    assert [m.to for m in booked] == [[peer_worker.email]]
    uid, sequence = _event(booked[0])

    session.start_time = time(10)
    with django_capture_on_commit_callbacks(execute=True):
        services.session_change(session=session)
    from core import tasks

    tasks.scan_reminders()
    moved = [m for m in mail.outbox if m.subject.startswith("Changed")]
    assert [m.to for m in moved] == [[peer_worker.email]]
    assert _event(moved[0]) == (uid, sequence + 1)
    assert User.objects.get(pk=peer_worker.pk).is_active
