"""Adding, editing and changing the status of posts; list filters, totals, export."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.csv_helpers import csv_rows
from tests.workforce.conftest import form_data, make_post
from workforce.models import Post

pytestmark = pytest.mark.django_db


def test_trust_lead_adds_a_post_with_its_first_status_change(login, lead_a, trust_a):
    response = login(lead_a).post(reverse("workforce:post-create"), form_data(trust_a))
    post = Post.objects.get(local_ref="NEW-1")
    assert (
        response.status_code == 302 and response["Location"] == post.get_absolute_url()
    )
    assert post.trust == trust_a and post.wte == Decimal("0.80")
    assert post.created_by == lead_a
    change = post.changes.get()
    assert (change.from_status, change.to_status, change.changed_by) == (
        "",
        "funded",
        lead_a,
    )


def test_trust_lead_cannot_add_a_post_to_another_trust(login, lead_a, trust_b):
    response = login(lead_a).post(reverse("workforce:post-create"), form_data(trust_b))
    assert response.status_code == 200
    assert "Select trust from the list" in response.content.decode()
    assert not Post.objects.exists()


def test_trust_lead_cannot_move_their_post_to_another_trust(
    login, lead_a, post_a, trust_b
):
    data = form_data(trust_b, local_ref="A-001", job_title="Moved")
    response = login(lead_a).post(
        reverse("workforce:post-update", args=[post_a.pk]), data
    )
    assert response.status_code == 200
    post_a.refresh_from_db()
    assert post_a.trust.short_name == "Trust A" and post_a.job_title != "Moved"


def test_coordinator_can_add_a_post_for_any_trust(login, coordinator, trust_b):
    login(coordinator).post(reverse("workforce:post-create"), form_data(trust_b))
    assert Post.objects.get().trust == trust_b


@pytest.mark.parametrize(
    "overrides, field_error",
    [
        ({"wte": "1.50"}, "or less"),
        ({"wte": "0"}, "must be 0.01 or more"),
        ({"job_title": ""}, "Enter job title"),
        ({"contract_type": "fixed_term"}, "Enter the date funding ends"),
        ({"status_effective_date": "2099-01-01"}, "cannot be in the future"),
        ({"status": "closed"}, "Select current status from the list"),
    ],
)
def test_bad_post_input_is_explained_and_nothing_saved(
    login, lead_a, trust_a, overrides, field_error
):
    response = login(lead_a).post(
        reverse("workforce:post-create"), form_data(trust_a, **overrides)
    )
    body = response.content.decode()
    assert response.status_code == 200 and field_error in body
    assert "<title>Error: " in body
    assert not Post.objects.exists()


def test_duplicate_local_ref_gets_a_message_not_a_crash(login, lead_a, trust_a, post_a):
    response = login(lead_a).post(
        reverse("workforce:post-create"), form_data(trust_a, local_ref="A-001")
    )
    assert "Another post in this trust has this reference" in response.content.decode()
    assert Post.objects.count() == 1


def test_edit_records_field_history_shown_as_a_change_log(
    login, lead_a, trust_a, post_a
):
    client = login(lead_a)
    data = form_data(
        trust_a, local_ref="A-001", band="afc_4", job_title=post_a.job_title
    )
    assert (
        client.post(
            reverse("workforce:post-update", args=[post_a.pk]), data
        ).status_code
        == 302
    )
    post_a.refresh_from_db()
    assert post_a.band == "afc_4" and post_a.updated_by == lead_a
    page = client.get(post_a.get_absolute_url()).content.decode()
    assert "Band 3" in page and "Band 4" in page and "Change log" in page


def test_lead_moves_post_through_recruiting_to_filled(login, lead_a, post_a):
    client = login(lead_a)
    url = reverse("workforce:post-status", args=[post_a.pk])
    client.post(
        url,
        {
            "to_status": "recruiting",
            "effective_date": "2024-02-01",
            "recruitment_stage": "advertised",
        },
    )
    client.post(
        url, {"to_status": "filled", "effective_date": "2024-05-01", "note": "Started"}
    )
    post_a.refresh_from_db()
    assert post_a.status == "filled" and post_a.recruitment_stage == ""
    assert list(post_a.changes.values_list("to_status", flat=True)) == [
        "funded",
        "recruiting",
        "filled",
    ]


def test_status_form_offers_only_allowed_transitions_and_refuses_others(
    login, lead_a, post_a
):
    client = login(lead_a)
    url = reverse("workforce:post-status", args=[post_a.pk])
    page = client.get(url).content.decode()
    assert 'value="recruiting"' in page and 'value="filled"' not in page
    response = client.post(url, {"to_status": "filled", "effective_date": "2024-02-01"})
    assert response.status_code == 200 and "<title>Error: " in response.content.decode()
    post_a.refresh_from_db()
    assert post_a.status == "funded" and post_a.changes.count() == 1


def test_status_date_before_current_status_is_refused(login, lead_a, post_a):
    response = login(lead_a).post(
        reverse("workforce:post-status", args=[post_a.pk]),
        {"to_status": "recruiting", "effective_date": "2020-01-01"},
    )
    assert "on or after" in response.content.decode()
    post_a.refresh_from_db()
    assert post_a.status == "funded"


def test_list_shows_only_own_trust_with_filtered_totals(
    login, lead_a, trust_a, post_a, post_b
):
    make_post(trust_a, status="filled", wte=Decimal("0.50"), setting="perinatal")
    client = login(lead_a)
    response = client.get(reverse("workforce:post-list"))
    assert response.context["totals"] == {
        "posts": 2,
        "total_wte": Decimal("1.5"),
        "filled_wte": Decimal("0.5"),
    }
    assert "Peer Support Worker – B" not in response.content.decode()
    filtered = client.get(reverse("workforce:post-list"), {"setting": "perinatal"})
    assert filtered.context["totals"]["posts"] == 1


@pytest.mark.parametrize("name", ["workforce:post-list", "workforce:post-export"])
def test_lead_asking_for_another_trusts_register_gets_404(
    login, lead_a, trust_a, trust_b, post_b, name
):
    client = login(lead_a)
    assert client.get(reverse(name), {"trust": trust_b.pk}).status_code == 404
    assert client.get(reverse(name), {"trust": "nonsense"}).status_code == 404
    assert client.get(reverse(name), {"trust": trust_a.pk}).status_code == 200


def test_funding_ending_filter(login, coordinator, trust_a):
    from datetime import timedelta

    from django.utils import timezone

    soon = timezone.localdate() + timedelta(days=40)
    make_post(trust_a, contract_type="fixed_term", funding_end_date=soon, local_ref="S")
    make_post(
        trust_a,
        contract_type="fixed_term",
        funding_end_date=soon + timedelta(days=200),
        local_ref="L",
    )
    response = login(coordinator).get(
        reverse("workforce:post-list"), {"funding_ending": "3"}
    )
    assert [row["local_ref"] for row in response.context["rows"]] == ["S"]


def test_export_is_formula_safe_and_scoped_to_the_filter(
    login, lead_a, trust_a, post_b
):
    make_post(
        trust_a, local_ref="X1", job_title='=HYPERLINK("http://evil")', setting="crisis"
    )
    make_post(trust_a, local_ref="X2", setting="perinatal")
    response = login(lead_a).get(
        reverse("workforce:post-export"), {"setting": "crisis"}
    )
    rows = csv_rows(response)
    assert rows[0][:3] == ["Local reference", "Trust", "Job title"]
    assert len(rows) == 2 and rows[1][2].startswith("'=")


def test_register_row_shows_the_post_as_its_detail_page_does(login, lead_a, trust_a):
    """The register's rows are built in the view; the status tag comes from the
    one status → colour rule, in the list and on the post's own page alike."""
    post = make_post(
        trust_a, local_ref="R-9", job_title="Ward peer worker", status="vacant"
    )
    client = login(lead_a)
    row = client.get(reverse("workforce:post-list")).content.decode()
    detail = client.get(post.get_absolute_url()).content.decode()
    tag = '<strong class="nhsuk-tag nhsuk-tag--orange">Vacant</strong>'
    assert tag in row and tag in detail
    assert f'<a href="{post.get_absolute_url()}">Ward peer worker</a>' in row
    assert "R-9" in row and "Band 3" in row and post.trust.short_name in row


def test_a_planned_post_has_a_plain_tag():
    assert Post(status=Post.Status.PLANNED).status_tag_classes == "nhsuk-tag"
    assert set(Post.STATUS_TAGS) == set(Post.Status) - {Post.Status.PLANNED}
