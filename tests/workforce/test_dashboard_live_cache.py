"""The dashboard's readiness and returns tables are cached until a checklist
status, checklist item, return or trust changes: each shows on the next request."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from workforce.models import (
    ImplementationChecklistItem,
    TrustChecklistStatus,
    WorkforceReturn,
)
from workforce.services import workforce_return_confirm

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("workforce:dashboard")


def live_row(client, slug: str, trust: str) -> list:
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    table = next(t for t in response.context["live_tables"] if t.slug == slug)
    return next(row for row in table.rows if row[0] == trust)


@pytest.fixture
def item():
    return ImplementationChecklistItem.objects.create(
        code="T1", phase="preparation", title="Peer support job description"
    )


def test_checklist_status_and_item_changes_show_on_the_next_request(
    login, coordinator, trust_a, item
):
    def preparation() -> int:
        return int(live_row(client, "imroc-readiness", "Trust A")[1].rstrip("%"))

    client = login(coordinator)
    before = preparation()
    status = TrustChecklistStatus.objects.create(
        trust=trust_a, item=item, status=TrustChecklistStatus.Status.IN_PLACE
    )
    one_in_place = preparation()
    assert one_in_place > before
    status.status = TrustChecklistStatus.Status.IN_PROGRESS
    status.save()
    assert preparation() == before
    status.status = TrustChecklistStatus.Status.IN_PLACE
    status.save()
    ImplementationChecklistItem.objects.create(
        code="T2", phase="preparation", title="Supervision in place"
    )
    assert preparation() < one_in_place  # one of more items now


def test_confirmed_return_and_renamed_trust_show_on_the_next_request(
    login, coordinator, trust_a
):
    client = login(coordinator)
    assert live_row(client, "returns", "Trust A")[1] == "Not yet confirmed"
    ret = WorkforceReturn.objects.create(
        trust=trust_a,
        period="2025-Q2",
        snapshot_date=date(2025, 9, 30),
        due_date=date(2025, 10, 15),
        status=WorkforceReturn.Status.SUBMITTED,
    )
    workforce_return_confirm(ret=ret, actor=coordinator)
    assert live_row(client, "returns", "Trust A")[1] == "30 September 2025"
    trust_a.short_name = "Trust Alpha"
    trust_a.save()
    assert live_row(client, "returns", "Trust Alpha")[1] == "30 September 2025"


def test_a_second_request_reads_the_tables_from_the_cache(
    login, coordinator, trust_a, item
):
    client = login(coordinator)
    client.get(DASHBOARD)
    with CaptureQueriesContext(connection) as warm:
        client.get(DASHBOARD)
    tables = " ".join(q["sql"] for q in warm.captured_queries)
    assert "workforce_implementationchecklistitem" not in tables
    assert "workforce_trustcheckliststatus" not in tables
    assert "workforce_workforcereturn" not in tables
