"""Dashboard figures against hand-computed fixtures, suppression, query counts."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.csv_helpers import csv_text
from tests.workforce.conftest import make_post
from workforce.disclosure import Formatter
from workforce.growth import growth_table
from workforce.reports import (
    build_dashboard,
    last_quarter_end,
    quarter_of,
    trust_table,
    vacancy_rate,
)
from workforce.services import post_change_status

pytestmark = pytest.mark.django_db


def move(post, *steps):
    for status, day in steps:
        post_change_status(post=post, to_status=status, effective_date=day, actor=None)


@pytest.fixture
def history(trust_a):
    """Hand-made history; expected figures are worked out in each test."""
    p1 = make_post(
        trust_a,
        local_ref="P1",
        wte=Decimal("1.00"),
        status="funded",
        status_effective_date=date(2016, 1, 1),
    )
    move(p1, ("recruiting", date(2016, 5, 1)), ("filled", date(2016, 8, 1)))
    p2 = make_post(
        trust_a,
        local_ref="P2",
        wte=Decimal("0.50"),
        status="funded",
        status_effective_date=date(2016, 3, 1),
    )
    move(
        p2,
        ("recruiting", date(2016, 4, 1)),
        ("filled", date(2016, 6, 30)),
        ("vacant", date(2017, 1, 15)),
    )
    make_post(
        trust_a,
        local_ref="P3",
        wte=Decimal("0.80"),
        status="planned",
        status_effective_date=date(2016, 1, 1),
    )
    p4 = make_post(
        trust_a,
        local_ref="P4",
        wte=Decimal("0.60"),
        status="funded",
        status_effective_date=date(2016, 1, 1),
    )
    move(p4, ("frozen", date(2016, 2, 1)))
    return p1, p2


def test_vacancy_rate_formula():
    assert vacancy_rate(Decimal("1.5"), Decimal("1.0")) == Decimal("33.3")
    assert vacancy_rate(Decimal("0"), Decimal("0")) is None
    assert vacancy_rate(Decimal("2"), None) == Decimal("100.0")


def test_vacancy_rate_by_trust_excludes_planned_and_frozen(history):
    # At 30 Jun 2017: P1 filled 1.0, P2 vacant 0.5 → establishment 1.5, filled 1.0.
    table = trust_table(date(2017, 6, 30), {}, Formatter(exact=True))
    trust_row = table.rows[0]
    assert trust_row[0] == "Trust A"
    assert trust_row[-3:] == ["1.50", "1.00", "33.3%"]
    assert table.rows[-1][0] == "All trusts"


def test_growth_counts_filled_posts_at_each_quarter_end(history):
    table = growth_table(date(2017, 6, 30), {}, Formatter(exact=True))
    rows = {r[0]: r for r in table.rows}
    # P2 filled on 30 Jun 2016 counts that day; P1 from 1 Aug; P2 leaves 15 Jan 2017.
    assert rows["Jun 2016"][1:] == ["Live", "0.50", "1", "0.50", "–"]
    assert rows["Sep 2016"][1:] == ["Live", "1.50", "2", "1.50", "+1.00"]
    assert rows["Dec 2016"][1:] == ["Live", "1.50", "2", "1.50", "+0.00"]
    assert rows["Mar 2017"][1:] == ["Live", "1.00", "1", "1.00", "-0.50"]
    assert list(rows)[-1] == "Jun 2017"


def _filled(response) -> str:
    by_trust = next(t for t in response.context["tables"] if t.slug == "by-trust")
    return by_trust.rows[0][4]  # Trust A: one filled post


def test_who_sees_exact_figures(
    client, login, lead_a, lead_b, coordinator, history, trust_a
):
    url = reverse("workforce:dashboard")
    public = client.get(url)
    assert "rounded to the nearest 5" in public.content.decode()
    assert _filled(public) == "0"
    assert _filled(login(lead_b).get(url, {"trust": trust_a.pk})) == "0"
    assert _filled(login(lead_a).get(url)) == "0"  # the region: rounded
    assert _filled(login(lead_a).get(url, {"trust": trust_a.pk})) == "1"
    assert _filled(login(coordinator).get(url)) == "1"


def test_formatter_rounds_counts_wte_and_shares_for_the_public():
    fmt = Formatter(exact=False)
    assert [fmt.count(n) for n in (0, 1, 2, 3, 4, 5, 7, 8)] == [
        "0", "0", "0", "5", "5", "5", "5", "10",
    ]  # fmt: skip
    assert fmt.wte(Decimal("3.50")) == "5" and fmt.wte(Decimal("12.40")) == "10"
    assert fmt.share(3, 12) == "50.0%"  # 5 of 10, as shown
    assert Formatter(exact=True).share(3, 12) == "25.0%"


def test_as_at_filter_rebuilds_the_past(login, coordinator, history):
    response = login(coordinator).get(
        reverse("workforce:dashboard"), {"as_at": "2016-09-30"}
    )
    by_status = next(t for t in response.context["tables"] if t.slug == "by-status")
    assert dict((r[0], r[1]) for r in by_status.rows)["Filled"] == "2"


def test_future_as_at_date_is_refused(login, coordinator):
    response = login(coordinator).get(
        reverse("workforce:dashboard"), {"as_at": "2099-01-01"}
    )
    assert "cannot be in the future" in response.content.decode()


def test_dashboard_csv_matches_the_table(login, coordinator, history):
    client = login(coordinator)
    table = next(
        t
        for t in client.get(reverse("workforce:dashboard")).context["tables"]
        if t.slug == "by-trust"
    )
    body = csv_text(client.get(reverse("workforce:dashboard-csv", args=["by-trust"])))
    assert body.splitlines()[1] == ",".join(table.rows[0])
    assert (
        client.get(reverse("workforce:dashboard-csv", args=["nope"])).status_code == 404
    )


def test_delivery_model_is_compared_with_the_seed(login, coordinator, history):
    tables = login(coordinator).get(reverse("workforce:dashboard")).context["tables"]
    delivery = next(t for t in tables if t.slug == "delivery-model")
    assert delivery.rows[0][1:] == ["1", "100%", "80%"]


def test_quarter_helpers():
    assert quarter_of(date(2025, 6, 30)) == "2025-Q1"
    assert quarter_of(date(2026, 3, 31)) == "2025-Q4"
    assert last_quarter_end(date(2025, 7, 1)) == date(2025, 6, 30)
    assert last_quarter_end(date(2025, 6, 30)) == date(2025, 3, 31)


def test_filters_by_icb_and_band(login, coordinator, history, trust_b):
    make_post(trust_b, local_ref="B1", band="afc_5", status="funded")
    tables = build_dashboard(
        on=date(2025, 1, 1),
        today=date(2025, 1, 1),
        filters={"band": "afc_5"},
        suppress=False,
    )
    by_trust = next(t for t in tables if t.slug == "by-trust")
    assert [r[0] for r in by_trust.rows] == ["Trust B", "All trusts"]


def test_time_to_fill_and_long_running_recruitment(history, trust_a):
    from workforce.reports import time_to_fill_table

    # P1: recruiting 1 May → filled 1 Aug 2016 = 92 days; P2: 1 Apr → 30 Jun = 90.
    stuck = make_post(
        trust_a,
        local_ref="P5",
        status="recruiting",
        status_effective_date=date(2017, 1, 2),
    )
    table = time_to_fill_table(date(2017, 6, 30), {}, Formatter(exact=True))
    assert table.rows == [["Trust A", "2", "91", "1"]]
    assert "92 days" in table.note
    assert stuck.status == "recruiting"


def test_fixed_term_share_and_funding_windows(trust_a):
    from django.utils import timezone

    from workforce.reports import funding_table

    today = timezone.localdate()
    make_post(
        trust_a, contract_type="fixed_term", funding_end_date=today + timedelta(days=45)
    )
    make_post(
        trust_a,
        contract_type="fixed_term",
        funding_end_date=today + timedelta(days=300),
    )
    make_post(trust_a)
    make_post(trust_a)
    table = funding_table(today, {}, Formatter(exact=True))
    assert table.rows == [["Trust A", "50%", "1", "1", "2"]]


def test_growth_chart_has_a_scale_a_bar_per_quarter_and_a_summary(
    login, coordinator, history
):
    from workforce.charts import PLOT_H, column_chart

    response = login(coordinator).get(
        reverse("workforce:dashboard"), {"as_at": "2017-06-30"}
    )
    growth = next(t for t in response.context["tables"] if t.slug == "growth")
    chart = column_chart(growth, "All trusts filled WTE", title="t", y_label="WTE")
    assert [b["label"] for b in chart["bars"]][:2] == ["Jun 2016", "Sep 2016"]
    assert chart["bars"][1]["height"] == PLOT_H  # the tallest quarter fills the plot
    assert [t["label"] for t in chart["ticks"]] == ["0", "0.5", "1", "1.5"]
    html = response.content.decode()
    assert 'role="img"' in html and "Sep 2016: 1.5" in html
    assert "Filled WTE rose from 0.5 in Jun 2016 to 1 in Jun 2017" in html
    assert ">Filled WTE</text>" in html  # the axis is named
    assert "Bar chart: filled WTE by setting" in html


def test_nice_ticks_are_round_numbers_from_zero():
    from workforce.charts import nice_ticks

    assert nice_ticks(37) == [0, 10, 20, 30, 40]
    assert nice_ticks(4.1) == [0, 1, 2, 3, 4, 5]
    assert nice_ticks(100) == [0, 20, 40, 60, 80, 100]
