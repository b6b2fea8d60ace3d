"""The post register's totals are cached per viewer and filter: a write shows on
the next read, and nobody sees totals computed over another person's view."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import _login_with_mfa
from tests.workforce.conftest import form_data, make_post

pytestmark = pytest.mark.django_db
LIST = reverse("workforce:post-list")


def totals(client, **params) -> dict:
    response = client.get(LIST, params)
    assert response.status_code == 200
    return response.context["totals"]


def signed_in(user) -> Client:
    return _login_with_mfa(Client(), user)


def test_a_post_added_on_the_web_counts_on_the_next_read(lead_a, trust_a, post_a):
    client = signed_in(lead_a)
    assert totals(client)["posts"] == 1
    assert totals(client)["posts"] == 1  # now served from the cache
    client.post(reverse("workforce:post-create"), form_data(trust_a))
    after = totals(client)
    assert after["posts"] == 2
    assert after["total_wte"] == post_a.wte + Decimal("0.80")
    response = client.get(LIST)
    assert response.context["page"].paginator.count == 2
    assert "Peer Support Worker – Perinatal" in response.content.decode()


def test_a_status_change_moves_filled_wte_on_the_next_read(lead_a, post_a):
    client = signed_in(lead_a)
    assert totals(client)["filled_wte"] is None
    url = reverse("workforce:post-status", args=[post_a.pk])
    client.post(url, {"to_status": "recruiting", "effective_date": "2024-02-01"})
    client.post(url, {"to_status": "filled", "effective_date": "2024-05-01"})
    post_a.refresh_from_db()
    assert post_a.status == "filled"
    assert totals(client)["filled_wte"] == post_a.wte


def test_each_viewer_gets_totals_over_their_own_view(
    lead_a, lead_b, coordinator, trust_a, trust_b, post_a, post_b
):
    make_post(trust_b, local_ref="B-002")
    assert totals(signed_in(lead_a))["posts"] == 1
    assert totals(signed_in(lead_b))["posts"] == 2
    assert totals(signed_in(coordinator))["posts"] == 3
    assert totals(signed_in(lead_a))["posts"] == 1  # warm, still only trust A
    assert totals(signed_in(lead_a), setting="perinatal")["posts"] == 0


def test_a_warm_list_skips_the_register_scan(lead_a, post_a):
    client = signed_in(lead_a)
    with CaptureQueriesContext(connection) as cold:
        client.get(LIST)
    with CaptureQueriesContext(connection) as warm:
        client.get(LIST)
    scans = [q["sql"] for q in warm.captured_queries if "SUM(" in q["sql"].upper()]
    assert not scans, scans
    assert len(warm) < len(cold)
