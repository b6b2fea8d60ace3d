"""The action list's owner and trust choices are kept with the drawn filter
form; a renamed owner or trust shows on the next request all the same."""

import re

import pytest
from django.core.cache import caches

from core import filters as core_filters
from tests.network.conftest import make_item

pytestmark = pytest.mark.django_db
URL = "/network/actions/"


def options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select)


@pytest.fixture(autouse=True)
def _empty_filter_forms():
    caches[core_filters.ALIAS].clear()


def test_renamed_owner_and_trust_show_on_the_next_request(
    login, coordinator, objective, lead_a, trust_a
):
    make_item(objective, lead_a, lead_trust=trust_a)
    client = login(coordinator)
    for _ in range(2):  # drawn, then kept
        assert lead_a.full_name in options(client.get(URL).content.decode(), "owner")
    lead_a.full_name = "Renamed Lead"
    lead_a.save()
    trust_a.name = "Renamed Care NHS Foundation Trust"
    trust_a.save()
    after = client.get(URL).content.decode()
    assert "Renamed Lead" in options(after, "owner")
    assert "Renamed Care NHS Foundation Trust" in options(after, "lead_trust")


def test_a_new_owner_in_the_plan_is_a_new_choice(
    login, coordinator, objective, lead_a, lead_b
):
    make_item(objective, lead_a)
    client = login(coordinator)
    assert lead_b.full_name not in options(client.get(URL).content.decode(), "owner")
    make_item(objective, lead_b, ref="4.2")
    assert lead_b.full_name in options(client.get(URL).content.decode(), "owner")
