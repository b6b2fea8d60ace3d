"""Read-side queries for the action plan shared by the web pages and the API.

Each returns a fixed number of queries whatever the number of items
(tests/network/test_action_queries.py)."""

from collections import defaultdict

from django.db.models import Case, Count, IntegerField, Value, When
from django.utils import timezone

from network import permissions
from network.forms.actions import ActionFilterForm
from network.models import ActionItem, ActionPlan, Objective

RAG_ORDER = ["red", "amber", "green", "blue", "na"]
SORTS = {
    "ref": ["objective__ref", "ref"],
    "due": ["due_date", "ref"],
    "owner": ["owner__full_name", "due_date"],
    "rag": ["rag_rank", "due_date"],
}


def filtered_action_items(user, params, *, mine: bool = False):
    """(form, plan, items): the plan shown and the items `user` may see in it
    after the filters in `params` (a QueryDict); nothing evaluated yet."""
    today = timezone.localdate()
    form = ActionFilterForm(params or None)
    data = form.cleaned_data if form.is_valid() else {}
    plan = data.get("plan") or ActionPlan.objects.filter(status="active").first()
    items = (
        permissions.actions_visible_to(user)
        .filter(plan=plan)
        .with_current_rag(today)
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
    rank = Case(
        *[When(current_rag=r, then=Value(i)) for i, r in enumerate(RAG_ORDER)],
        output_field=IntegerField(),
    )
    items = items.annotate(rag_rank=rank).order_by(*SORTS[data.get("sort") or "ref"])
    return form, plan, items


def rag_counts(plan) -> list[dict]:
    """Counts by RAG for each objective of the plan: two queries."""
    today = timezone.localdate()
    rows = (
        ActionItem.objects.filter(plan=plan)
        .with_current_rag(today)
        .values("objective_id", "current_rag")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = defaultdict(dict)
    for row in rows:
        counts[row["objective_id"]][row["current_rag"]] = row["n"]
    return [
        {
            "objective": objective,
            "counts": [counts[objective.pk].get(r, 0) for r in RAG_ORDER],
            "total": sum(counts[objective.pk].values()),
        }
        for objective in Objective.objects.filter(plan=plan)
    ]
