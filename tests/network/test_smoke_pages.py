"""Every page renders for a coordinator (a guard against template errors)."""

import pytest

pytestmark = pytest.mark.django_db


def test_every_page_renders_for_a_coordinator(
    login, coordinator, trust_a, meeting, approved_tor, draft_tor, plan, item_a
):
    client = login(coordinator)
    m, t, t2, a = meeting.pk, approved_tor.pk, draft_tor.pk, item_a.pk
    agenda = meeting.agenda_items.get().pk
    meeting.status = "held"
    meeting.minutes = "Minutes"
    meeting.minutes_status = "draft"
    meeting.save()
    urls = [
        "/network/trusts/",
        f"/network/trusts/{trust_a.pk}/",
        "/network/trusts/new/",
        f"/network/trusts/{trust_a.pk}/edit/",
        f"/network/trusts/{trust_a.pk}/contact/",
        "/network/meetings/",
        f"/network/meetings/{m}/",
        f"/network/meetings/{m}/edit/",
        "/network/meetings/new/",
        f"/network/meetings/{m}/meeting.ics",
        f"/network/meetings/{m}/attendance/",
        f"/network/meetings/{m}/attendance/add/",
        f"/network/meetings/{m}/agenda/new/",
        f"/network/meetings/{m}/agenda/{agenda}/edit/",
        f"/network/meetings/{m}/agenda/{agenda}/action/",
        f"/network/meetings/{m}/action/",
        f"/network/meetings/{m}/minutes/",
        f"/network/meetings/{m}/minutes/approve/",
        "/network/calendar/",
        "/network/actions/",
        "/network/actions/mine/",
        "/network/actions/print/",
        "/network/actions/export.csv",
        "/network/actions/new/",
        f"/network/actions/{a}/",
        f"/network/actions/{a}/edit/",
        f"/network/actions/{a}/progress/",
        "/network/plans/",
        f"/network/plans/{plan.pk}/",
        "/network/plans/new/",
        f"/network/plans/{plan.pk}/edit/",
        f"/network/plans/{plan.pk}/objectives/new/",
        "/network/terms-of-reference/",
        f"/network/terms-of-reference/{t}/",
        "/network/terms-of-reference/new/",
        f"/network/terms-of-reference/{t2}/edit/",
        f"/network/terms-of-reference/{t2}/approve/",
        f"/network/terms-of-reference/{t}/review/",
        f"/network/terms-of-reference/{t}/new-version/",
        f"/network/terms-of-reference/compare/?a={t}&b={t2}",
    ]
    failures = [(u, client.get(u).status_code) for u in urls]
    assert [f for f in failures if f[1] != 200] == []
