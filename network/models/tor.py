"""Terms of reference: versioned, at most one approved at a time."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from core.dates import add_months
from core.models import TimeStampedModel


class TermsOfReferenceQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=TermsOfReference.Status.APPROVED)

    def in_force(self, on: date):
        """The ToR that governed meetings on `on`: approved, or superseded later."""
        return (
            self.filter(
                status__in=[
                    TermsOfReference.Status.APPROVED,
                    TermsOfReference.Status.SUPERSEDED,
                ],
                effective_from__lte=on,
            )
            .order_by("-effective_from", "-pk")
            .first()
        )


class TermsOfReference(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"
        SUPERSEDED = "superseded", "Superseded"

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        BIMONTHLY = "bimonthly", "Every two months"
        QUARTERLY = "quarterly", "Quarterly"
        SIX_MONTHLY = "six_monthly", "Every six months"

    # Approval and superseding happen through services (they touch two rows).
    TRANSITIONS = {
        Status.DRAFT: {Status.APPROVED},
        Status.APPROVED: {Status.SUPERSEDED},
        Status.SUPERSEDED: set(),
    }
    REVIEW_MONTHS = 12
    # The structured text fields, in reading order, for display and the diff.
    TEXT_FIELDS = [
        "purpose",
        "objectives",
        "membership",
        "chair_arrangements",
        "decision_making",
        "reporting_to",
    ]

    version = models.CharField(max_length=10, unique=True, help_text="e.g. 2.0")
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    purpose = models.TextField(help_text="Markdown.")
    objectives = models.TextField(help_text="Markdown.")
    membership = models.TextField(help_text="Markdown.")
    chair_arrangements = models.TextField(help_text="Markdown.")
    chair_term_months = models.PositiveSmallIntegerField(null=True, blank=True)
    meeting_frequency = models.CharField(
        max_length=20, choices=Frequency, default=Frequency.QUARTERLY
    )
    quorum_min_trusts = models.PositiveSmallIntegerField(
        "minimum member trusts present", default=3
    )
    quorum_min_trust_percent = models.PositiveSmallIntegerField(
        "minimum share of full member trusts present (%)",
        null=True,
        blank=True,
        help_text="e.g. 50 for 'at least half'. The larger of this and the minimum "
        "number applies.",
    )
    quorum_requires_chair = models.BooleanField(
        "chair or co-chair must be present", default=True
    )
    quorum_min_lived_experience = models.PositiveSmallIntegerField(
        "minimum lived-experience members present", default=1
    )
    decision_making = models.TextField(help_text="Markdown.")
    reporting_to = models.CharField(max_length=200, blank=True)
    approved_at = models.ForeignKey(
        "network.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tor_versions_approved",
        verbose_name="approving meeting",
    )
    effective_from = models.DateField(null=True, blank=True)
    review_due = models.DateField(
        null=True, blank=True, help_text="Defaults to 12 months after it takes effect."
    )
    review_overdue = models.BooleanField(
        default=False,
        editable=False,
        help_text="Set by the nightly date rules when the review date has come.",
    )
    last_reviewed_on = models.DateField(
        null=True, blank=True, help_text="When a review confirmed it unchanged."
    )
    supersedes = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
    )
    change_summary = models.TextField(blank=True, help_text="What changed and why.")

    objects = TermsOfReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_from", "-pk"]
        verbose_name = "terms of reference"
        verbose_name_plural = "terms of reference"
        constraints = [
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(status="approved"),
                name="network_termsofreference_one_approved",
            ),
            models.CheckConstraint(
                name="network_termsofreference_approved_has_meeting",
                condition=~Q(status__in=["approved", "superseded"])
                | Q(approved_at__isnull=False, effective_from__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"Terms of reference v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("network:tor-detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.status == self.Status.APPROVED:
            if not self.approved_at_id:
                errors["approved_at"] = "Choose the meeting that approved this version"
            if not self.effective_from:
                errors["effective_from"] = "Enter the date this version takes effect"
            clash = TermsOfReference.objects.approved().exclude(pk=self.pk)
            if clash.exists():
                errors["status"] = (
                    f"Version {clash.first().version} is already approved; approve "
                    "this one through 'Approve' so the old one is superseded"
                )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.effective_from and not self.review_due:
            self.review_due = add_months(self.effective_from, self.REVIEW_MONTHS)
        super().save(*args, **kwargs)

    def can_transition(self, to: str) -> bool:
        return to in self.TRANSITIONS.get(self.status, set())

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    def is_review_overdue(self, today: date) -> bool:
        """Approved and the review date has come: shown as "Due for review"."""
        return bool(
            self.status == self.Status.APPROVED
            and self.review_due
            and today >= self.review_due
        )

    def trusts_required(self) -> int:
        from network.models.meetings import quorum_trusts_from_percent
        from network.models.trusts import MemberTrust

        required = self.quorum_min_trusts
        if self.quorum_min_trust_percent:
            full = MemberTrust.objects.current().filter(
                membership_type=MemberTrust.MembershipType.FULL
            )
            required = max(
                required,
                quorum_trusts_from_percent(self.quorum_min_trust_percent, full.count()),
            )
        return required
