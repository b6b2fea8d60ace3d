"""Read-side queries for the action plan shared by the web pages and the API.

Each returns a fixed number of queries whatever the number of items
(tests/network/test_action_queries.py)."""

from collections import defaultdict

from django.db.models import Count
from django.utils import timezone

from network.models import ActionItem, Objective

RAG_ORDER = ["red", "amber", "green", "blue", "na"]


def rag_counts(plan, cutoff=None, *, today=None) -> list[dict]:
    """Counts by RAG for each objective of the plan, with its completion rate:
    a fixed number of queries (the threshold unless `cutoff` is given, the counts, the objectives).

    The completion rate is the share of the objective's actions that are
    complete, leaving out cancelled ones; None when it has no such action."""
    today = today or timezone.localdate()
    rows = (
        ActionItem.objects.filter(plan=plan)
        .with_current_rag(today, cutoff)
        .values("objective_id", "current_rag", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts, done, cancelled = defaultdict(dict), defaultdict(int), defaultdict(int)
    for row in rows:
        mine = counts[row["objective_id"]]
        mine[row["current_rag"]] = mine.get(row["current_rag"], 0) + row["n"]
        if row["status"] == ActionItem.Status.COMPLETED:
            done[row["objective_id"]] += row["n"]
        if row["status"] == ActionItem.Status.CANCELLED:
            cancelled[row["objective_id"]] += row["n"]
    summary = []
    for objective in Objective.objects.filter(plan=plan):
        total = sum(counts[objective.pk].values())
        counted = total - cancelled[objective.pk]
        summary.append(
            {
                "objective": objective,
                "counts": [counts[objective.pk].get(r, 0) for r in RAG_ORDER],
                "total": total,
                "completed": done[objective.pk],
                "completion_rate": round(100 * done[objective.pk] / counted)
                if counted
                else None,
            }
        )
    return summary
