"""SEC-07: a trust lead's lists, exports and API results hold only their trust."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.csv_helpers import csv_rows

pytestmark = pytest.mark.django_db
SECRET_B = "Zebra Crisis Post Of Trust B"


def _post(trust, ref, title, actor):
    from workforce.models import Post
    from workforce.services import post_create

    return post_create(
        post=Post(
            trust=trust,
            local_ref=ref,
            role_type="psw",
            job_title=title,
            band="afc_3",
            wte=Decimal("1.00"),
            delivery_model="embedded_in_team",
            setting="crisis",
            lived_experience_basis="service_user",
            contract_type="permanent",
            funding_source="trust_baseline",
            status="funded",
            status_effective_date=date(2024, 1, 10),
        ),
        actor=actor,
    )


@pytest.fixture
def posts(lead_a, lead_b, trust_a, trust_b):
    mine = [_post(trust_a, f"A-{n}", f"Trust A post {n}", lead_a) for n in range(3)]
    theirs = _post(trust_b, "B-SECRET", SECRET_B, lead_b)
    return mine, theirs


def test_post_list_and_export_hold_only_own_trust(client_for, posts):
    mine, theirs = posts
    client = client_for("lead_a")
    page = client.get(reverse("workforce:post-list")).content.decode()
    assert SECRET_B not in page and "B-SECRET" not in page
    assert all(p.job_title in page for p in mine)
    response = client.get(reverse("workforce:post-export"))
    rows = csv_rows(response)
    assert len(rows) - 1 == len(mine)
    assert all(SECRET_B not in cell for r in rows for cell in r)


def test_api_post_list_holds_only_own_trust(client_for, posts):
    mine, theirs = posts
    body = client_for("lead_a").get("/api/v1/posts/").json()
    ids = {row["id"] for row in body["results"]}
    assert ids == {p.pk for p in mine}
    assert theirs.pk not in ids


def test_another_trusts_post_is_not_found_in_page_or_api(client_for, posts):
    _, theirs = posts
    client = client_for("lead_a")
    assert (
        client.get(reverse("workforce:post-detail", args=[theirs.pk])).status_code
        == 404
    )
    assert client.get(f"/api/v1/posts/{theirs.pk}/").status_code == 404
