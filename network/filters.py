"""The network's list filters, shared by the pages and the API."""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils import timezone

from core.filters import CheckboxFilter, FilterSet
from network import actions_cache
from network.models import (
    ICB,
    ActionItem,
    ActionPlan,
    MeetingSeries,
    MemberTrust,
    Objective,
)
from network.models.actions import stale_cutoff
from network.permissions import actions_visible_to
from network.queries import RAG_ORDER

RAG_RANK = Case(
    *[When(current_rag=r, then=Value(i)) for i, r in enumerate(RAG_ORDER)],
    output_field=IntegerField(),
)


class TrustFilter(FilterSet):
    all_or_nothing = True  # one bad value shows every trust, as it always has

    icb = django_filters.ChoiceFilter(
        label="ICB", choices=ICB.choices, empty_label="All ICBs"
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=MemberTrust.Status.choices, empty_label="All statuses"
    )


class ActionFilter(FilterSet):
    """The action list's filters (drawn by hand in the filter panel) over the
    plan asked for, else the active plan; `plan` is the plan shown once `qs`
    has been read. A bad value shows the whole plan in reference order."""

    all_or_nothing = True

    SORTS = [
        ("ref", "Reference"),
        ("due", "Due date (soonest first)"),
        ("rag", "RAG (red first)"),
        ("owner", "Owner"),
        ("updated", "Last update (oldest first)"),
    ]
    ORDER = {
        "ref": ["objective__ref", "ref"],
        "due": ["due_date", "ref"],
        "owner": ["owner__full_name", "due_date"],
        "rag": ["rag_rank", "due_date"],
        "updated": ["last_update_on", "ref"],
    }
    # Chosen before the other filters (plan) or after them (sort), in `qs`.
    plan = django_filters.ModelChoiceFilter(
        label="Plan",
        queryset=ActionPlan.objects.only("title"),  # the pages show only its title
        empty_label="Active plan",
        method="applied_in_qs",
    )
    strand = django_filters.ChoiceFilter(
        label="Strand",
        field_name="objective__strand",
        choices=Objective.Strand.choices,
        empty_label="All strands",
    )
    owner = django_filters.ModelChoiceFilter(
        label="Owner", queryset=get_user_model().objects.none(), empty_label="Anyone"
    )
    # Only the column each choice shows (its __str__): the choices are read on
    # every request, and a trust row is mostly addresses and notes.
    lead_trust = django_filters.ModelChoiceFilter(
        label="Lead trust",
        queryset=MemberTrust.objects.only("name"),
        empty_label="Any trust",
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=ActionItem.Status.choices, empty_label="Any status"
    )
    rag = django_filters.ChoiceFilter(
        label="RAG",
        field_name="current_rag",
        choices=ActionItem.Rag.choices,
        empty_label="Any RAG",
    )
    overdue = CheckboxFilter(label="Overdue only", method="filter_overdue")
    stale = CheckboxFilter(label="Gone quiet only", method="filter_stale")
    sort = django_filters.ChoiceFilter(
        label="Sort", choices=SORTS, empty_label=None, method="applied_in_qs"
    )

    def __init__(self, data=None, *, user, mine=False, cutoff=None, **kwargs):
        """`cutoff` is the stale cutoff when the caller has read it already."""
        super().__init__(data, queryset=actions_visible_to(user), **kwargs)
        self.user, self.mine = user, mine
        self.today = timezone.localdate()
        self.cutoff = cutoff or stale_cutoff(self.today, actions_cache.stale_weeks())
        self.plan = None
        fields = self.form.fields
        fields["owner"].queryset = self._owners_in_plan_shown()
        for name, field in fields.items():
            checkbox = name in ("overdue", "stale")
            field.widget.attrs["class"] = (
                "nhsuk-checkboxes__input" if checkbox else "nhsuk-select"
            )

    def _owners_in_plan_shown(self):
        """People owning an action in the plan asked for (else the active plan).

        A semi-join on that plan's items: a DISTINCT over every plan's items took
        100 ms at 10x data and listed owners with nothing in the plan shown."""
        plan = str(self.data.get("plan") or "")
        in_plan = {"plan_id": plan} if plan.isdigit() else {"plan__status": "active"}
        owns = ActionItem.objects.filter(owner=OuterRef("pk"), **in_plan)
        people = get_user_model().objects.filter(Exists(owns))
        return people.only("full_name", "email")  # all that a choice shows

    @property
    def qs(self):
        """Nothing evaluated yet; a fixed number of queries whatever the number
        of items (tests/network/test_action_queries.py)."""
        if not hasattr(self, "_qs"):
            valid = self.is_bound and self.form.is_valid()
            data = self.form.cleaned_data if valid else {}
            active = ActionPlan.objects.filter(status="active")
            self.plan = data.get("plan") or active.first()
            items = (
                self.queryset.filter(plan=self.plan)
                .with_current_rag(self.today, self.cutoff)
                .select_related("objective", "owner", "lead_trust")
            )
            if self.mine:
                items = items.filter(owner=self.user)
            if valid:
                items = self.filter_queryset(items)
            sort = data.get("sort") or "ref"
            if sort == "rag":
                # Only when sorting by it: the rank repeats the RAG rule's CASE
                # in the SQL, which doubles the time Django takes to build it.
                items = items.annotate(rag_rank=RAG_RANK)
            self._qs = items.order_by(*self.ORDER[sort])
        return self._qs

    def applied_in_qs(self, items, name, value):
        return items

    def filter_overdue(self, items, name, value):
        return items.overdue(self.today) if value else items

    def filter_stale(self, items, name, value):
        return items.stale(self.cutoff) if value else items


class DecisionFilter(FilterSet):
    """The decision register's filters; a bad value shows every decision."""

    all_or_nothing = True

    q = django_filters.CharFilter(
        label="Search decisions", max_length=100, method="filter_q"
    )
    series = django_filters.ModelChoiceFilter(
        label="Meeting series",
        field_name="meeting__series",
        queryset=MeetingSeries.objects.all(),
        empty_label="All series",
    )
    year = django_filters.TypedChoiceFilter(
        label="Year",
        field_name="meeting__starts_at__year",
        coerce=int,
        empty_value=None,
    )
    strand = django_filters.ChoiceFilter(
        label="Action plan strand",
        choices=Objective.Strand.choices,
        empty_label="All strands",
        method="filter_strand",
    )

    def __init__(self, data=None, queryset=None, *, years=(), **kwargs):
        super().__init__(data, queryset, **kwargs)
        year_choices = [("", "All years")] + [(y, y) for y in years]
        self.form.fields["year"].choices = year_choices

    def filter_q(self, decisions, name, value):
        return decisions.filter(Q(title__icontains=value) | Q(minutes__icontains=value))

    def filter_strand(self, decisions, name, value):
        return decisions.filter(actions_arising__objective__strand=value).distinct()
