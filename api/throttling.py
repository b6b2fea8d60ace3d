"""Rate limits: per token for scripts, per user for the browser, per IP for the
public. Counts live in the default cache (the database cache), so every web
worker shares them.

A fixed window with one counter per key, not DRF's sliding list of request
times: that list is read, pickled and written back whole on every request, so its
cost grew with the rate (a benchmark at a high limit slowed itself down). A
counter costs the same at 10/hour and 10,000/hour; the price is that a client
can spend two windows' allowance across a window boundary.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from api.models import ApiToken


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
        counter = f"{self.key}:{window}"
        # A read and a write, as DRF does, rather than add + incr: the same queries
        # whether or not the window is new (the database cache's add costs more
        # when the key exists), so a query count never depends on the clock.
        count = self.cache.get(counter, 0) + 1
        self.cache.set(counter, count, self.duration)
        return count <= self.num_requests or self.throttle_failure()

    def wait(self):
        return max(1, self.window_ends - self.timer())


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
