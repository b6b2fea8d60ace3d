"""The action plan list, 'my actions', the printable pack view and CSV export.

The queries behind them are in network/queries.py."""

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F, Max
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from core.csvexport import EXPORT_CHUNK_SIZE, csv_response
from core.dates import long_date, short_date
from core.links import address_by_pk
from core.markup import markdown_to_text, shortened
from network import actions_cache, permissions
from network.filters import ActionFilter
from network.models import ActionItem, Objective
from network.models.actions import stale_cutoff
from network.queries import RAG_ORDER, rag_counts
from network.templatetags.network_tags import rag_tag

PAGE_SIZE = 50


def actions_crumbs(*extra):
    return [{"label": "Action plan", "url": reverse("network:action-list")}, *extra]


# The columns _row reads (with the annotations): the row's own, and the one or
# two it shows of its objective, owner and lead trust as annotations, so each
# row is one object instead of four (about half the cost of making them). A
# field read without being listed here costs a query per row
# (tests/network/test_action_queries.py).
ROW_FIELDS = ["ref", "action", "status", "due_date"]
ROW_RELATED = {
    "strand": F("objective__strand"),
    "owner_name": F("owner__full_name"),
    "owner_email": F("owner__email"),
    "lead_trust_name": F("lead_trust__short_name"),
}


User = get_user_model()
STATUSES = dict(ActionItem.Status.choices)
STRANDS = dict(Objective.Strand.choices)


def _row(item, today, cutoff, address) -> dict:
    """What one row of the list shows, worked out once in Python: a page has
    50 rows, and template lookups, filters and tags cost far more per row."""
    quiet = item.quiet_since(today, cutoff)
    return {
        "ref": item.ref,
        "url": address(item.pk),
        "action": shortened(markdown_to_text(item.action), 120),
        "strand": STRANDS.get(item.strand, item.strand),
        "owner": User.name_or_email(item.owner_name, item.owner_email),
        "lead_trust": item.lead_trust_name or "–",
        "due": short_date(item.due_date),
        "overdue": item.is_overdue(today),
        "status": STATUSES.get(item.status, item.status),
        "last_update": short_date(item.last_update_on),
        "rag": rag_tag(item.current_rag),
        "quiet_since": long_date(quiet) if quiet else "",
    }


def _list(request, *, mine: bool):
    weeks = actions_cache.stale_weeks()
    today = timezone.localdate()
    cutoff = stale_cutoff(today, weeks)
    filterset = ActionFilter(
        request.GET or None, user=request.user, mine=mine, cutoff=cutoff
    )
    items, plan = filterset.qs, filterset.plan
    items = items.select_related(None).only(*ROW_FIELDS).annotate(**ROW_RELATED)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    address = address_by_pk("network:action-detail")
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "network/actionitem_list.html",
        {
            "filter": filterset,
            "form": filterset.form,
            "plan": plan,
            "page": page,
            "rows": [_row(item, today, cutoff, address) for item in page],
            "summary": actions_cache.rag_summary(plan, today, cutoff) if plan else [],
            "rag_order": RAG_ORDER,
            "mine": mine,
            "query": query.urlencode(),
            "stale_weeks": weeks,
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
    filterset = ActionFilter(request.GET or None, user=request.user)
    items, plan = filterset.qs, filterset.plan
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
    items = ActionFilter(request.GET or None, user=request.user).qs
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
