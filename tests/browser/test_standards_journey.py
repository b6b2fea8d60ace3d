"""Standards end to end: draft, consult, respond, dispose, revise, approve, adopt.

Quorum is the network app's rule; here it is stubbed (quorate unless the title
says "Inquorate") so the journey exercises the standards pages.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from network.models import Meeting, QuorumStatus
from standards.models import ConsultationResponse, StandardAdoption, StandardVersion
from tests.browser.conftest import axe_check, fill_date
from tests.conftest import PASSWORD, current_totp_code, make_user
from tests.standards.conftest import BODY, make_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _quorate(monkeypatch):
    monkeypatch.setattr(
        Meeting,
        "quorum_status",
        lambda self: QuorumStatus(is_quorate="inquorate" not in self.title.lower()),
    )


def sign_in(page, user, totp=False):
    page.goto(page.base + "/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if totp:
        page.wait_for_url("**/2fa/authenticate/**")
        page.get_by_label("Authenticator code").fill(current_totp_code())
        page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/dashboard/")


def other_page(site):
    """A second browser with its own cookies, for another person."""
    page = site.context.browser.new_context().new_page()
    page.set_default_timeout(10_000)
    page.base = site.base
    return page


def go(page, url):
    page.goto(page.base + url)
    axe_check(page)


def coordinator_drafts_and_opens_consultation(site, coordinator):
    go(site, "/standards/new/")
    site.get_by_label("Code").fill("NWPSW-S03")
    site.get_by_label("Title").fill("Supervision for peer support workers")
    site.get_by_label("Area").select_option("supervision")
    site.get_by_label("Text of the standard").fill(BODY)
    site.get_by_role("button", name="Save").click()
    expect(site.get_by_role("heading", level=1)).to_have_text(
        "Supervision for peer support workers"
    )
    axe_check(site)
    site.get_by_role("link", name="Open consultation").click()
    axe_check(site)
    today = timezone.localdate()
    fill_date(site, "Consultation opens", today)
    fill_date(site, "Consultation closes", today + timedelta(days=28))
    site.get_by_role("button", name="Open consultation").click()
    expect(site.locator(".nhsuk-tag").first).to_have_text("In consultation")
    axe_check(site)


def respond(page, user, position, comment, paragraph=None):
    sign_in(page, user)
    go(page, "/standards/NWPSW-S03/versions/1/")
    page.get_by_role("link", name="Respond to this consultation").click()
    axe_check(page)
    page.get_by_label(position, exact=True).check()
    if paragraph:
        page.get_by_label("Paragraph number (optional)").fill(str(paragraph))
    page.get_by_label("Comments").fill(comment)
    page.get_by_role("button", name="Submit response").click()
    expect(page.get_by_text("Your response has been saved")).to_be_visible()
    axe_check(page)


def record_dispositions(site):
    go(site, "/standards/NWPSW-S03/versions/1/responses/")
    reasons = ("Fortnightly for the first three months", "Noted", "Added training")
    for reason in reasons:
        site.get_by_role("link", name="Record disposition").first.click()
        axe_check(site)
        site.get_by_label("Changed (in part)").check()
        site.get_by_label("Reason or change made").fill(reason)
        site.get_by_role("button", name="Save").click()
        axe_check(site)


def revise_and_compare(site):
    go(site, "/standards/NWPSW-S03/versions/1/")
    site.get_by_role("button", name="Close consultation and revise").click()
    site.get_by_role("link", name="Start version 2").click()
    axe_check(site)
    site.get_by_label("Summary of changes").fill("Fortnightly at first")
    site.get_by_role("button", name="Start the new version").click()
    axe_check(site)
    body = site.get_by_label("Text of the standard")
    body.fill(body.input_value().replace("at least monthly", "fortnightly at first"))
    site.get_by_role("button", name="Save draft").click()
    site.get_by_role("link", name="Compare with version 1").click()
    axe_check(site)
    expect(site.locator("#diff del").last).to_contain_text("monthly")
    expect(site.locator("#diff ins").first).to_contain_text("fortnightly")


def approve_v2(site, meeting):
    go(site, "/standards/NWPSW-S03/versions/2/approve/")
    site.get_by_label("Approving meeting").select_option(str(meeting.pk))
    fill_date(site, "Approval date (optional)", timezone.localdate())
    site.get_by_role("button", name="Approve this version").click()
    expect(site.locator(".nhsuk-tag").first).to_have_text("Approved")
    axe_check(site)


def test_standard_from_draft_to_adoption(site, coordinator, lead_a, peer_worker):
    meeting = make_meeting(title="North West network meeting")
    sign_in(site, coordinator, totp=True)
    coordinator_drafts_and_opens_consultation(site, coordinator)

    lead_page = other_page(site)
    respond(lead_page, lead_a, "Support with changes", "Monthly is too rare", 3)
    lead_page.get_by_role("link", name="Comment on a paragraph").click()
    axe_check(lead_page)
    lead_page.get_by_label("Paragraph number").fill("4")
    lead_page.get_by_label("Your comment").fill("Say what training supervisors need")
    lead_page.get_by_role("button", name="Save comment").click()
    expect(lead_page.get_by_text("Comment on paragraph 4 saved")).to_be_visible()
    axe_check(lead_page)
    peer_page = other_page(site)
    respond(peer_page, peer_worker, "Support", "A senior peer helps a lot")
    assert ConsultationResponse.objects.count() == 2
    go(site, "/standards/NWPSW-S03/versions/1/")
    expect(site.get_by_text("1 of 1 member trusts have responded")).to_be_visible()

    record_dispositions(site)
    revise_and_compare(site)
    approve_v2(site, meeting)

    go(lead_page, "/standards/adoption/")
    lead_page.get_by_role("link", name="Update NWPSW-S03 for Trust A").click()
    axe_check(lead_page)
    lead_page.get_by_label("Adopted", exact=True).check()
    lead_page.get_by_role("button", name="Save").click()
    expect(lead_page.get_by_role("cell", name="Adopted")).to_be_visible()
    axe_check(lead_page)
    assert StandardAdoption.objects.get().status == "adopted"

    public = other_page(site)
    go(public, "/standards/")
    expect(public.get_by_role("link", name="Version 2")).to_be_visible()
    go(public, "/standards/NWPSW-S03/versions/2/")
    expect(public.locator("#paragraph-3")).to_contain_text("fortnightly at first")
    response = public.goto(public.base + "/standards/NWPSW-S03/versions/1/")
    assert response.status == 404
    go(public, "/standards/NWPSW-S03/compare/?layout=side")
    go(lead_page, "/standards/NWPSW-S03/versions/2/history/")
    expect(lead_page.get_by_role("heading", name="Revision 2")).to_be_visible()
    go(public, "/standards/NWPSW-S03/versions/1/you-said-we-did/")
    expect(public.get_by_text("Fortnightly for the first three months")).to_be_visible()


def test_two_coordinators_edit_one_draft_and_the_second_save_is_refused(
    site, coordinator, standard_draft
):
    sign_in(site, coordinator, totp=True)
    url = "/standards/NWPSW-S03/versions/1/edit/"
    go(site, url)
    second = site.context.new_page()
    second.base = site.base
    go(second, url)
    site.get_by_label("Text of the standard").fill("First coordinator's text")
    site.get_by_role("button", name="Save draft").click()
    expect(site.get_by_text("Draft saved")).to_be_visible()
    second.get_by_label("Text of the standard").fill("Second coordinator's text")
    second.get_by_role("button", name="Save draft").click()
    expect(second.get_by_text("Your changes were not saved")).to_be_visible()
    expect(second.locator("#saved-text")).to_have_text("First coordinator's text")
    expect(second.locator("#your-text")).to_have_text("Second coordinator's text")
    expect(second.get_by_label("Text of the standard")).to_have_value(
        "Second coordinator's text"
    )
    assert second.title().startswith("Error: ")
    axe_check(second)
    second.close()
    version = StandardVersion.objects.get()
    assert version.body == "First coordinator's text" and version.revision == 2


@pytest.fixture
def standard_draft(coordinator):
    from standards.models import Standard

    standard = Standard.objects.create(
        code="NWPSW-S03", title="Supervision", area="supervision", owner=coordinator
    )
    return StandardVersion.objects.create(standard=standard, number=1, body=BODY)


def test_peer_worker_reads_drafts_but_cannot_manage(site, standard_draft):
    peer = make_user("reader@example.test", "peer_worker")
    sign_in(site, peer)
    go(site, "/standards/")
    site.get_by_role("link", name="Version 1").click()
    axe_check(site)
    expect(site.get_by_text("This is a draft, not an agreed standard")).to_be_visible()
    assert site.get_by_role("link", name="Edit draft").count() == 0
