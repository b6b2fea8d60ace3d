"""W3, W4, W5, W6, W7 and W15 checked by hand on a small fixture, and who sees
what: exact figures for coordinators and a lead's own trust, rounded for the
rest; the list of long-running recruitment never for the public."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.csv_helpers import csv_rows
from tests.workforce.conftest import make_post
from workforce.models import WorkforceReturn

pytestmark = pytest.mark.django_db
URL = reverse("workforce:reports")
AS_AT = {"as_at": "2025-01-01"}


@pytest.fixture
def region(trust_a, trust_b):
    """Trust A: two Band 3 peer workers (1.00 and 0.50 WTE) and a Band 5 senior
    (1.00) filled, a Band 4 post (0.60) recruiting since 10 January 2024 and a
    planned one; Trust B: a vacant Band 6 peer lead (1.00)."""
    for ref, role, band, wte, status in [
        ("P1", "psw", "afc_3", "1.00", "filled"),
        ("P2", "psw", "afc_3", "0.50", "filled"),
        ("P3", "senior_psw", "afc_5", "1.00", "filled"),
        ("P4", "psw", "afc_4", "0.60", "recruiting"),
        ("P5", "psw", "afc_3", "0.80", "planned"),
    ]:
        make_post(
            trust_a, local_ref=ref, role_type=role, band=band, wte=Decimal(wte),
            status=status, job_title=f"Post {ref}",
        )  # fmt: skip
    make_post(
        trust_b, local_ref="Q1", role_type="peer_lead", band="afc_6", status="vacant"
    )


def _tables(response) -> dict:
    assert response.status_code == 200
    return {t.slug: {r[0]: r[1:] for r in t.rows} for t in response.context["tables"]}


def test_band_supervision_and_wte_by_hand(login, coordinator, region):
    tables = _tables(login(coordinator).get(URL, AS_AT))
    bands = tables["band-mix"]
    # columns: volunteer, 2, 3, 4, 5, 6, 7, 8a, non-AfC, senior share
    assert bands["Trust A"] == ["0", "0", "2", "1", "1", "0", "0", "0", "0", "25.0%"]
    assert bands["Trust B"][-1] == "100.0%"
    assert bands["All trusts"][-1] == "40.0%"
    assert tables["supervision"]["Trust A"] == ["1.50", "1.00", "1.5"]
    assert tables["supervision"]["Trust B"] == ["0.00", "0.00", "–"]
    assert tables["wte-headcount"]["Trust A"] == ["4", "3.10", "0.78", "50.0%"]
    assert tables["wte-headcount"]["All trusts"] == ["5", "4.10", "0.82", "40.0%"]


def test_vacancy_trend_and_long_recruitment_by_hand(login, coordinator, region):
    tables = _tables(login(coordinator).get(URL, AS_AT))
    trend = tables["vacancy-trend"]
    assert trend["Dec 2024"] == ["4.10", "2.50", "39.0%", "39.0%"]
    assert trend["Sep 2023"] == ["0.00", "0.00", "–", "–"]
    assert tables["long-recruitment"] == {
        "Trust A": ["P4", "Post P4", "10 January 2024", "357"]
    }
    growth = tables["growth-by-setting"]
    assert growth["Dec 2024"][0] == "2.50"  # crisis: every filled post


def test_public_figures_are_rounded_and_get_no_post_list(client, region):
    tables = _tables(client.get(URL, AS_AT))
    assert tables["band-mix"]["Trust A"][2:5] == ["0", "0", "0"]  # 2, 1, 1
    assert tables["wte-headcount"]["Trust A"][:2] == ["5", "5"]  # 4 posts, 3.10
    assert "long-recruitment" not in tables
    csv_response = client.get(reverse("workforce:report-csv", args=["band-mix"]))
    assert csv_rows(csv_response)[1][3] == "0"
    missing = client.get(reverse("workforce:report-csv", args=["long-recruitment"]))
    assert missing.status_code == 404


def test_a_lead_sees_exact_figures_and_posts_only_for_their_own_trust(
    login, lead_a, lead_b, trust_a, region
):
    own = _tables(login(lead_a).get(URL, {**AS_AT, "trust": trust_a.pk}))
    assert own["band-mix"]["Trust A"][2] == "2"
    assert list(own["long-recruitment"]) == ["Trust A"]
    other = _tables(login(lead_b).get(URL, {**AS_AT, "trust": trust_a.pk}))
    assert other["band-mix"]["Trust A"][2] == "0"
    assert other["long-recruitment"] == {}  # Trust A's post is not Lead B's


def test_returns_timeline_per_trust(login, coordinator, trust_a, trust_b):
    import time_machine

    with time_machine.travel(date(2025, 11, 20), tick=False):
        WorkforceReturn.objects.create(
            trust=trust_a,
            period="2025-Q2",
            snapshot_date=date(2025, 9, 30),
            due_date=date(2025, 10, 15),
        )
        timeline = _tables(login(coordinator).get(URL))["returns-timeline"]
    assert timeline["Trust A"][-1] == "Overdue since 15 Oct 2025"
    assert timeline["Trust B"][-1] == "Not opened"


def test_action_plan_completion_by_objective(client, coordinator):
    from datetime import timedelta

    from django.utils import timezone

    from network.models import ActionItem, ActionPlan, Objective
    from tests.network.conftest import at, make_item, make_meeting

    meeting = make_meeting(starts_at=at(2024, 1, 9), ends_at=at(2024, 1, 9, 12))
    plan = ActionPlan.objects.create(
        title="Plan", period_start=date(2024, 1, 1), period_end=date(2027, 12, 31),
        status="active", approved_at=meeting,
    )  # fmt: skip
    standards = Objective.objects.create(
        plan=plan, ref="4", title="Standards", strand="standards"
    )
    make_item(standards, coordinator, ref="4.1")  # in progress, green
    make_item(
        standards, coordinator, ref="4.2", status=ActionItem.Status.COMPLETED,
        completed_on=date(2024, 5, 1), rag=ActionItem.Rag.BLUE,
    )  # fmt: skip
    make_item(
        standards, coordinator, ref="4.3", status=ActionItem.Status.NOT_STARTED,
        due_date=timezone.localdate() - timedelta(days=1), rag=ActionItem.Rag.RED,
    )  # fmt: skip
    make_item(standards, coordinator, ref="4.4", status=ActionItem.Status.CANCELLED,
              rag=ActionItem.Rag.NA, cancel_reason="No longer needed")  # fmt: skip
    rows = _tables(client.get(URL))["action-plan"]
    # actions, blue, green, amber, red, n/a, overdue, completed, rate (1 of 3)
    assert rows["4. Standards"] == ["4", "1", "1", "0", "1", "1", "1", "1", "33%"]


def _workbook(response):
    import io

    from openpyxl import load_workbook

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content)).active


def test_every_report_downloads_as_excel_with_numbers_and_a_frozen_header(
    login, coordinator, region
):
    sheet = _workbook(
        login(coordinator).get(
            reverse("workforce:report-xlsx", args=["wte-headcount"]), AS_AT
        )
    )
    assert [c.value for c in sheet[1]][:3] == ["Trust", "Funded posts", "Funded WTE"]
    assert sheet[1][0].font.bold and sheet.freeze_panes == "B2"
    assert [c.value for c in sheet[2]] == ["Trust A", 4, 3.1, 0.78, 0.5]
    assert sheet[2][4].number_format == "0.0%"
    assert sheet.column_dimensions["A"].width >= len("All trusts")
    from django.test import Client

    public = _workbook(
        Client().get(reverse("workforce:dashboard-xlsx", args=["by-status"]))
    )
    assert all(
        c.value % 5 == 0 for row in public.iter_rows(min_row=2) for c in row[1:]
    )  # rounded for the public, as on the page


def test_excel_text_is_never_a_formula():
    import io

    from openpyxl import load_workbook

    from workforce.xlsx import workbook_bytes

    data = workbook_bytes("t", ["Name"], [['=HYPERLINK("http://x","y")']])
    cell = load_workbook(io.BytesIO(data)).active["A2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
