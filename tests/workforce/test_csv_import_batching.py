"""PERF-07: the CSV import checks rows without a form each and writes in bulk,
with the same messages and the same history rows as before."""

import copy
from datetime import date

import pytest
from django.db import connection
from django.db.models import Max
from django.forms.models import construct_instance
from django.test.utils import CaptureQueriesContext

from tests.workforce.conftest import make_post
from tests.workforce.test_csv_import import make_csv, row
from workforce import importrows, services
from workforce.models import Post, PostImport, PostStatusChange
from workforce.services import post_change_status

pytestmark = pytest.mark.django_db


class ReferenceRowForm(importrows.RowForm):
    """The ModelForm the import used per row before (minus constraint checks)."""

    def _post_clean(self):
        exclude = self._get_validation_exclusions()
        try:
            self.instance = construct_instance(self, self.instance, self._meta.fields)
            self.instance.full_clean(
                exclude=exclude, validate_unique=False, validate_constraints=False
            )
        except Exception as e:  # noqa: BLE001 - the form's own handling below
            self._update_errors(e)


def _values(**changes) -> dict:
    cleaned_row = {**row("R1"), "band": "afc_3", **changes}
    return {name: cleaned_row.get(name, "") for name in importrows.DETAIL_FIELDS}


CASES = [
    {},
    {"wte": "2"},
    {"wte": "abc", "band": "band 99"},
    {"job_title": "", "setting": ""},
    {"job_title": "x" * 300},
    {"contract_type": "fixed_term"},
    {"contract_type": "fixed_term", "funding_end_date": "31/12/2026"},
    {"funding_end_date": "2026-13-01", "expected_start": "tomorrow"},
    {"recruitment_stage": "advertised"},
    {"advert_url": "not a url"},
    {"locality": "Sefton", "notes": "moved"},
]


@pytest.mark.parametrize("changes", CASES)
@pytest.mark.parametrize("existing", [False, True])
def test_row_check_matches_the_model_form(trust_a, changes, existing):
    post = make_post(trust_a, local_ref="R1") if existing else Post(trust=trust_a)
    values = _values(**changes)
    form = ReferenceRowForm(values, instance=copy.copy(post))
    cleaned, errors, changed = importrows.check_details(values, copy.copy(post))
    assert errors == {k: list(v) for k, v in form.errors.items()}
    if not errors:
        assert cleaned == form.cleaned_data
    if existing:
        assert changed == bool(form.changed_data)


def _staged(trust, rows) -> PostImport:
    return PostImport.objects.create(
        trust=trust, filename="x.csv", content=make_csv(rows).decode()
    )


def _moved_on(ref: str) -> dict:
    return row(
        ref,
        status="recruiting",
        status_effective_date="2024-06-01",
        recruitment_stage="advertised",
        locality="Sefton",
    )


def _update_queries(lead, trust, n: int, prefix: str) -> int:
    for i in range(n):
        make_post(trust, local_ref=f"{prefix}{i}", status="funded")
    staged = _staged(trust, [_moved_on(f"{prefix}{i}") for i in range(n)])
    with CaptureQueriesContext(connection) as ctx:
        check = services.post_import_apply(
            post_import=staged, user=lead, own_trust=trust
        )
    assert check.count("update") == n
    return len(ctx.captured_queries)


@pytest.mark.perf
def test_updates_and_status_moves_are_written_in_batches(lead_a, trust_a):
    small = _update_queries(lead_a, trust_a, 20, "S")
    large = _update_queries(lead_a, trust_a, 200, "L")
    # SQLite caps parameters per statement, so 200 rows take a few more
    # batches; one query per row would add 180.
    assert large - small <= 10, (small, large)
    assert PostStatusChange.objects.filter(note="CSV import").count() == 220


def _history(post) -> list[tuple]:
    return list(
        post.changes.order_by("pk").values_list(
            "from_status",
            "to_status",
            "effective_date",
            "previous_effective_date",
            "valid_until",
            "changed_by",
        )
    )


def test_imported_status_move_records_what_the_web_form_records(
    lead_a, trust_a, trust_b
):
    by_web = make_post(trust_b, local_ref="W1", status="funded")
    post_change_status(
        post=by_web,
        to_status="recruiting",
        effective_date=date(2024, 6, 1),
        actor=lead_a,
        recruitment_stage="advertised",
    )
    by_import = make_post(trust_a, local_ref="R1", status="funded")
    services.post_import_apply(
        post_import=_staged(trust_a, [_moved_on("R1")]), user=lead_a, own_trust=trust_a
    )
    by_web.refresh_from_db(), by_import.refresh_from_db()
    assert _history(by_import) == _history(by_web)
    assert (by_import.status, by_import.recruitment_stage) == (
        by_web.status,
        by_web.recruitment_stage,
    )
    assert by_import.locality == "Sefton" and by_import.updated_by == lead_a
    latest = by_import.history.aggregate(n=Max("history_id"))["n"]
    entry = by_import.history.get(history_id=latest)
    assert (entry.status, entry.history_user) == ("recruiting", lead_a)


def test_a_failed_write_leaves_nothing_half_saved(lead_a, trust_a, monkeypatch):
    make_post(trust_a, local_ref="R1", status="funded")

    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "record_status_moves", fail)
    staged = _staged(trust_a, [row("N1"), _moved_on("R1")])
    with pytest.raises(RuntimeError):
        services.post_import_apply(post_import=staged, user=lead_a, own_trust=trust_a)
    assert list(Post.objects.values_list("local_ref", "status", "locality")) == [
        ("R1", "funded", "")
    ]
    staged.refresh_from_db()
    assert staged.status == PostImport.Status.PENDING
