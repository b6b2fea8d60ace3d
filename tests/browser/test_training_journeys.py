"""Training journeys in a real browser: visitor, peer worker and coordinator."""

import re
from datetime import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_check, fill_date
from tests.conftest import PASSWORD, current_totp_code, make_user
from tests.training.conftest import make_opportunity
from training import services
from training.models import TrainingBooking, TrainingProvider, TrainingSession

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue(db):
    college = TrainingProvider.objects.create(
        name="Mersey Recovery College", provider_type="recovery_college"
    )
    copeland = TrainingProvider.objects.create(
        name="Copeland Center", provider_type="wrap_copeland_licensed"
    )
    ips = make_opportunity(college, places_total=1, places_remaining=1)
    TrainingSession.objects.create(
        opportunity=ips, date=ips.start_date, start_time=time(9, 30), end_time=time(16)
    )
    wrap = make_opportunity(
        copeland,
        title="WRAP Facilitator Training",
        category="wrap_facilitator",
        description="Five-day co-facilitator certification.",
        places_total=10,
        places_remaining=10,
    )
    return {"ips": ips, "wrap": wrap}


def sign_in(page, user, totp=False):
    page.goto(page.base + "/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if totp:
        page.wait_for_url("**/2fa/authenticate/**", timeout=30_000)
        page.get_by_label("Authenticator code").fill(current_totp_code())
        page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/dashboard/", timeout=30_000)  # slow on a busy machine


def result_titles(page):
    return page.locator("#catalogue-results .nhsuk-card__link").all_inner_texts()


def test_visitor_filters_searches_and_downloads_calendar(site, catalogue):
    site.goto(site.base + "/training/")
    axe_check(site)
    assert len(result_titles(site)) == 2
    site.get_by_label("Category", exact=True).select_option("wrap_facilitator")
    # With JavaScript, htmx updates the results and the address as filters change.
    expect(site.locator("#catalogue-results .nhsuk-card__link")).to_have_count(1)
    site.wait_for_url("**category=wrap_facilitator**")
    site.reload()  # the address is shareable: it gives the same results
    assert result_titles(site) == ["WRAP Facilitator Training"]
    axe_check(site)
    site.goto(site.base + "/training/")
    site.get_by_label("Search").press_sequentially("mutuality")
    expect(site.locator("#catalogue-results .nhsuk-card__link")).to_have_text(
        ["Intentional Peer Support Core Training"]
    )
    site.wait_for_url("**q=mutuality**")
    site.get_by_role("link", name="Intentional Peer Support Core Training").click()
    site.wait_for_url("**/training/*/")
    expect(site.locator("body")).to_contain_text("1 of 1")
    axe_check(site)
    with site.expect_download() as download_info:
        site.get_by_role("link", name="Add to calendar").click()
    path = download_info.value.path()
    content = open(path, encoding="utf-8").read()
    assert "BEGIN:VEVENT" in content and "Intentional Peer Support" in content


def test_filters_work_without_javascript(browser, live_server, catalogue):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/training/")
    page.get_by_label("Category", exact=True).select_option("wrap_facilitator")
    page.get_by_label("Search").fill("certification")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**q=certification**")
    assert "category=wrap_facilitator" in page.url
    assert result_titles(page) == ["WRAP Facilitator Training"]
    context.close()


def test_filters_work_with_the_keyboard_alone(site, catalogue):
    site.goto(site.base + "/training/")
    site.locator("body").focus()
    for _ in range(60):  # tab until the category select has focus
        site.keyboard.press("Tab")
        if site.evaluate("document.activeElement.id") == "id_category":
            break
    assert site.evaluate("document.activeElement.id") == "id_category"
    site.keyboard.type("WRAP f")  # type-ahead picks the option, as a user would
    assert site.input_value("#id_category") == "wrap_facilitator"
    site.wait_for_url("**category=wrap_facilitator**")  # htmx has caught up
    for _ in range(30):
        site.keyboard.press("Tab")
        if (
            site.evaluate("document.activeElement.textContent.trim()")
            == "Apply filters"
        ):
            break
    with site.expect_navigation():
        site.keyboard.press("Enter")
    site.wait_for_load_state()
    assert "category=wrap_facilitator" in site.url
    assert result_titles(site) == ["WRAP Facilitator Training"]
    axe_check(site)


def test_peer_worker_books_waits_is_offered_a_place_and_accepts(
    site, catalogue, peer_worker
):
    ips, wrap = catalogue["ips"], catalogue["wrap"]
    first = make_user("first@example.test", "peer_worker")
    taken = services.booking_create(opportunity=ips, user=first)
    sign_in(site, peer_worker)
    site.goto(site.base + wrap.get_absolute_url())
    axe_check(site)
    site.get_by_role("button", name="Book a place").click()
    expect(site.locator("body")).to_contain_text("You have a place on this training")
    site.goto(site.base + ips.get_absolute_url())
    site.get_by_role("button", name="Join the waiting list").click()
    expect(site.locator("body")).to_contain_text("number 1 on the waiting list")
    axe_check(site)
    services.booking_cancel(booking=taken)  # the place frees up
    site.goto(site.base + "/training/my/")
    axe_check(site)
    site.get_by_role(
        "button", name="Accept the place on Intentional Peer Support"
    ).click()
    expect(site.locator("body")).to_contain_text("You have accepted the place")
    assert (
        TrainingBooking.objects.get(user=peer_worker, opportunity=ips).status
        == "booked"
    )
    axe_check(site)


def test_peer_worker_turns_down_an_offer_only_after_saying_yes(
    site, catalogue, peer_worker
):
    ips = catalogue["ips"]
    first = make_user("first@example.test", "peer_worker")
    taken = services.booking_create(opportunity=ips, user=first)
    services.booking_create(opportunity=ips, user=peer_worker)  # waiting list
    services.booking_cancel(booking=taken)  # the place is offered to them
    sign_in(site, peer_worker)
    site.goto(site.base + "/training/my/")
    site.get_by_role("link", name="Turn it down for Intentional Peer Support").click()
    expect(site.locator("h1")).to_have_text(
        "Are you sure you want to turn down this place?"
    )
    axe_check(site)
    site.get_by_role("link", name="No, go back to my training").click()
    expect(site.locator("body")).to_contain_text("Place offered")
    assert TrainingBooking.objects.get(user=peer_worker).status == "offered"
    site.get_by_role("link", name="Turn it down for Intentional Peer Support").click()
    site.get_by_role("button", name="Yes, turn down the place").click()
    expect(site.locator("body")).to_contain_text("You have turned down the place")
    assert TrainingBooking.objects.get(user=peer_worker).status == "cancelled"


def test_coordinator_exports_attendees_and_marks_completion(
    site, catalogue, coordinator, peer_worker
):
    booking = services.booking_create(opportunity=catalogue["wrap"], user=peer_worker)
    sign_in(site, coordinator, totp=True)
    site.goto(site.base + catalogue["wrap"].get_absolute_url())
    site.get_by_role("link", name="Attendees and waiting list").click()
    axe_check(site)
    with site.expect_download() as download_info:
        site.get_by_role("link", name="Download the attendee list (CSV)").click()
    csv_text = open(download_info.value.path(), encoding="utf-8-sig").read()
    assert peer_worker.email in csv_text
    site.get_by_label(f"Outcome for {peer_worker.full_name}").select_option("completed")
    site.get_by_role("button", name=f"Save outcome for {peer_worker.full_name}").click()
    expect(site.locator("body")).to_contain_text("completed")
    booking.refresh_from_db()
    assert booking.status == "completed"
    axe_check(site)


def test_trust_lead_proposes_training_for_approval(site, catalogue, lead_a):
    from datetime import timedelta

    from django.utils import timezone

    from training.models import TrainingOpportunity

    start = timezone.localdate() + timedelta(days=50)
    sign_in(site, lead_a)
    site.goto(site.base + "/training/manage/")
    axe_check(site)
    site.get_by_role("link", name="Propose training").click()
    axe_check(site)
    site.get_by_role("button", name="Save").click()
    expect(site).to_have_title(re.compile(r"^Error: "))
    axe_check(site)
    site.get_by_label("Title", exact=True).fill("Peer Support in Crisis Teams")
    site.get_by_label("Provider", exact=True).select_option(
        label="Mersey Recovery College"
    )
    site.get_by_label("Category", exact=True).select_option("cpd_masterclass")
    site.get_by_label("Peer support workers", exact=True).check()
    site.get_by_label("Description", exact=True).fill("A half-day masterclass.")
    site.get_by_label("Delivery mode", exact=True).select_option("in_person")
    site.get_by_label("Location", exact=True).fill("The Life Rooms, Walton")
    fill_date(site, "Start date", start)
    site.get_by_label("Cost type", exact=True).select_option("free")
    site.get_by_role("button", name="Save").click()
    site.get_by_role("button", name="Send for approval").click()
    expect(site.locator("body")).to_contain_text(
        "Sent to the coordinators for approval"
    )
    proposal = TrainingOpportunity.objects.get(title="Peer Support in Crisis Teams")
    assert proposal.status == "pending_approval"
    assert proposal.proposed_by_trust == lead_a.trust
    axe_check(site)


def test_coordinator_approves_a_proposal_adds_a_session_and_cancels(
    site, catalogue, coordinator, lead_a, peer_worker
):
    proposal = make_opportunity(
        catalogue["ips"].provider,
        title="Peer Support in Crisis Teams",
        status="pending_approval",
        created_by=lead_a,
        proposed_by_trust=lead_a.trust,
    )
    services.booking_create(opportunity=catalogue["wrap"], user=peer_worker)
    sign_in(site, coordinator, totp=True)
    site.goto(site.base + "/training/report/")
    axe_check(site)
    site.goto(site.base + "/training/manage/")
    axe_check(site)
    site.locator("ul").get_by_role("link", name="Peer Support in Crisis Teams").click()
    axe_check(site)
    site.get_by_role("button", name="Approve and publish").click()
    expect(site.locator("body")).to_contain_text("Approved and published")
    proposal.refresh_from_db()
    assert proposal.status == "booking_open"
    site.get_by_role("link", name="Add a session").click()
    axe_check(site)
    day = proposal.start_date
    fill_date(site, "Date", day)
    site.get_by_label("Start time").fill("16:00")
    site.get_by_label("End time").fill("10:00")
    site.get_by_role("button", name="Save").click()
    expect(site).to_have_title(re.compile(r"^Error: "))
    axe_check(site)
    site.get_by_label("End time").fill("17:30")
    site.get_by_role("button", name="Save").click()
    expect(site.locator("body")).to_contain_text("4pm to 5:30pm")
    site.goto(site.base + catalogue["wrap"].get_absolute_url())
    site.get_by_role("link", name="Cancel this training").click()
    axe_check(site)
    site.get_by_label("Why is it cancelled?").fill("The trainer is unwell")
    site.get_by_role("button", name="Cancel the training").click()
    expect(site.locator("body")).to_contain_text("This training is cancelled")
    assert TrainingBooking.objects.get(user=peer_worker).status == "cancelled"
    axe_check(site)


def test_peer_worker_registers_interest_in_a_kind_of_training(
    site, catalogue, peer_worker
):
    from training.models import TrainingInterest

    sign_in(site, peer_worker)
    site.goto(site.base + "/training/")
    site.get_by_role("link", name="Tell us what training you want").click()
    axe_check(site)
    site.get_by_role("button", name="Save").click()
    expect(site).to_have_title(re.compile(r"^Error: "))
    axe_check(site)
    site.get_by_label("Peer leadership").check()
    site.get_by_role("button", name="Save").click()
    expect(site.locator("body")).to_contain_text("Any peer leadership")
    assert TrainingInterest.objects.get(user=peer_worker).category == "peer_leadership"
    axe_check(site)
