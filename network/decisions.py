"""The decision register: every minuted decision (an agenda item's "discussion
and decision") with the actions it created, their status and outcome.

Who sees what follows the minutes: coordinators and trust leads read draft and
approved minutes; other members approved ones; visitors the approved minutes of
public meetings, without the actions (the action plan is for members)."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.db.models.functions import ExtractYear

from core.roles import is_coordinator, is_trust_lead
from network import permissions
from network.filters import DecisionFilter
from network.models import ActionItem, AgendaItem


def decisions_visible_to(user) -> QuerySet:
    items = AgendaItem.objects.exclude(minutes="").filter(
        meeting__in=permissions.meetings_visible_to(user)
    )
    if is_coordinator(user) or is_trust_lead(user):
        return items.exclude(meeting__minutes_status="none")
    return items.filter(meeting__minutes_status="approved")


@dataclass
class Register:
    filter: DecisionFilter
    decisions: QuerySet
    show_actions: bool


def decision_register(user, params) -> Register:
    visible = decisions_visible_to(user)
    years = sorted(
        {
            y
            for y in visible.annotate(y=ExtractYear("meeting__starts_at")).values_list(
                "y", flat=True
            )
        },
        reverse=True,
    )
    filterset = DecisionFilter(params or None, queryset=visible, years=years)
    decisions = filterset.qs
    show_actions = bool(user.is_authenticated)
    actions = permissions.actions_visible_to(user).select_related("objective", "owner")
    decisions = decisions.select_related("meeting", "meeting__series").prefetch_related(
        Prefetch("actions_arising", queryset=actions.order_by("ref"))
    )
    return Register(
        filterset, decisions.order_by("-meeting__starts_at", "order"), show_actions
    )


def outcome(action: ActionItem) -> str:
    """What became of an action, in words."""
    if action.status == ActionItem.Status.COMPLETED and action.completed_on:
        return f"Completed on {action.completed_on:%-d %B %Y}"
    if action.status == ActionItem.Status.CANCELLED:
        return f"Cancelled: {action.cancel_reason}"
    if action.status == ActionItem.Status.DEFERRED:
        return f"Deferred to {action.due_date:%-d %B %Y}"
    return f"Due {action.due_date:%-d %B %Y}"
