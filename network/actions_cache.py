"""What the action list reads on every request and rarely changes: the RAG
summary of a plan (one aggregate over all its actions, about a sixth of the
page's time) and the stale threshold, kept in the "figures" cache.

Invalidation: saving or deleting an action, a progress update, an objective, a
plan or a reminder setting replaces a generation token (signals, so forms,
services, the API and the admin alike), and so do the services that change
actions with a bulk update. Each cached entry carries the token it was computed
under; an entry with any other token is stale. The token is replaced at once
(so reads later in the same transaction are fresh) and again after commit (so a
read that computed from the old data meanwhile is not kept). A summary is kept
for one day and one stale threshold, which are part of its key.

The cache is an optimisation only: any cache error means computing from the
database, with the cache then skipped for a while (core.cache_backoff).
"""

import uuid
from datetime import date

from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from core import leadtimes
from core.cache_backoff import available, failed

ALIAS = "figures"
GENERATION_KEY = "network:actions:generation"
# A safety net, not the freshness mechanism: bounds staleness if an
# invalidation was lost while the cache was unreachable.
TIMEOUT = 600


def _bump() -> None:
    try:
        caches[ALIAS].set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception as error:  # noqa: BLE001 - must never fail a save
        failed("action figures invalidation", error)


def invalidate(**_signal) -> None:
    """Mark the cached summaries and threshold stale, now and after commit."""
    _bump()
    transaction.on_commit(_bump)


def cached(key: str, compute):
    """compute(), or its cached result under the current generation."""
    if not available():
        return compute()
    cache = caches[ALIAS]
    try:
        found = cache.get_many([GENERATION_KEY, key])
    except Exception as error:  # noqa: BLE001 - the cache is an optimisation only
        failed("action figures read", error)
        return compute()
    generation, entry = found.get(GENERATION_KEY), found.get(key)
    if entry is not None and generation is not None and entry[0] == generation:
        return entry[1]
    value = compute()
    try:
        if generation is None:
            generation = uuid.uuid4().hex
            if not cache.add(GENERATION_KEY, generation, timeout=None):
                return value  # another process just started a generation
        cache.set(key, (generation, value), timeout=TIMEOUT)
    except Exception as error:  # noqa: BLE001
        failed("action figures write", error)
    return value


def stale_weeks() -> int:
    """core.leadtimes.stale_weeks(), read from the cache."""
    return cached("network:stale-weeks", leadtimes.stale_weeks)


def rag_summary(plan, today: date, cutoff: date) -> list[dict]:
    """network.queries.rag_counts for the plan, read from the cache."""
    from network.queries import rag_counts

    key = f"network:rag:{plan.pk}:{today.isoformat()}:{cutoff.isoformat()}"
    return cached(key, lambda: rag_counts(plan, cutoff, today=today))


def connect() -> None:
    """Invalidate on every save or delete of what the cached values read."""
    from core.models import ReminderLeadTime
    from network.models import ActionItem, ActionPlan, ActionUpdate, Objective

    for model in (ActionItem, ActionUpdate, Objective, ActionPlan, ReminderLeadTime):
        for signal in (post_save, post_delete):
            signal.connect(invalidate, sender=model, dispatch_uid=f"actions-{model}")
