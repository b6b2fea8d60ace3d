"""ImROC four-phase readiness: reference checklist items and each trust's status."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class Phase(models.TextChoices):
    PREPARATION = "preparation", "Preparation"
    RECRUITMENT = "recruitment", "Recruitment"
    EMPLOYMENT = "employment", "Employment"
    ONGOING_DEVELOPMENT = "ongoing_development", "Ongoing development"


class ImplementationChecklistItem(models.Model):
    """Reference data (workforce/reference.py); coordinators may reword it."""

    Phase = Phase

    class Area(models.TextChoices):
        ORGANISATION = "organisation", "Organisation"
        TEAMS = "teams", "Teams"
        PEERS = "peers", "Peers"
        NONE = "n/a", "Not applicable"

    code = models.CharField(max_length=10, unique=True)
    phase = models.CharField(max_length=30, choices=Phase)
    area = models.CharField(max_length=20, choices=Area, default=Area.NONE)
    title = models.CharField(max_length=300)
    guidance = models.TextField(blank=True)
    source_tag = models.CharField(max_length=60, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class TrustChecklistStatus(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        IN_PLACE = "in_place", "In place"
        NOT_APPLICABLE = "not_applicable", "Not applicable"

    trust = models.ForeignKey(
        "network.MemberTrust", on_delete=models.CASCADE, related_name="checklist"
    )
    item = models.ForeignKey(
        ImplementationChecklistItem, on_delete=models.CASCADE, related_name="statuses"
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.NOT_STARTED)
    evidence_note = models.TextField(blank=True)
    evidence_url = models.URLField("evidence link", blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["item__order", "item__code"]
        verbose_name_plural = "trust checklist statuses"
        constraints = [
            models.UniqueConstraint(
                fields=["trust", "item"], name="workforce_trustcheckliststatus_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.trust}: {self.item.code} {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("workforce:readiness", args=[self.trust_id])
