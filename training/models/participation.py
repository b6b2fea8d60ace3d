"""Bookings through this site and self-reported interest."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from training.models.opportunity import TrainingOpportunity


class TrainingBooking(models.Model):
    """A place booked through this site, or a place on the waiting list."""

    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        WAITLISTED = "waitlisted", "On the waiting list"
        OFFERED = "offered", "Place offered"
        CANCELLED = "cancelled", "Cancelled"
        OFFER_EXPIRED = "offer_expired", "Offer expired"
        ATTENDED = "attended", "Attended"
        COMPLETED = "completed", "Completed"
        DID_NOT_ATTEND = "did_not_attend", "Did not attend"

    # Statuses that hold a place (an open offer holds it for the person offered).
    HOLDS_PLACE = (Status.BOOKED, Status.OFFERED, Status.ATTENDED, Status.COMPLETED)
    ACTIVE = (*HOLDS_PLACE, Status.WAITLISTED, Status.DID_NOT_ATTEND)

    opportunity = models.ForeignKey(
        TrainingOpportunity, on_delete=models.CASCADE, related_name="bookings"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_bookings",
    )
    status = models.CharField(max_length=20, choices=Status)
    created_at = models.DateTimeField(default=timezone.now)
    # Waiting-list order: the time someone joined it.
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "user"],
                condition=Q(
                    status__in=[
                        "booked",
                        "waitlisted",
                        "offered",
                        "attended",
                        "completed",
                        "did_not_attend",
                    ]
                ),
                name="training_trainingbooking_one_active_per_user",
            ),
            models.CheckConstraint(
                name="training_trainingbooking_offer_has_expiry",
                condition=~Q(status="offered") | Q(offer_expires_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.opportunity} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("training:my-training")

    @property
    def holds_place(self) -> bool:
        return self.status in self.HOLDS_PLACE


class TrainingInterest(models.Model):
    """Self-reported interest in one opportunity, or in a category before dates exist."""

    class Status(models.TextChoices):
        INTERESTED = "interested", "Interested"
        BOOKED_EXTERNALLY = "booked_externally", "Booked with the provider"
        ATTENDED = "attended", "Attended"
        WITHDRAWN = "withdrawn", "Withdrawn"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_interests",
    )
    opportunity = models.ForeignKey(
        TrainingOpportunity,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="interests",
    )
    category = models.CharField(max_length=30, choices=TrainingOpportunity.Category)
    created_at = models.DateTimeField(default=timezone.now)
    wants_reminders = models.BooleanField("email me about this", default=True)
    status = models.CharField(max_length=20, choices=Status, default=Status.INTERESTED)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "opportunity"],
                condition=Q(opportunity__isnull=False),
                name="training_traininginterest_one_per_opportunity",
            ),
            models.UniqueConstraint(
                fields=["user", "category"],
                condition=Q(opportunity__isnull=True),
                name="training_traininginterest_one_per_category",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.opportunity or self.get_category_display()}"

    def get_absolute_url(self) -> str:
        if self.opportunity_id:
            return self.opportunity.get_absolute_url()
        return reverse("training:my-training")
