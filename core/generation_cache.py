"""Values worked out from the database, kept in the "figures" cache until the
data they read changes: the one rule behind the workforce figures, the work-home
counts and the action list's summary.

Each cache has a generation token. Each entry carries the token it was computed
under; an entry with any other token is stale. Whatever changes the data calls
`invalidate()`, which replaces the token at once (so reads later in the same
transaction are fresh) and again after commit (so a read that computed from the
old data meanwhile is not kept). A random token, not a counter, means an
evicted or flushed token can never come back and revive old entries.

The cache is an optimisation only: any error means computing from the database,
with the cache then skipped for a while (core.cache_backoff). If a token could
not be replaced, the next read tries again and computes until it succeeds.
"""

import uuid
from collections.abc import Callable

from django.core.cache import caches
from django.db import transaction

from core.cache_backoff import available, failed

ALIAS = "figures"


class GenerationCache:
    def __init__(self, name: str, timeout: int):
        self.name = name
        self.generation_key = f"{name}:generation"
        # A safety net, not the freshness mechanism: bounds staleness if an
        # invalidation was lost while the cache was unreachable.
        self.timeout = timeout
        self.pending_invalidation = False

    def bump(self) -> None:
        try:
            caches[ALIAS].set(self.generation_key, uuid.uuid4().hex, timeout=None)
            self.pending_invalidation = False
        except Exception as error:  # noqa: BLE001 - must never fail a save
            self.pending_invalidation = True
            failed(f"{self.name} invalidation", error)

    def invalidate(self, **_signal) -> None:
        """Mark every entry stale, now and after the transaction commits."""
        self.bump()
        transaction.on_commit(self.bump)

    def cached(self, key: str, compute: Callable[[], object]):
        """compute(), or its cached result under the current generation."""
        if not available():
            return compute()
        cache = caches[ALIAS]
        try:
            if self.pending_invalidation:
                self.bump()
                if self.pending_invalidation:
                    raise ConnectionError("invalidation still pending")
            found = cache.get_many([self.generation_key, key])
        except Exception as error:  # noqa: BLE001 - the cache is an optimisation only
            failed(f"{self.name} read", error)
            return compute()
        generation, entry = found.get(self.generation_key), found.get(key)
        if entry is not None and generation is not None and entry[0] == generation:
            return entry[1]
        value = compute()
        try:
            if generation is None:
                generation = uuid.uuid4().hex
                if not cache.add(self.generation_key, generation, timeout=None):
                    return value  # another process just started a generation
            cache.set(key, (generation, value), timeout=self.timeout)
        except Exception as error:  # noqa: BLE001
            failed(f"{self.name} write", error)
        return value
