"""Figures for a past date use the values each post had on that date.

A post's WTE, band and setting change today: last quarter's figures (the
dashboard tables, the growth series, open data and a return's snapshot) stay
as they were, and today's figures move. The clock is fixed mid-quarter.
"""

import importlib
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from api.opendata import cells
from tests.workforce.conftest import make_post
from workforce.disclosure import Formatter
from workforce.growth import growth_table
from workforce.models import PostVersion
from workforce.reports import build_dashboard
from workforce.services import post_save_edits
from workforce.services import return_snapshot as _snapshot

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
CREATED = datetime(2025, 11, 18, 10, tzinfo=LONDON)
EDITED = datetime(2025, 11, 20, 10, tzinfo=LONDON)
LAST_QUARTER = date(2025, 9, 30)
TODAY = EDITED.date()


def _figures(on) -> dict:
    tables = build_dashboard(on=on, today=TODAY, filters={}, suppress=False)
    wanted = {"by-status", "by-setting", "by-band", "by-trust"}
    growth = growth_table(on, {}, Formatter(exact=True))
    return {
        **{t.slug: t.rows for t in tables if t.slug in wanted},
        "growth": growth.rows[-1],
        "open": [
            (c.setting, c.band, c.posts, c.wte)
            for c in cells(by=("setting", "band"))
            if c.as_at == on
        ],
    }


def _row(figures, slug, label) -> list:
    return next(r for r in figures[slug] if r[0] == label)


@pytest.fixture
def edited_post(trust_a):
    """Filled at 0.60 WTE, Band 3, crisis since January 2024; changed on
    20 November 2025 to 1.00 WTE, Band 4, perinatal."""
    with time_machine.travel(CREATED, tick=False):
        post = make_post(
            trust_a,
            local_ref="H-1",
            status="filled",
            wte=Decimal("0.60"),
            band="afc_3",
            setting="crisis",
        )
        before = {"past": _figures(LAST_QUARTER), "now": _figures(CREATED.date())}
        snapshot = _snapshot(trust_a, LAST_QUARTER)
    with time_machine.travel(EDITED, tick=False):
        post.wte, post.band, post.setting = Decimal("1.00"), "afc_4", "perinatal"
        post_save_edits(post=post, actor=None)
        after = {"past": _figures(LAST_QUARTER), "now": _figures(TODAY)}
        return before, after, snapshot, _snapshot(trust_a, LAST_QUARTER)


def test_last_quarter_does_not_move(edited_post):
    before, after, snapshot, snapshot_after = edited_post
    assert after["past"] == before["past"]
    assert _row(after["past"], "by-setting", "Crisis and home treatment")[1:] == [
        "1", "0.60", "1", "0.60",
    ]  # fmt: skip
    assert _row(after["past"], "by-band", "Band 3")[4] == "0.60"
    assert after["past"]["growth"][-2] == "0.60"
    assert after["past"]["open"] == [("crisis", "afc_3", 1, Decimal("0.60"))]
    assert snapshot_after == snapshot
    assert snapshot["posts"][0] | {"id": 0} == {
        "id": 0, "local_ref": "H-1", "job_title": "Peer Support Worker – Crisis",
        "band": "afc_3", "wte": "0.60", "setting": "crisis", "status": "filled",
    }  # fmt: skip


def test_this_quarter_moves(edited_post):
    before, after, _, _ = edited_post
    assert _row(before["now"], "by-status", "Filled")[2] == "0.60"
    assert _row(after["now"], "by-status", "Filled")[2] == "1.00"
    assert [r[0] for r in after["now"]["by-setting"]] == ["Perinatal"]
    assert [r[0] for r in after["now"]["by-band"]] == ["Band 4"]
    assert _row(after["now"], "by-trust", "Trust A")[-2] == "1.00"


def test_each_change_is_a_dated_version(edited_post, trust_a):
    versions = PostVersion.objects.filter(post__trust=trust_a).order_by(
        "effective_date"
    )
    assert [
        (v.effective_date, v.valid_until, v.wte, v.band, v.setting) for v in versions
    ] == [
        (date(2024, 1, 10), TODAY, Decimal("0.60"), "afc_3", "crisis"),
        (TODAY, None, Decimal("1.00"), "afc_4", "perinatal"),
    ]


def test_a_second_edit_the_same_day_replaces_that_days_version(edited_post):
    post = PostVersion.objects.get(valid_until=None).post
    with time_machine.travel(EDITED, tick=False):
        post.wte = Decimal("0.80")
        post_save_edits(post=post, actor=None)
        post_save_edits(post=post, actor=None)  # nothing counted changed
    assert list(post.versions.values_list("wte", "valid_until")) == [
        (Decimal("0.60"), TODAY),
        (Decimal("0.80"), None),
    ]


def test_a_csv_import_that_changes_a_post_keeps_the_past(login, lead_a, trust_a):
    from tests.workforce.test_csv_import import make_csv, row, upload_and_preview

    with time_machine.travel(CREATED, tick=False):
        post = make_post(trust_a, local_ref="R1", status="filled", band="afc_3")
    with time_machine.travel(EDITED, tick=False):
        client = login(lead_a)
        _, staged = upload_and_preview(client, make_csv([row("R1", band="afc_5")]))
        client.post(reverse("workforce:import-confirm", args=[staged.pk]))
        past = _figures(LAST_QUARTER)["by-band"]
        now = _figures(TODAY)["by-band"]
    assert [r[0] for r in past] == ["Band 3"] and [r[0] for r in now] == ["Band 5"]
    assert post.versions.count() == 2


def test_the_migration_builds_versions_from_recorded_history():
    migration = importlib.import_module("workforce.migrations.0004_post_versions")
    a, b = ("1.00", "afc_3"), ("0.60", "afc_3")
    records = [
        (datetime(2025, 1, 5, 9, tzinfo=LONDON), a),
        (datetime(2025, 3, 1, 9, tzinfo=LONDON), a),  # saved, nothing counted moved
        (datetime(2025, 3, 2, 9, tzinfo=LONDON), b),
        (datetime(2025, 3, 2, 17, tzinfo=LONDON), a),  # the same day: last stands
        (datetime(2025, 6, 1, 9, tzinfo=LONDON), b),
    ]
    spells = migration._spells(records, date(2024, 4, 1))
    assert spells == [[date(2024, 4, 1), a], [date(2025, 6, 1), b]]


def test_a_confirmed_return_is_the_official_figure_for_its_quarter(
    trust_a, trust_b, lead_a, coordinator
):
    """Trust A confirms its return for the quarter to 30 September 2025; a
    change back-dated into that quarter then moves the live figure but not the
    official one. Trust B has no confirmed return, so its figure stays live."""
    from workforce.models import WorkforceReturn
    from workforce.services import (
        post_change_status,
        workforce_return_confirm,
        workforce_return_submit,
    )

    with time_machine.travel(CREATED, tick=False):
        post = make_post(trust_a, local_ref="C-1", status="filled")
        make_post(trust_b, local_ref="C-2", status="filled", wte=Decimal("0.50"))
        ret = WorkforceReturn.objects.create(
            trust=trust_a,
            period="2025-Q2",
            snapshot_date=LAST_QUARTER,
            due_date=date(2025, 10, 15),
        )
        workforce_return_confirm(
            ret=workforce_return_submit(ret=ret, actor=lead_a), actor=coordinator
        )
        post_change_status(
            post=post, to_status="vacant", effective_date=date(2025, 9, 1), actor=None
        )
        rows = {r[0]: r for r in growth_table(TODAY, {}, Formatter(exact=True)).rows}
        live = _figures(LAST_QUARTER)
    assert rows["Sep 2025"][1:5] == [
        "Confirmed for 1 of 2 trusts", "1.00", "0.50", "2",
    ]  # fmt: skip
    assert rows["Jun 2025"][1] == "Live"
    assert _row(live, "by-status", "Filled")[1:] == ["1", "0.50"]  # Trust B only
