"""The action plan list, 'my actions', the printable pack view and CSV export.

Each page runs a fixed number of queries whatever the number of items
(tests/network/test_action_queries.py)."""

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Max, Value, When
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from core.csvexport import EXPORT_CHUNK_SIZE, csv_response
from network import permissions
from network.forms.actions import ActionFilterForm
from network.models import ActionItem, ActionPlan, Objective

PAGE_SIZE = 50
RAG_ORDER = ["red", "amber", "green", "blue", "na"]
SORTS = {
    "ref": ["objective__ref", "ref"],
    "due": ["due_date", "ref"],
    "owner": ["owner__full_name", "due_date"],
    "rag": ["rag_rank", "due_date"],
}


def actions_crumbs(*extra):
    return [{"label": "Action plan", "url": reverse("network:action-list")}, *extra]


def _filtered(request, *, mine: bool = False):
    """The plan shown and its items after the filters; nothing evaluated yet."""
    today = timezone.localdate()
    form = ActionFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    plan = data.get("plan") or ActionPlan.objects.filter(status="active").first()
    items = (
        permissions.actions_visible_to(request.user)
        .filter(plan=plan)
        .with_current_rag(today)
        .select_related("objective", "owner", "lead_trust")
    )
    if mine:
        items = items.filter(owner=request.user)
    for field in ("owner", "lead_trust", "status"):
        if data.get(field):
            items = items.filter(**{field: data[field]})
    if data.get("strand"):
        items = items.filter(objective__strand=data["strand"])
    if data.get("rag"):
        items = items.filter(current_rag=data["rag"])
    if data.get("overdue"):
        items = items.filter(status__in=ActionItem.OPEN_STATUSES, due_date__lt=today)
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


def _list(request, *, mine: bool):
    form, plan, items = _filtered(request, mine=mine)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "network/actionitem_list.html",
        {
            "form": form,
            "plan": plan,
            "page": page,
            "summary": rag_counts(plan) if plan else [],
            "rag_order": RAG_ORDER,
            "mine": mine,
            "query": query.urlencode(),
            "today": timezone.localdate(),
            "can_manage": permissions.can_manage_actions(request.user),
        },
    )


@login_required
def action_list(request):
    return _list(request, mine=False)


@login_required
def my_actions(request):
    return _list(request, mine=True)


@login_required
def action_print(request):
    form, plan, items = _filtered(request)
    return render(
        request,
        "network/actionitem_print.html",
        {
            "plan": plan,
            "items": items,
            "summary": rag_counts(plan) if plan else [],
            "rag_order": RAG_ORDER,
            "today": timezone.localdate(),
            "breadcrumbs": actions_crumbs(),
        },
    )


CSV_HEADER = [
    "Ref",
    "Objective",
    "Strand",
    "Action",
    "Owner",
    "Lead trust",
    "ImROC phase",
    "Start date",
    "Due date",
    "Original due date",
    "Slippage (days)",
    "Status",
    "RAG",
    "Overdue",
    "Completed on",
    "Last update",
]


@login_required
def action_csv(request):
    form, plan, items = _filtered(request)
    today = timezone.localdate()
    items = items.annotate(last_update=Max("updates__date"))
    rows = (
        [
            i.ref,
            f"{i.objective.ref}. {i.objective.title}",
            i.objective.get_strand_display(),
            i.action,
            str(i.owner),
            i.lead_trust.short_name if i.lead_trust else "",
            i.get_imroc_phase_display(),
            i.start_date or "",
            i.due_date,
            i.original_due_date,
            i.slippage_days,
            i.get_status_display(),
            ActionItem.Rag(i.current_rag).label,
            "yes" if i.is_overdue(today) else "no",
            i.completed_on or "",
            i.last_update or "",
        ]
        for i in items.iterator(chunk_size=EXPORT_CHUNK_SIZE)
    )
    name = f"action-plan-{today:%Y-%m-%d}.csv"
    return csv_response(name, CSV_HEADER, rows)
