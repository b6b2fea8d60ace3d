"""Read-side queries for the action plan shared by the web pages and the API.

Each returns a fixed number of queries whatever the number of items
(tests/network/test_action_queries.py)."""

from collections import defaultdict

from django.db.models import Case, Count, IntegerField, Value, When
from django.utils import timezone

from network import permissions
from network.forms.actions import ActionFilterForm
from network.models import ActionItem, ActionPlan, Objective
from network.models.actions import stale_cutoff

RAG_ORDER = ["red", "amber", "green", "blue", "na"]
SORTS = {
    "ref": ["objective__ref", "ref"],
    "due": ["due_date", "ref"],
    "owner": ["owner__full_name", "due_date"],
    "rag": ["rag_rank", "due_date"],
    "updated": ["last_update_on", "ref"],
}


def filtered_action_items(user, params, *, mine: bool = False, cutoff=None):
    """(form, plan, items): the plan shown and the items `user` may see in it
    after the filters in `params` (a QueryDict); nothing evaluated yet.
    `cutoff` is the stale cutoff when the caller has read it already."""
    today = timezone.localdate()
    cutoff = cutoff or stale_cutoff(today)
    form = ActionFilterForm(params or None)
    data = form.cleaned_data if form.is_valid() else {}
    plan = data.get("plan") or ActionPlan.objects.filter(status="active").first()
    items = (
        permissions.actions_visible_to(user)
        .filter(plan=plan)
        .with_current_rag(today, cutoff)
        .select_related("objective", "owner", "lead_trust")
    )
    if mine:
        items = items.filter(owner=user)
    for field in ("owner", "lead_trust", "status"):
        if data.get(field):
            items = items.filter(**{field: data[field]})
    if data.get("strand"):
        items = items.filter(objective__strand=data["strand"])
    if data.get("rag"):
        items = items.filter(current_rag=data["rag"])
    if data.get("overdue"):
        items = items.overdue(today)
    if data.get("stale"):
        items = items.stale(cutoff)
    sort = data.get("sort") or "ref"
    if sort == "rag":
        # Only when sorting by it: the rank repeats the RAG rule's CASE in the
        # SQL, which doubles the time Django takes to build the query.
        rank = Case(
            *[When(current_rag=r, then=Value(i)) for i, r in enumerate(RAG_ORDER)],
            output_field=IntegerField(),
        )
        items = items.annotate(rag_rank=rank)
    return form, plan, items.order_by(*SORTS[sort])


def rag_counts(plan, cutoff=None) -> list[dict]:
    """Counts by RAG for each objective of the plan, with its completion rate:
    a fixed number of queries (the threshold unless `cutoff` is given, the counts, the objectives).

    The completion rate is the share of the objective's actions that are
    complete, leaving out cancelled ones; None when it has no such action."""
    today = timezone.localdate()
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
