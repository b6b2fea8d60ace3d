"""Coordinator and trust lead journeys through meetings, actions and the ToR."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from network.models import (
    ActionItem,
    ActionPlan,
    MeetingAttendance,
    MemberTrust,
    Objective,
)
from network.services import apply_date_rules
from tests.browser.conftest import axe_check, fill_date
from tests.conftest import PASSWORD, current_totp_code
from tests.network.conftest import make_item, make_meeting, make_tor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, user, *, totp=False) -> None:
    page.goto(page.base + "/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if totp:
        page.wait_for_url("**/2fa/authenticate/**")
        page.get_by_label("Authenticator code").fill(current_totp_code())
        page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/dashboard/")


@pytest.fixture
def governance(coordinator, lead_a, lead_b, trust_a, trust_b):
    earlier = make_meeting(title="Spring network meeting", status="held")
    # Quorate, so it can approve version 2.0: chaired, two trusts, a peer
    # support worker representative.
    for user, role in ((coordinator, "chair"), (lead_a, "psw_rep"), (lead_b, "member")):
        MeetingAttendance.objects.create(
            meeting=earlier,
            user=user,
            trust=user.trust,
            role_at_meeting=role,
            attended=True,
        )
    v1 = make_tor(
        "1.0", status="approved", approved_at=earlier, effective_from=date(2024, 1, 1)
    )
    v2 = make_tor("2.0", membership="One lead and a deputy per trust.", supersedes=v1)
    plan = ActionPlan.objects.create(
        title="Action plan 2024-27",
        period_start=date(2024, 1, 1),
        period_end=date(2027, 12, 31),
        status="active",
        approved_at=earlier,
    )
    objective = Objective.objects.create(
        plan=plan, ref="4", title="Common standards", strand="standards"
    )
    return {"v2": v2, "objective": objective, "earlier": earlier}


def test_coordinator_runs_a_meeting_through_to_actions_and_a_new_tor(
    site, coordinator, lead_a, governance
):
    log_in(site, coordinator, totp=True)
    # record a meeting that took place a fortnight ago, with who attended
    held_on = timezone.localdate() - timedelta(days=14)
    site.goto(site.base + "/network/meetings/")
    site.get_by_role("link", name="Record a past meeting").click()
    axe_check(site)
    site.get_by_label("Title", exact=True).fill("Summer network meeting")
    fill_date(site, "Date", held_on)
    site.get_by_label("Start time").fill("13:00")
    site.get_by_label("End time").fill("16:00")
    site.get_by_label("Location").fill("Bolton")
    site.get_by_label(lead_a.full_name, exact=True).check()
    site.get_by_role("button", name="Save as held").click()
    site.wait_for_url("**/network/meetings/*/attendance/")
    expect(site.get_by_text("recorded as held").first).to_be_visible()
    axe_check(site)
    assert site.get_by_label(f"Did {lead_a.full_name} attend?").input_value() == "true"
    meeting_url = site.url.removesuffix("attendance/")
    site.goto(meeting_url)
    assert site.get_by_role("heading", level=1).inner_text() == "Summer network meeting"
    assert f"{held_on:%-d %B %Y}, 1pm" in site.content()
    # a late reply is recorded on the attendance page
    site.get_by_role("link", name="Attendance").click()
    site.get_by_role("button", name="Invite every trust lead").click()
    site.get_by_role("button", name="Save attendance").click()
    expect(site.get_by_text("Attendance saved").first).to_be_visible()
    # an agenda item with a minuted decision
    site.goto(meeting_url)
    site.get_by_role("link", name="Add an agenda item").click()
    axe_check(site)
    site.get_by_label("Title", exact=True).fill("Supervision standard")
    site.get_by_label("Discussion and decision").fill("Agreed: circulate the draft.")
    site.get_by_role("button", name="Save").click()
    site.get_by_role("link", name="Write the minutes").click()
    axe_check(site)
    site.get_by_label("Minutes").fill("The network **agreed** the supervision draft.")
    site.get_by_role("button", name="Save draft minutes").click()
    expect(site.get_by_text("Draft minutes saved").first).to_be_visible()
    axe_check(site)
    # turn the decision into an action, due tomorrow
    site.get_by_role("link", name="Turn a decision into an action (item 1)").click()
    axe_check(site)
    assert site.get_by_label("Action").input_value() == "Agreed: circulate the draft."
    site.get_by_label("Objective").select_option(
        label="Action plan 2024-27: 4. Common standards"
    )
    site.get_by_label("Owner").select_option(label=lead_a.full_name)
    tomorrow = timezone.localdate() + timedelta(days=1)
    fill_date(site, "Due date", tomorrow)
    site.get_by_role("button", name="Save").click()
    site.wait_for_url("**/network/actions/*/")
    assert "Action 4.1" in site.get_by_role("heading", level=1).inner_text()
    assert "Summer network meeting" in site.content()
    axe_check(site)
    # a progress update
    site.get_by_role("link", name="Post a progress update").click()
    axe_check(site)
    site.get_by_label("Progress note").fill("Draft sent to trust leads.")
    site.get_by_label("Amber: at risk, mitigation in place").check()
    site.get_by_role("button", name="Post update").click()
    expect(
        site.get_by_text("Progress on 4.1 saved")
    ).to_be_visible()  # waits for the page
    assert "Draft sent to trust leads." in site.locator("main").inner_text()
    # the due date passes: the nightly rules turn it red
    apply_date_rules(tomorrow + timedelta(days=1))
    site.reload()
    assert "Red" in site.locator("#rag").inner_text()
    assert ActionItem.objects.get().rag == "red"
    axe_check(site)
    # approve the new terms of reference and compare versions
    site.goto(site.base + governance["v2"].get_absolute_url())
    axe_check(site)
    site.get_by_role("link", name="Approve", exact=True).click()
    axe_check(site)
    site.get_by_label("Meeting that approved this version").select_option(
        label=str(governance["earlier"])
    )
    site.get_by_role("button", name="Approve version 2.0").click()
    expect(site.get_by_text("Version 2.0 approved and in force").first).to_be_visible()
    site.get_by_role("link", name="compare").click()
    axe_check(site)
    assert site.get_by_role("heading", level=1).inner_text().startswith("Compare")
    assert "and a deputy" in site.locator("ins").all_inner_texts()[0] or any(
        "deputy" in text for text in site.locator("ins").all_inner_texts()
    )


def test_trust_lead_updates_own_action_and_is_refused_on_another(
    site, lead_a, lead_b, trust_a, trust_b, governance
):
    objective = governance["objective"]
    own = make_item(objective, lead_a, ref="4.1", lead_trust=trust_a)
    other = make_item(objective, lead_b, ref="4.2", lead_trust=trust_b)
    log_in(site, lead_a)
    site.goto(site.base + "/network/actions/mine/")
    axe_check(site)
    site.get_by_role("link", name="Write the supervision standard").click()
    axe_check(site)
    site.get_by_role("link", name="Post a progress update").click()
    site.get_by_label("Progress note").fill("Panel dates agreed.")
    site.get_by_role("button", name="Post update").click()
    expect(
        site.get_by_text("Progress on 4.1 saved")
    ).to_be_visible()  # waits for the page
    axe_check(site)
    own.refresh_from_db()
    assert own.updates.count() == 1
    site.goto(site.base + other.get_absolute_url())
    assert site.get_by_role("link", name="Post a progress update").count() == 0
    response = site.goto(site.base + f"/network/actions/{other.pk}/progress/")
    assert response.status == 403
    axe_check(site)
    assert not other.updates.exists()


def test_visitor_browses_trusts_meetings_and_terms_of_reference(
    site, trust_a, trust_b, governance
):
    old = MemberTrust.objects.create(
        name="Old Partnership NHS Trust",
        short_name="Old",
        icb=trust_a.icb,
        joined_on=date(2016, 3, 15),
        status="merged",
        ended_on=date(2017, 1, 1),
    )
    old.successors.add(trust_a)
    site.goto(site.base + "/network/trusts/")
    axe_check(site)
    site.get_by_label("Status").select_option("merged")
    site.get_by_role("button", name="Filter").click()
    expect(site.get_by_text("Old Partnership NHS Trust").first).to_be_visible()
    assert trust_b.name not in site.content()
    site.get_by_role("link", name="Old Partnership NHS Trust").click()
    axe_check(site)
    assert "Its services are now provided by" in site.content()
    site.goto(site.base + "/network/meetings/")
    axe_check(site)
    site.goto(site.base + "/network/terms-of-reference/")
    axe_check(site)
    assert "Version 1.0" in site.content() and "Version 2.0" not in site.content()


def test_peer_worker_reads_the_plan_and_sets_up_a_calendar_link(
    site, peer_worker, lead_a, trust_a, governance
):
    make_item(governance["objective"], lead_a, ref="4.1", lead_trust=trust_a)
    log_in(site, peer_worker)
    site.goto(site.base + "/network/actions/")
    axe_check(site)
    assert site.get_by_role("link", name="Post a progress update").count() == 0
    site.get_by_role("link", name="Printable view").click()
    axe_check(site)
    assert "Write the supervision standard" in site.content()
    site.goto(site.base + "/network/calendar/")
    axe_check(site)
    site.get_by_role("button", name="Create my calendar link").click()
    link = site.get_by_label("Your private calendar link").input_value()
    assert link.startswith(site.base + "/network/calendar/") and link.endswith(".ics")
    axe_check(site)
    site.get_by_role("link", name="Turn off my calendar link").click()
    expect(site.locator("h1")).to_have_text(
        "Are you sure you want to turn off your calendar link?"
    )
    axe_check(site)
    site.get_by_role("button", name="Yes, turn off my link").click()
    expect(site.get_by_text("Your calendar link has stopped working")).to_be_visible()
    assert site.get_by_label("Your private calendar link").count() == 0
    site.goto(site.base + "/network/terms-of-reference/")
    site.get_by_role("button", name="Compare").click()
    axe_check(site)
    assert "deputy" in " ".join(site.locator("ins").all_inner_texts())
