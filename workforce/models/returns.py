"""The quarterly 'confirm your data' return: a trust signs off a frozen snapshot."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from core.models import TimeStampedModel


class WorkforceReturn(TimeStampedModel):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        SUBMITTED = "submitted", "Submitted"
        CONFIRMED = "confirmed", "Confirmed"
        RETURNED = "returned", "Returned for correction"

    TRANSITIONS = {
        Status.OPEN: (Status.SUBMITTED,),
        # A coordinator may re-open any return that has left "open".
        Status.SUBMITTED: (Status.CONFIRMED, Status.RETURNED, Status.OPEN),
        Status.RETURNED: (Status.SUBMITTED, Status.OPEN),
        Status.CONFIRMED: (Status.OPEN,),
    }

    trust = models.ForeignKey(
        "network.MemberTrust", on_delete=models.CASCADE, related_name="returns"
    )
    period = models.CharField(max_length=7, help_text='For example "2025-Q1".')
    snapshot_date = models.DateField()
    due_date = models.DateField()
    status = models.CharField(max_length=20, choices=Status, default=Status.OPEN)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    returned_reason = models.TextField(blank=True)
    snapshot_json = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-snapshot_date", "trust__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["trust", "period"], name="workforce_workforcereturn_unique"
            ),
            models.CheckConstraint(
                name="workforce_workforcereturn_returned_has_reason",
                condition=~Q(status="returned") | ~Q(returned_reason=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trust} {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("workforce:return-detail", args=[self.pk])

    def can_become(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.Status(self.status)]
