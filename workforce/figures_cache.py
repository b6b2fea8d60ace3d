"""The one place workforce figures are cached and invalidated.

The regional figures are aggregates over every post and status-change row, so
computing them grows with the data; they are the same for everyone with the
same scope (rounded or exact) and filters, so they are cached in the
"figures" cache (Redis in production, the database cache by default).

Invalidation: every service that writes posts or status changes calls
`invalidate()`, which replaces a generation token. Each cached entry carries
the token it was computed under; an entry with any other token is stale. A
random token (not a counter) means an evicted or flushed token can never come
back as an old value and revive stale entries.

The cache is an optimisation only: any cache error is logged and the figures
are computed from the database, so a Redis outage never fails a page or a save;
after an error the cache is skipped for a while (`core.cache_backoff`, shared
with the work-home counts).
"""

import hashlib
import uuid
from datetime import date

from django.core.cache import caches
from django.db import models, transaction

from core.cache_backoff import available, failed

ALIAS = "figures"
GENERATION_KEY = "workforce:generation"
FORMAT = 2  # bump when the shape of cached tables changes, so old pickles are ignored
# A safety net, not the freshness mechanism: bounds staleness if an invalidation
# was lost while the cache was unreachable.
TIMEOUT = 600

_state = {"pending_invalidation": False}


def _cache():
    return caches[ALIAS]


def _bump() -> None:
    try:
        _cache().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        _state["pending_invalidation"] = False
    except Exception as error:  # noqa: BLE001 - any cache failure must not fail a save
        _state["pending_invalidation"] = True
        failed("invalidate", error)


def invalidate() -> None:
    """Mark every cached figure stale; call from each service that writes posts.

    Bumped now (so reads later in this transaction are fresh) and again after
    commit (so a read that computed from the old data meanwhile is not kept).
    """
    _bump()
    transaction.on_commit(_bump)


def _part(value) -> str:
    if isinstance(value, models.Model):
        return f"{value._meta.label_lower}:{value.pk}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def make_key(name: str, **parts) -> str:
    """A short, safe key from what the figures depend on (scope, dates, filters)."""
    text = "|".join(f"{k}={_part(v)}" for k, v in sorted(parts.items()) if v != "")
    digest = hashlib.sha256(f"{FORMAT}|{name}|{text}".encode()).hexdigest()[:32]
    return f"workforce:{name}:{digest}"


def _read(key: str):
    """(generation, entry) from one round trip; either may be None."""
    if _state["pending_invalidation"]:
        _bump()
        if _state["pending_invalidation"]:
            raise ConnectionError("invalidation still pending")
    found = _cache().get_many([GENERATION_KEY, key])
    return found.get(GENERATION_KEY), found.get(key)


def cached(name: str, compute, **parts):
    """compute(), or its cached result for these parts under the current generation."""
    if not available():
        return compute()
    key = make_key(name, **parts)
    try:
        generation, entry = _read(key)
    except Exception as error:  # noqa: BLE001 - an outage falls back to the database
        failed("read", error)
        return compute()
    if entry is not None and generation is not None and entry[0] == generation:
        return entry[1]
    value = compute()
    try:
        if generation is None:
            generation = uuid.uuid4().hex
            if not _cache().add(GENERATION_KEY, generation, timeout=None):
                return value  # another process just started a generation
        _cache().set(key, (generation, value), timeout=TIMEOUT)
    except Exception as error:  # noqa: BLE001
        failed("write", error)
    return value
