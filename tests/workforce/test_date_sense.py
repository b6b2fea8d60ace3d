"""Dates that make no sense are refused with a message that says why."""

import pytest
from django.urls import reverse

from tests.workforce.conftest import form_data
from workforce.models import Post

pytestmark = pytest.mark.django_db


def test_funding_cannot_end_before_the_post_was_filled(login, lead_a, trust_a):
    data = form_data(
        trust_a,
        status="filled",
        status_effective_date="2025-02-01",
        contract_type="fixed_term",
        funding_end_date="2021-03-31",
    )
    response = login(lead_a).post(reverse("workforce:post-create"), data)
    assert response.status_code == 200
    assert (
        "The date funding ends must be on or after 1 February 2025, "
        "when the post was filled"
    ) in response.content.decode()
    assert not Post.objects.exists()
