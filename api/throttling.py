"""Rate limits: per token for scripts, per user for the browser, per IP for the
public. Counts live in the "figures" cache (Redis when CACHE_URL is set, as
deployed), so every web worker shares them; while that cache is failing they
fall back to the default cache (the database's), so a limit still holds. Each
count in the database cache is six queries, a transaction and an UPDATE among
them, so every API read wrote to PostgreSQL; in Redis it is two round trips.

A fixed window with one counter per key, not DRF's sliding list of request
times: that list is read, pickled and written back whole on every request, so its
cost grew with the rate (a benchmark at a high limit slowed itself down). A
counter costs the same at 10/hour and 10,000/hour; the price is that a client
can spend two windows' allowance across a window boundary.
"""

from django.core.cache import caches
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from api.models import ApiToken
from core.cache_backoff import available, failed
from core.generation_cache import ALIAS


class _SettingsRateThrottle(SimpleRateThrottle):
    def get_rate(self):
        # Read at request time (not import time) so settings changes apply.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        window = int(self.timer() // self.duration)
        self.window_ends = (window + 1) * self.duration
        count = self._count(f"{self.key}:{window}")
        return count <= self.num_requests or self.throttle_failure()

    def _count(self, counter: str) -> int:
        """This request's number in the window, in the shared cache, else (while
        it fails) in the database cache."""
        if available():
            try:
                return _bump(caches[ALIAS], counter, self.duration)
            except Exception as error:  # noqa: BLE001 - the database still counts
                failed("rate limit count", error)
        return _bump(self.cache, counter, self.duration)

    def wait(self):
        return max(1, self.window_ends - self.timer())


def _bump(cache, counter: str, timeout: int) -> int:
    # A read and a write, as DRF does, rather than add + incr: the same queries
    # whether or not the window is new (the database cache's add costs more
    # when the key exists), so a query count never depends on the clock.
    count = cache.get(counter, 0) + 1
    cache.set(counter, count, timeout)
    return count


class TokenRateThrottle(_SettingsRateThrottle):
    scope = "token"

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class SessionUserRateThrottle(_SettingsRateThrottle):
    scope = "user"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken) or not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class AnonymousRateThrottle(_SettingsRateThrottle):
    scope = "anon"

    def get_cache_key(self, request, view):
        if request.user.is_authenticated:
            return None
        return self.cache_format % {
            "scope": self.scope,
            "ident": self.get_ident(request),
        }
