"""One rule for formula-like text, allowed values people can read, a preview
that shows each change, and exports that import back unchanged (issue 17, item 8)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.csv_helpers import csv_text
from tests.workforce.conftest import form_data, make_post
from tests.workforce.test_csv_import import make_csv, row, upload_and_preview
from workforce.csvimport import LABELS
from workforce.models import Post

pytestmark = pytest.mark.django_db

FORMULA_TEXT = ["=SUM(A1)", "+44 1234", "-x", "@cmd", '=HYPERLINK("http://x")']


def _form_errors(client, trust, **fields) -> dict:
    response = client.post(reverse("workforce:post-create"), form_data(trust, **fields))
    assert response.status_code == 200, "the form should refuse the post"
    assert not Post.objects.exists()
    return response.context["form"].errors


def _import_errors(client, **fields) -> list[tuple[str, str]]:
    preview, _ = upload_and_preview(client, make_csv([row("R1", **fields)]))
    return [e for r in preview.context["check"].error_rows for e in r.errors]


@pytest.mark.parametrize("text", FORMULA_TEXT)
def test_form_and_import_refuse_formula_text_with_the_same_one_message(
    login, lead_a, trust_a, text
):
    client = login(lead_a)
    form_errors = _form_errors(client, trust_a, job_title=text)
    import_errors = _import_errors(client, job_title=text)
    assert form_errors["job_title"] == [m for c, m in import_errors]
    assert import_errors == [
        (
            "job_title",
            f"Job title cannot start with “{text[0]}”, because spreadsheets treat "
            "it as a formula. Remove it or start with a word",
        )
    ]


def test_a_number_and_text_with_formula_signs_inside_are_accepted(
    login, lead_a, trust_a
):
    client = login(lead_a)
    preview, _ = upload_and_preview(
        client,
        make_csv([row("-12", job_title="Peer worker = lead", notes="Cost +5%")]),
    )
    assert preview.context["counts"]["create"] == 1


def test_a_band_that_does_not_exist_says_what_is_allowed(login, lead_a, trust_a):
    errors = _import_errors(login(lead_a), band="Band 12")
    assert errors == [
        (
            "band",
            "“Band 12” is not a band you can choose. Enter one of: "
            "Volunteer (unbanded); Band 2; Band 3; Band 4; Band 5; Band 6; Band 7; "
            "Band 8a; Not Agenda for Change",
        )
    ]


def test_the_import_page_lists_the_allowed_values_of_each_column(login, lead_a):
    page = login(lead_a).get(reverse("workforce:import-upload")).content.decode()
    for words in ("Band 8a", "(afc_8a)", "Crisis and home treatment", "Offer made"):
        assert words in page
    assert "Cannot start with =, +, - or @" in page


def test_the_preview_lists_posts_to_add_and_each_change_as_old_to_new(
    login, lead_a, trust_a
):
    make_post(trust_a, local_ref="U1", band="afc_3", wte=Decimal("1.00"))
    client = login(lead_a)
    preview, _ = upload_and_preview(
        client,
        make_csv(
            [
                row("N1", job_title="New crisis post", band="Band 4"),
                row(
                    "U1",
                    job_title="Peer Support Worker – Crisis",
                    band="Band 4",
                    wte="0.6",
                    status="funded",
                    status_effective_date="2024-01-10",
                ),
            ]
        ),
    )
    updated = [r for r in preview.context["check"].rows if r.action == "update"]
    assert updated[0].changes == [("Band", "Band 3", "Band 4"), ("WTE", "1.00", "0.6")]
    page = preview.content.decode()
    assert "New crisis post" in page
    assert (
        '<strong>Band:</strong> Band 3 <span aria-hidden="true">→</span>'
        '<span class="nhsuk-u-visually-hidden">changes to</span> Band 4'
    ) in page.replace('<span class="app-nowrap">Band 3</span>', "Band 3").replace(
        '<span class="app-nowrap">Band 4</span>', "Band 4"
    )
    assert 'role="region" aria-labelledby="updated-caption"' in page


def test_the_register_export_uses_labels_and_imports_back_with_no_changes(
    login, lead_a, trust_a
):
    today = timezone.localdate()
    make_post(
        trust_a,
        local_ref="E1",
        band="afc_8a",
        setting="early_intervention_psychosis",
        contract_type="fixed_term",
        funding_source="hee_nhse_transformation",
        funding_end_date=today + timedelta(days=300),
        status="recruiting",
        recruitment_stage="pre_employment_checks",
        expected_start=today + timedelta(days=60),
        status_effective_date=date(2024, 5, 1),
        advert_url="https://www.jobs.nhs.uk/candidate/jobadvert/C9999",
        notes="Two days a week on the ward",
        service_name="Early intervention team",
        locality="Wirral",
        wte=Decimal("0.60"),
    )
    make_post(trust_a, local_ref="E2")
    client = login(lead_a)
    exported = csv_text(client.get(reverse("workforce:post-export")))
    header, first = exported.splitlines()[:2]
    assert header.lstrip("\ufeff") == ",".join(LABELS)
    assert "Band 8a" in first and "Early intervention in psychosis" in first
    assert "afc_8a" not in exported and "pre_employment_checks" not in exported
    preview, _ = upload_and_preview(client, exported.encode())
    check = preview.context["check"]
    assert not check.error_rows, check.error_rows
    assert preview.context["counts"] == {"create": 0, "update": 0, "unchanged": 2}
