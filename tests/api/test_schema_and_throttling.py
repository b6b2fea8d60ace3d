"""The OpenAPI schema validates, the docs page is built from it, and tokens are
rate-limited."""

import uuid

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from rest_framework.settings import api_settings

from api.models import ApiToken
from config.settings import _figures_cache
from tests.conftest import TEST_REDIS_URL, require_redis
from tests.workforce.test_figures_cache import closed_port, redis_figures_at


@pytest.mark.django_db
def test_schema_generates_and_validates_without_warnings(tmp_path):
    out = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    text = out.read_text()
    assert "/api/v1/posts/{id}/status/" in text
    assert "bearerAuth" in text
    assert "application/problem+json" in text  # the shared error responses


@pytest.mark.django_db
def test_docs_page_links_the_feeds_and_csv(client):
    html = client.get("/api/docs/").content.decode()
    for url in (
        "/api/v1/feeds/training.ics",
        "/api/v1/feeds/network-events.ics",
        "/api/v1/open-data/workforce.csv",
    ):
        assert f'href="{url}"' in html


@pytest.mark.django_db
def test_docs_page_lists_every_endpoint_without_external_scripts(client):
    response = client.get("/api/docs/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "/api/v1/posts/bulk/" in html
    assert "/api/v1/training/bookings/{id}/cancel/" in html
    assert "cdn" not in html.lower()
    assert html.count("<h1") == 1


@pytest.fixture
def low_rates(settings):
    rates = {"token": "3/minute", "user": "100/minute", "anon": "100/minute"}
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": rates,
    }
    assert api_settings.DEFAULT_THROTTLE_RATES == rates
    yield


@pytest.mark.django_db
def test_each_token_has_its_own_rate_limit(api, lead_a, low_rates):
    first = api(lead_a)
    codes = [first.get("/api/v1/actions/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = first.get("/api/v1/actions/")
    assert limited["Content-Type"] == "application/problem+json"
    assert int(limited["Retry-After"]) > 0
    second = api(lead_a)  # another token of the same person has its own count
    assert second.get("/api/v1/actions/").status_code == 200
    assert ApiToken.objects.filter(user=lead_a).count() == 2


def counts_in_the_database() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM django_cache WHERE cache_key LIKE %s", ["%throttle%"]
        )
        return cursor.fetchone()[0]


def four_requests(client) -> list[int]:
    return [client.get("/api/v1/actions/").status_code for _ in range(4)]


@pytest.mark.django_db
def test_counts_are_kept_in_redis_when_it_is_set(api, lead_a, low_rates):
    require_redis()
    # A prefix of its own: counts from another run expire, never collide.
    shared = {**_figures_cache(TEST_REDIS_URL), "KEY_PREFIX": f"test-{uuid.uuid4()}"}
    with override_settings(CACHES={**settings.CACHES, "figures": shared}):
        assert four_requests(api(lead_a)) == [200, 200, 200, 429]
    assert counts_in_the_database() == 0  # six queries a request saved


@pytest.mark.django_db
def test_the_limit_still_holds_while_redis_is_down(api, lead_a, low_rates):
    with redis_figures_at(closed_port()):
        assert four_requests(api(lead_a)) == [200, 200, 200, 429]
    assert counts_in_the_database() == 1
