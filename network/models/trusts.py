from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from core.models import TimeStampedModel


class ICB(models.TextChoices):
    CHESHIRE_MERSEYSIDE = "cheshire_merseyside", "Cheshire and Merseyside"
    GREATER_MANCHESTER = "greater_manchester", "Greater Manchester"
    LANCASHIRE_SOUTH_CUMBRIA = (
        "lancashire_south_cumbria",
        "Lancashire and South Cumbria",
    )
    NE_NORTH_CUMBRIA = "ne_north_cumbria", "North East and North Cumbria"
    OTHER = "other", "Other"


class MemberTrustQuerySet(models.QuerySet):
    def current(self):
        return self.filter(status=MemberTrust.Status.ACTIVE)

    def historic(self):
        return self.exclude(status=MemberTrust.Status.ACTIVE)


class MemberTrust(TimeStampedModel):
    """An NHS provider trust (or associate) that belongs, or belonged, to the network."""

    class MembershipType(models.TextChoices):
        FULL = "full", "Full member"
        ASSOCIATE = "associate", "Associate member"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        LEFT = "left", "Left the network"
        MERGED = "merged", "Merged"
        DISSOLVED = "dissolved", "Dissolved"

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=40)
    ods_code = models.CharField("ODS code", max_length=5, blank=True)
    icb = models.CharField("ICB", max_length=30, choices=ICB)
    membership_type = models.CharField(
        max_length=20, choices=MembershipType, default=MembershipType.FULL
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.ACTIVE)
    joined_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    successors = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="predecessors"
    )
    website = models.URLField(blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=30, blank=True)
    address = models.TextField(blank=True)
    footprint = models.CharField(
        max_length=300,
        blank=True,
        help_text="Main places the trust's mental health services cover.",
    )
    notes = models.TextField(blank=True)

    objects = MemberTrustQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["ods_code"],
                condition=~Q(ods_code=""),
                name="network_membertrust_unique_ods_code",
            ),
            models.CheckConstraint(
                name="network_membertrust_ended_when_not_active",
                condition=Q(status="active") | Q(ended_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("network:trust-detail", args=[self.pk])

    def clean(self):
        if self.status != self.Status.ACTIVE and not self.ended_on:
            raise ValidationError(
                {"ended_on": "Enter the date the trust left, merged or closed"}
            )
        if self.ended_on and self.joined_on and self.ended_on < self.joined_on:
            raise ValidationError(
                {"ended_on": "The end date must be after the date it joined"}
            )

    @property
    def is_current(self) -> bool:
        return self.status == self.Status.ACTIVE


class TrustNameHistory(models.Model):
    """A former name, so historic reports show the name used at the time."""

    trust = models.ForeignKey(
        MemberTrust, on_delete=models.CASCADE, related_name="former_names"
    )
    name = models.CharField(max_length=200)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField()

    class Meta:
        ordering = ["valid_to"]
        verbose_name_plural = "trust name history"

    def __str__(self) -> str:
        return f"{self.name} (until {self.valid_to:%B %Y})"


class Milestone(models.Model):
    """A step in the network's story, shown on the public home page."""

    order = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=200)
    happened_on = models.DateField(null=True, blank=True)
    date_label = models.CharField(
        max_length=40, blank=True, help_text="Shown when the exact date is not known."
    )
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.title
