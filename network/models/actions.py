"""The action plan: plans -> objectives (strands) -> action items -> progress updates."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    Case,
    CharField,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils import timezone

from core import leadtimes
from core.models import TimeStampedModel


def stale_cutoff(today: date, weeks: int | None = None) -> date:
    """An open action whose last update is before this date has gone quiet."""
    if weeks is None:
        weeks = leadtimes.stale_weeks()
    return today - timedelta(weeks=weeks)


class ActionPlan(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ACTIVE = "active", "Active"
        CLOSED = "closed", "Closed"

    TRANSITIONS = {
        Status.DRAFT: {Status.ACTIVE},
        Status.ACTIVE: {Status.CLOSED},
        Status.CLOSED: set(),
    }

    title = models.CharField(max_length=200)
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    approved_at = models.ForeignKey(
        "network.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_plans_approved",
        verbose_name="approving meeting",
    )
    description = models.TextField(blank=True, help_text="Markdown.")

    class Meta:
        ordering = ["-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(status="active"),
                name="network_actionplan_one_active",
            ),
            models.CheckConstraint(
                name="network_actionplan_period_ordered",
                condition=Q(period_end__gte=F("period_start")),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("network:plan-detail", args=[self.pk])

    def clean(self):
        errors = {}
        if (
            self.period_start
            and self.period_end
            and self.period_end < self.period_start
        ):
            errors["period_end"] = "The end of the period must be after its start"
        if self.status == self.Status.ACTIVE and not self.approved_at_id:
            errors["approved_at"] = "Choose the meeting that approved the plan"
        if errors:
            raise ValidationError(errors)


class Objective(models.Model):
    class Strand(models.TextChoices):
        NETWORK = "network", "Network"
        ACTION_PLAN = "action_plan", "Action plan"
        TERMS_OF_REFERENCE = "terms_of_reference", "Terms of reference"
        STANDARDS = "standards", "Standards"
        TRAINING_DEVELOPMENT = "training_development", "Training and development"
        WORKFORCE_GROWTH = "workforce_growth", "Workforce growth"

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="objectives"
    )
    ref = models.CharField(max_length=5)
    title = models.CharField(max_length=200)
    strand = models.CharField(max_length=30, choices=Strand)

    class Meta:
        ordering = ["plan", "ref"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "ref"], name="network_objective_unique_ref_in_plan"
            )
        ]

    def __str__(self) -> str:
        return f"{self.ref}. {self.title}"


class ActionItemQuerySet(models.QuerySet):
    """Open and overdue are defined once, by `ActionItem.open_q`/`overdue_q`."""

    def open(self):
        return self.filter(ActionItem.open_q())

    def overdue(self, today: date):
        return self.filter(ActionItem.overdue_q(today))

    def with_last_update(self):
        """Annotate `last_update_on`: the date of the latest progress update, or
        the day the action was added when it has none."""
        if "last_update_on" in self.query.annotations:
            return self
        latest = (
            ActionUpdate.objects.filter(item=OuterRef("pk"))
            .order_by("-date")
            .values("date")[:1]
        )
        return self.annotate(
            last_update_on=Coalesce(Subquery(latest), TruncDate("created_at"))
        )

    def stale(self, cutoff: date):
        """Open actions with no progress update since before `cutoff`."""
        return self.open().with_last_update().filter(last_update_on__lt=cutoff)

    def with_current_rag(self, today: date, cutoff: date | None = None):
        """Annotate `current_rag`: red when open and past due (unless a reason
        overrides it), at least amber when it has gone quiet (no update since
        `cutoff`), so pages agree with the rule even before the nightly run."""
        cutoff = cutoff or stale_cutoff(today)
        forced_red = ActionItem.overdue_q(today) & Q(rag_overridden_reason="")
        quiet = ActionItem.open_q() & Q(last_update_on__lt=cutoff) & ~Q(rag="red")
        return self.with_last_update().annotate(
            current_rag=Case(
                When(forced_red, then=Value("red")),
                When(quiet, then=Value("amber")),
                default=F("rag"),
                output_field=CharField(),
            )
        )


class ActionItem(TimeStampedModel):
    """One action. RAG rules (docs/rules.md): completed -> blue; deferred or
    cancelled -> n/a; open and past due -> red (forced by apply_date_rules)."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"
        DEFERRED = "deferred", "Deferred"
        CANCELLED = "cancelled", "Cancelled"

    class Rag(models.TextChoices):
        BLUE = "blue", "Blue: complete"
        GREEN = "green", "Green: on track"
        AMBER = "amber", "Amber: at risk"
        RED = "red", "Red: off track"
        NA = "na", "Not applicable"

    class ImrocPhase(models.TextChoices):
        PREPARATION = "preparation", "Preparation"
        RECRUITMENT = "recruitment", "Recruitment"
        EMPLOYMENT = "employment", "Employment"
        ONGOING_DEVELOPMENT = "ongoing_development", "Ongoing development"

    TRANSITIONS = {
        Status.NOT_STARTED: {Status.IN_PROGRESS, Status.DEFERRED, Status.CANCELLED},
        Status.IN_PROGRESS: {Status.COMPLETED, Status.DEFERRED, Status.CANCELLED},
        Status.DEFERRED: {Status.IN_PROGRESS, Status.CANCELLED},
        Status.COMPLETED: set(),
        Status.CANCELLED: set(),
    }
    OPEN_STATUSES = {Status.NOT_STARTED, Status.IN_PROGRESS}
    AMBER_WARNING_DAYS = 14

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="items", editable=False
    )
    objective = models.ForeignKey(
        Objective, on_delete=models.PROTECT, related_name="items"
    )
    ref = models.CharField(max_length=8, help_text="e.g. 3.2, unique within the plan")
    action = models.TextField(help_text="What will be done. Markdown.")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="actions_owned"
    )
    lead_trust = models.ForeignKey(
        "network.MemberTrust",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions_led",
    )
    imroc_phase = models.CharField(
        "ImROC phase", max_length=20, choices=ImrocPhase, blank=True
    )
    start_date = models.DateField(null=True, blank=True)
    due_date = models.DateField()
    original_due_date = models.DateField(editable=False)
    status = models.CharField(max_length=20, choices=Status, default=Status.NOT_STARTED)
    rag = models.CharField("RAG", max_length=5, choices=Rag, default=Rag.NA)
    rag_overridden_reason = models.TextField(blank=True)
    completed_on = models.DateField(null=True, blank=True)
    evidence_url = models.URLField("link to evidence", blank=True)
    cancel_reason = models.TextField(blank=True)
    source_meeting = models.ForeignKey(
        "network.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions_arising",
        help_text="The meeting where this action was decided.",
    )
    source_agenda_item = models.ForeignKey(
        "network.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions_arising",
    )
    # Optimistic lock: a save must quote the version it read (see services).
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "objective__ref", "ref"]
        indexes = [models.Index(fields=["status", "due_date"])]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "ref"], name="network_actionitem_unique_ref_in_plan"
            ),
            models.CheckConstraint(
                name="network_actionitem_completed_is_blue",
                condition=~Q(status="completed")
                | Q(rag="blue", completed_on__isnull=False),
            ),
            models.CheckConstraint(
                name="network_actionitem_cancelled_has_reason",
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""),
            ),
            models.CheckConstraint(
                name="network_actionitem_start_before_due",
                condition=Q(start_date__isnull=True) | Q(start_date__lte=F("due_date")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ref} {self.action[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("network:action-detail", args=[self.pk])

    def save(self, *args, **kwargs):
        if self.objective_id and not self.plan_id:
            self.plan_id = self.objective.plan_id
        if not self.original_due_date:
            self.original_due_date = self.due_date
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.objective_id and self.due_date:
            plan = self.objective.plan
            if self.due_date < plan.period_start:
                errors["due_date"] = (
                    f"The due date must be on or after the plan starts "
                    f"({plan.period_start:%-d %B %Y})"
                )
        if self.start_date and self.due_date and self.start_date > self.due_date:
            errors["start_date"] = "The start date must be on or before the due date"
        if errors:
            raise ValidationError(errors)

    @classmethod
    def open_q(cls) -> Q:
        """Open: not started or in progress (the filter behind `is_open`)."""
        return Q(status__in=cls.OPEN_STATUSES)

    @classmethod
    def overdue_q(cls, today: date) -> Q:
        """Open and past its due date (the filter behind `is_overdue`); usable
        in counts as well as filters."""
        return cls.open_q() & Q(due_date__lt=today)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def is_overdue(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_date < today

    @property
    def overdue(self) -> bool:
        return self.is_overdue()

    @property
    def slippage_days(self) -> int:
        return (self.due_date - self.original_due_date).days

    def can_transition(self, to: str) -> bool:
        return to == self.status or to in self.TRANSITIONS.get(self.status, set())

    def forced_rag(self, today: date) -> str | None:
        """The RAG the rules force, or None when the owner chooses (green/amber)."""
        if self.status == self.Status.COMPLETED:
            return self.Rag.BLUE
        if self.status in (self.Status.DEFERRED, self.Status.CANCELLED):
            return self.Rag.NA
        if self.due_date < today:
            return self.Rag.RED
        return None

    def last_update_date(self) -> date:
        """The latest progress update's date, or the day the action was added."""
        annotated = getattr(self, "last_update_on", None)
        if annotated:
            return annotated
        latest = self.updates.values_list("date", flat=True).first()
        return latest or timezone.localtime(self.created_at).date()

    def quiet_since(self, today: date, cutoff: date | None = None) -> date | None:
        """The last update's date when an open action has gone quiet, else None."""
        if not self.is_open:
            return None
        last = self.last_update_date()
        return last if last < (cutoff or stale_cutoff(today)) else None

    def current_rag(self, today: date, cutoff: date | None = None) -> str:
        """What pages show: the forced RAG, unless a reason overrides the red;
        at least amber once the action has gone quiet."""
        forced = self.forced_rag(today)
        if forced == self.Rag.RED and self.rag_overridden_reason:
            forced = None
        rag = forced or self.rag
        if rag != self.Rag.RED and self.quiet_since(today, cutoff):
            return self.Rag.AMBER
        return rag

    def rag_reason(self, today: date, cutoff: date | None = None) -> str:
        """Why the item shows the RAG it does, in words (the "why red?" panel)."""
        if self.status == self.Status.COMPLETED:
            return "Blue because the action is complete."
        if self.status in (self.Status.DEFERRED, self.Status.CANCELLED):
            return f"Not applicable because the action is {self.get_status_display().lower()}."
        if self.is_overdue(today):
            days = (today - self.due_date).days
            if self.rag_overridden_reason:
                return (
                    f"Overdue by {days} day{'s' if days != 1 else ''}, but not red "
                    f"because: {self.rag_overridden_reason}"
                )
            return (
                f"Red because it is {days} day{'s' if days != 1 else ''} past its due date. "
                "Complete it, or defer it with a new due date."
            )
        quiet = self.quiet_since(today, cutoff)
        if quiet and self.rag != self.Rag.RED:
            return (
                f"Amber: no update since {quiet:%-d %B %Y}. "
                "Record progress to show it is on track."
            )
        left = (self.due_date - today).days
        if self.status == self.Status.NOT_STARTED and left <= self.AMBER_WARNING_DAYS:
            return (
                f"Not started and due in {left} day{'s' if left != 1 else ''}: "
                "amber is suggested."
            )
        if not self.updates.exists():
            if self.rag == self.Rag.NA:
                return "No RAG status yet: the owner has not given an update."
            return (
                f"{self.get_rag_display()}, as set when the action was added. "
                "The owner has not given an update yet."
            )
        return f"{self.get_rag_display()}, as set by the owner in the last update."

    def suggested_rag(self, today: date) -> str:
        forced = self.forced_rag(today)
        if forced:
            return forced
        close = (self.due_date - today).days <= self.AMBER_WARNING_DAYS
        if self.status == self.Status.NOT_STARTED and close:
            return self.Rag.AMBER
        return (
            self.rag if self.rag in (self.Rag.GREEN, self.Rag.AMBER) else self.Rag.GREEN
        )


class ActionUpdate(models.Model):
    """A dated progress note; together they are the item's history."""

    item = models.ForeignKey(
        ActionItem, on_delete=models.CASCADE, related_name="updates"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(default=timezone.localdate)
    created_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(help_text="Markdown.")
    status_at_time = models.CharField(max_length=20, choices=ActionItem.Status)
    rag_at_time = models.CharField(max_length=5, choices=ActionItem.Rag)
    due_date_at_time = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-date", "-created_at"]

    def __str__(self) -> str:
        return f"{self.item.ref} update {self.date}"
