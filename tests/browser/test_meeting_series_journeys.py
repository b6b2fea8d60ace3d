"""Meeting series, papers and the decision register, as people use them."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from network.models import (
    ActionPlan,
    AgendaItem,
    Meeting,
    MeetingPaper,
    Objective,
)
from network.models.series import next_working_day
from tests.browser.conftest import axe_check, fill_date, read_date
from tests.browser.test_network_journeys import log_in
from tests.network.conftest import make_item, make_meeting
from tests.network.test_papers import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_series_next_meeting_papers_and_a_trust_lead_downloads(
    site, coordinator, lead_a, tmp_path
):
    log_in(site, coordinator, totp=True)
    site.goto(site.base + "/network/series/")
    axe_check(site)
    site.get_by_role("link", name="Create a series").click()
    site.get_by_label("Title").fill("Quarterly network meeting")
    site.get_by_label("How often, in months").fill("3")
    site.get_by_label("Location").fill("Bolton")
    site.get_by_label(str(lead_a)).check()
    axe_check(site)
    site.get_by_role("button", name="Save").click()
    site.wait_for_url("**/network/series/*/")
    # the first meeting, on a working day a month from now
    first_day = next_working_day(timezone.localdate() + timedelta(days=30))
    site.get_by_role("link", name="Schedule the next meeting").click()
    axe_check(site)
    fill_date(site, "Date", first_day)
    site.get_by_role("button", name="Schedule meeting").click()
    site.wait_for_url("**/network/meetings/*/")
    # the next one: the suggested date is 3 months on, on a working day
    site.get_by_role("link", name="Quarterly network meeting").first.click()
    site.get_by_role("link", name="Schedule the next meeting").click()
    suggested = read_date(site, "Date")
    assert suggested > first_day + timedelta(days=85) and suggested.weekday() < 5
    site.get_by_role("button", name="Schedule meeting").click()
    site.wait_for_url("**/network/meetings/*/")
    meeting = Meeting.objects.order_by("-starts_at").first()
    assert [a.user for a in meeting.attendances.all()] == [lead_a]
    # a paper
    site.get_by_role("link", name="Upload a paper").click()
    axe_check(site)
    paper = tmp_path / "budget.pdf"
    paper.write_bytes(PDF)
    site.get_by_label("Title").fill("Budget 2027")
    site.get_by_label("File").set_input_files(str(paper))
    site.get_by_role("button", name="Upload paper").click()
    site.wait_for_url("**/network/meetings/*/#papers")
    assert MeetingPaper.objects.get().meeting == meeting
    # the trust lead downloads it
    site.context.clear_cookies()
    log_in(site, lead_a)
    site.goto(site.base + meeting.get_absolute_url())
    axe_check(site)
    with site.expect_download() as download:
        site.get_by_role("link", name="Budget 2027").click()
    assert download.value.suggested_filename == "budget.pdf"
    assert open(download.value.path(), "rb").read() == PDF
    with site.expect_download() as download:
        site.get_by_role("link", name="Download all papers (zip)").click()
    assert download.value.suggested_filename == f"meeting-{meeting.pk}-papers.zip"


def test_coordinator_finds_a_decision_and_follows_it_to_its_action(
    site, coordinator, lead_a
):
    meeting = make_meeting(title="Spring network meeting", status="held")
    plan = ActionPlan.objects.create(
        title="Action plan 2024-27",
        period_start=date(2024, 1, 1),
        period_end=date(2027, 12, 31),
        status="active",
        approved_at=meeting,
    )
    objective = Objective.objects.create(
        plan=plan, ref="4", title="Standards", strand="standards"
    )
    meeting.minutes_status = "draft"
    meeting.save()
    item = AgendaItem.objects.create(
        meeting=meeting,
        order=1,
        title="Supervision standard",
        minutes="Agreed: write a supervision standard for peer support workers.",
    )
    make_item(
        objective,
        lead_a,
        action="Draft the supervision standard",
        source_meeting=meeting,
        source_agenda_item=item,
    )
    log_in(site, coordinator, totp=True)
    site.goto(site.base + "/network/meetings/")
    site.get_by_role("link", name="Decision register").click()
    axe_check(site)
    site.get_by_label("Search decisions").fill("supervision")
    site.get_by_role("button", name="Show decisions").click()
    assert "1 decision" in site.content()
    site.get_by_role("link", name="Action 4.1: Draft the supervision standard").click()
    site.wait_for_url("**/network/actions/*/")
    assert "Draft the supervision standard" in site.content()
    axe_check(site)
