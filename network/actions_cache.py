"""What the action list reads on every request and rarely changes: the RAG
summary of a plan (one aggregate over all its actions, about a sixth of the
page's time) and the stale threshold, kept in the "figures" cache.

Invalidation: saving or deleting an action, a progress update, an objective, a
plan or a reminder setting calls `invalidate()` (signals, so forms, services,
the API and the admin alike), and so do the services that change actions with a
bulk update. The token, its invalidation and outages follow
core.generation_cache, shared with the workforce figures. A summary is kept for
one day and one stale threshold, which are part of its key.
"""

from datetime import date

from django.db.models.signals import post_delete, post_save

from core import leadtimes
from core.generation_cache import GenerationCache

generations = GenerationCache("network:actions", timeout=600)
GENERATION_KEY = generations.generation_key
invalidate = generations.invalidate
cached = generations.cached


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
