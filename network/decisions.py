"""The decision register: every minuted decision (an agenda item's "discussion
and decision") with the actions it created, their status and outcome.

Who sees what follows the minutes: coordinators and trust leads read draft and
approved minutes; other members approved ones; visitors the approved minutes of
public meetings, without the actions (the action plan is for members)."""

from dataclasses import dataclass

from django import forms
from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import ExtractYear

from core.forms import NHSForm
from core.roles import is_coordinator, is_trust_lead
from network import permissions
from network.models import ActionItem, AgendaItem, MeetingSeries, Objective


def decisions_visible_to(user) -> QuerySet:
    items = AgendaItem.objects.exclude(minutes="").filter(
        meeting__in=permissions.meetings_visible_to(user)
    )
    if is_coordinator(user) or is_trust_lead(user):
        return items.exclude(meeting__minutes_status="none")
    return items.filter(meeting__minutes_status="approved")


class DecisionFilterForm(NHSForm):
    q = forms.CharField(label="Search decisions", required=False, max_length=100)
    series = forms.ModelChoiceField(
        queryset=MeetingSeries.objects.all(),
        required=False,
        empty_label="All series",
        label="Meeting series",
    )
    year = forms.TypedChoiceField(
        coerce=int, required=False, empty_value=None, label="Year"
    )
    strand = forms.ChoiceField(required=False, label="Action plan strand")

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "All years")] + [(y, y) for y in years]
        self.fields["strand"].choices = [("", "All strands"), *Objective.Strand.choices]


@dataclass
class Register:
    form: DecisionFilterForm
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
    form = DecisionFilterForm(params or None, years=years)
    data = form.cleaned_data if form.is_valid() else {}
    decisions = visible
    if data.get("q"):
        text = data["q"]
        decisions = decisions.filter(
            Q(title__icontains=text) | Q(minutes__icontains=text)
        )
    if data.get("series"):
        decisions = decisions.filter(meeting__series=data["series"])
    if data.get("year"):
        decisions = decisions.filter(meeting__starts_at__year=data["year"])
    show_actions = bool(user.is_authenticated)
    if data.get("strand"):
        decisions = decisions.filter(
            actions_arising__objective__strand=data["strand"]
        ).distinct()
    actions = permissions.actions_visible_to(user).select_related("objective", "owner")
    decisions = decisions.select_related("meeting", "meeting__series").prefetch_related(
        Prefetch("actions_arising", queryset=actions.order_by("ref"))
    )
    return Register(
        form, decisions.order_by("-meeting__starts_at", "order"), show_actions
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
