"""Markdown renders on an action's own page; lists and print views show its words."""

import pytest

from tests.conftest import _login_with_mfa
from tests.network.conftest import make_item

pytestmark = pytest.mark.django_db

ACTION = "**Decision:** Lee Lead to [share the draft](https://example.test/d) by June"


@pytest.mark.parametrize("path", ["/network/actions/", "/network/actions/print/"])
def test_action_lists_and_print_view_show_plain_text(
    client, coordinator, objective, path
):
    make_item(objective, coordinator, action=ACTION)
    page = _login_with_mfa(client, coordinator).get(path).content.decode()
    assert "Decision: Lee Lead to share the draft by June" in page
    assert "**" not in page and "](https://" not in page


def test_the_actions_own_page_renders_the_markdown(client, coordinator, objective):
    item = make_item(objective, coordinator, action=ACTION)
    page = _login_with_mfa(client, coordinator).get(item.get_absolute_url())
    assert "<strong>Decision:</strong>" in page.content.decode()


def test_a_new_action_without_updates_does_not_claim_an_owner_update(
    coordinator, objective
):
    from django.utils import timezone

    today = timezone.localdate()
    item = make_item(objective, coordinator, rag="na", status="in_progress")
    assert item.rag_reason(today) == (
        "No RAG status yet: the owner has not given an update."
    )
    green = make_item(objective, coordinator, ref="4.9", rag="green")
    assert "as set when the action was added" in green.rag_reason(today)


def test_attendance_cannot_be_recorded_before_the_meeting_day(
    login, coordinator, lead_a
):
    from datetime import timedelta

    from django.utils import timezone

    from network.models import MeetingAttendance
    from tests.network.conftest import make_meeting

    soon = timezone.now() + timedelta(days=35)
    ahead = make_meeting(starts_at=soon, ends_at=soon + timedelta(hours=2))
    row = MeetingAttendance.objects.create(
        meeting=ahead, user=lead_a, trust=lead_a.trust
    )
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": row.pk,
        "form-0-response": "accepted",
        "form-0-attended": "true",
    }
    response = login(coordinator).post(
        f"/network/meetings/{ahead.pk}/attendance/", data
    )
    assert response.status_code == 200
    assert "You can record who attended from the day of the meeting" in (
        response.content.decode()
    )
    row.refresh_from_db()
    assert row.attended is None
