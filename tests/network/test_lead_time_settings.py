"""A coordinator changes a lead time and the next reminder scan honours it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from core import preferences, tasks
from core.leadtimes import LEAD_TIMES
from tests.network.conftest import make_item

pytestmark = pytest.mark.django_db


def test_changed_action_lead_time_is_used_by_the_next_scan(
    login, coordinator, objective, lead_a
):
    # Action reminders come in the weekly digest by default; this owner asked for
    # them straight away, so the scan itself shows when the new lead time applies.
    preferences.set_choice(lead_a, "actions", "immediate")
    make_item(objective, lead_a, due_date=timezone.localdate() + timedelta(days=20))
    tasks.scan_reminders()
    assert not [m for m in mail.outbox if lead_a.email in m.to]  # 20 days: too early

    form = {lead.key: ", ".join(map(str, lead.default)) for lead in LEAD_TIMES}
    form["R9"] = "21, 3"
    assert (
        login(coordinator).post("/notifications/lead-times/", form).status_code == 302
    )

    tasks.scan_reminders()
    to_owner = [m for m in mail.outbox if lead_a.email in m.to]
    assert len(to_owner) == 1
    tasks.scan_reminders()
    assert len([m for m in mail.outbox if lead_a.email in m.to]) == 1  # once only
