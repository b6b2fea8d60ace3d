"""The work home's lines, cached per person in the "figures" cache under one
generation token, so the header count on every page is one cache read.

What the lines say is the work home's own business (home/workhome.py); this
module only keeps them. Anything that changes what a work home counts calls
`invalidate()`: services for writes outside a request (tasks), and
core.middleware after every write request that succeeds. It replaces the token
after commit; any cache failure just means computing again, with the cache then
skipped for a while (core.cache_backoff, shared with the workforce figures).
"""

import uuid
from collections.abc import Callable

from django.core.cache import caches
from django.db import transaction

from core.cache_backoff import available, failed

ALIAS = "figures"
GENERATION_KEY = "workhome:generation"
TIMEOUT = 120  # how stale another person's change may look, at most


def cached_lines(user, compute: Callable[[object], list[dict]]) -> list[dict]:
    """compute(user), or its cached result under the current generation."""
    if not available():  # it failed moments ago: do not wait again
        return compute(user)
    cache = caches[ALIAS]
    key = f"workhome:{user.pk}"
    try:
        found = cache.get_many([GENERATION_KEY, key])
    except Exception as error:  # noqa: BLE001 - the cache is an optimisation only
        failed("work home read", error)
        return compute(user)
    generation = found.get(GENERATION_KEY)
    entry = found.get(key)
    if entry and generation and entry[0] == generation:
        return entry[1]
    lines = compute(user)
    try:
        if not generation:
            generation = uuid.uuid4().hex
            cache.set(GENERATION_KEY, generation, timeout=None)
        cache.set(key, (generation, lines), timeout=TIMEOUT)
    except Exception as error:  # noqa: BLE001
        failed("work home write", error)
    return lines


def invalidate() -> None:
    """Something that a work home counts changed: recount after this commits."""
    transaction.on_commit(_bump)


def _bump() -> None:
    try:
        caches[ALIAS].set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception as error:  # noqa: BLE001 - must never fail a save
        failed("work home invalidation", error)
