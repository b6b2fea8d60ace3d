"""The figures cache's Redis backend keeps one client per connection pool."""

import threading

import pytest

from core.redis_cache import RedisCache
from tests.conftest import TEST_REDIS_URL, require_redis


@pytest.fixture
def cache():
    require_redis()
    backend = RedisCache(TEST_REDIS_URL, {"KEY_PREFIX": "test-redis-cache"})
    yield backend
    # Only this test's keys: clear() would empty the whole shared database.
    backend.delete_many(["figures", "missing", "gone", *(f"t{n}" for n in range(8))])


def test_one_client_serves_every_call(cache):
    # Django's own backend builds a new client per call, about as dear as a GET.
    assert cache._cache.get_client() is cache._cache.get_client(write=True)


def test_values_round_trip_and_expire_as_before(cache):
    cache.set("figures", {"posts": 5}, timeout=30)
    assert cache.get("figures") == {"posts": 5}
    assert cache.get_many(["figures", "missing"]) == {"figures": {"posts": 5}}
    cache.set("gone", 1, timeout=0)
    assert cache.get("gone") is None


def test_threads_share_the_client_safely(cache):
    errors = []

    def work(n):
        try:
            for i in range(50):
                cache.set(f"t{n}", i)
                assert cache.get(f"t{n}") == i
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    assert {cache.get(f"t{n}") for n in range(8)} == {49}
