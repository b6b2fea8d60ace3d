"""Standards for PSW roles: the topic, its versions, consultation and adoption.

State machine of a version:

    draft ──open consultation──▶ consultation ──close──▶ draft (revise)
    draft | consultation ──approve at a quorate meeting──▶ approved
    approved ──(nightly: today ≥ review_date)──▶ due_for_review
    due_for_review ──confirm unchanged──▶ approved (review date moves on)
    approved, review within 60 days ──confirm unchanged──▶ approved (the same)
    approved | due_for_review ──a later version approved──▶ superseded
    draft ──a new version is started from it──▶ superseded
    any except superseded ──withdraw──▶ withdrawn
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from core.models import TimeStampedModel

DEFAULT_REVIEW_MONTHS = 24
DEFAULT_CONSULTATION_DAYS = 28
# A review can be recorded this many days before it falls due, so the
# coordinator can act on a review as soon as the work home lists it.
REVIEW_EARLY_DAYS = 60


class CompetenceDomain(models.Model):
    """A domain of the HEE PSW Competence Framework (2020)."""

    number = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=300)
    source_tag = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Standard(TimeStampedModel):
    """The topic: a stable identity across its versions."""

    class Area(models.TextChoices):
        ROLE_DEFINITION = "role_definition", "Role definition"
        VALUES_BASED_RECRUITMENT = (
            "values_based_recruitment",
            "Values-based recruitment",
        )
        PRE_EMPLOYMENT = "pre_employment", "Pre-employment (DBS and OH)"
        INDUCTION = "induction", "Induction"
        INITIAL_TRAINING = "initial_training", "Initial training"
        SUPERVISION = "supervision", "Supervision"
        WELLBEING_ADJUSTMENTS = (
            "wellbeing_adjustments",
            "Wellbeing and reasonable adjustments",
        )
        TEAM_PREPARATION = "team_preparation", "Team preparation"
        CAREER_PROGRESSION_BANDING = (
            "career_progression_banding",
            "Career progression and banding",
        )
        PEER_TRAINER_RECOVERY_COLLEGE = (
            "peer_trainer_recovery_college",
            "Peer trainers and Recovery Colleges",
        )
        DATA_EVALUATION = "data_evaluation", "Data and evaluation"

    class ImrocPhase(models.TextChoices):
        PREPARATION = "preparation", "Preparation"
        RECRUITMENT = "recruitment", "Recruitment"
        EMPLOYMENT = "employment", "Employment"
        ONGOING_DEVELOPMENT = "ongoing_development", "Ongoing development"

    code = models.CharField(max_length=10, unique=True, help_text="e.g. NWPSW-S03")
    title = models.CharField(max_length=200)
    area = models.CharField(max_length=40, choices=Area)
    imroc_phase = models.CharField(
        "ImROC phase", max_length=30, choices=ImrocPhase, blank=True
    )
    hee_domains = models.ManyToManyField(
        CompetenceDomain, blank=True, verbose_name="HEE competence domains"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    review_period_months = models.PositiveSmallIntegerField(
        default=DEFAULT_REVIEW_MONTHS,
        help_text="How long an approved version lasts before review.",
    )

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                name="standards_standard_review_period_positive",
                condition=Q(review_period_months__gte=1)
                & Q(review_period_months__lte=120),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("standards:standard-detail", args=[self.code])

    def current_version(self):
        """The approved (or due-for-review) version, if any."""
        return self.versions.filter(status__in=StandardVersion.CURRENT).first()

    def latest_version(self):
        return self.versions.order_by("-number").first()


class StandardVersionQuerySet(models.QuerySet):
    def current(self):
        return self.filter(status__in=StandardVersion.CURRENT)

    def due_for_review(self, *, on: date):
        return self.filter(status=StandardVersion.Status.APPROVED, review_date__lte=on)

    def published(self):
        """What the public may read: current versions, and ones that once were."""
        return self.filter(
            Q(status__in=StandardVersion.CURRENT)
            | Q(status=StandardVersion.Status.SUPERSEDED, approved_on__isnull=False)
        )


class StandardVersion(TimeStampedModel):
    """One version of a standard's text, from draft to approved to superseded."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        CONSULTATION = "consultation", "In consultation"
        APPROVED = "approved", "Approved"
        DUE_FOR_REVIEW = "due_for_review", "Due for review"
        SUPERSEDED = "superseded", "Superseded"
        WITHDRAWN = "withdrawn", "Withdrawn"

    CURRENT = (Status.APPROVED, Status.DUE_FOR_REVIEW)
    OPEN = (Status.DRAFT, Status.CONSULTATION)
    TRANSITIONS = {
        Status.DRAFT: {
            Status.CONSULTATION,
            Status.APPROVED,
            Status.SUPERSEDED,
            Status.WITHDRAWN,
        },
        Status.CONSULTATION: {Status.DRAFT, Status.APPROVED, Status.WITHDRAWN},
        Status.APPROVED: {
            Status.DUE_FOR_REVIEW,
            Status.SUPERSEDED,
            Status.WITHDRAWN,
        },
        Status.DUE_FOR_REVIEW: {
            Status.APPROVED,
            Status.SUPERSEDED,
            Status.WITHDRAWN,
        },
        Status.SUPERSEDED: set(),
        Status.WITHDRAWN: set(),
    }

    standard = models.ForeignKey(
        Standard, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    body = models.TextField(
        help_text="Markdown. Separate paragraphs with a blank line."
    )
    summary_of_changes = models.TextField(blank=True)
    # Bumped by every saved edit; an edit is only written if it still matches.
    revision = models.PositiveIntegerField(default=1)
    consultation_opens = models.DateField(null=True, blank=True)
    consultation_closes = models.DateField(null=True, blank=True)
    approved_at = models.ForeignKey(
        "network.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_standard_versions",
        verbose_name="approving meeting",
    )
    approved_on = models.DateField(null=True, blank=True)
    review_date = models.DateField(null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supersedes",
    )
    withdrawn_reason = models.TextField(blank=True)

    objects = StandardVersionQuerySet.as_manager()

    class Meta:
        ordering = ["standard__code", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "number"],
                name="standards_standardversion_unique_number",
            ),
            models.UniqueConstraint(
                fields=["standard"],
                condition=Q(status__in=["approved", "due_for_review"]),
                name="standards_standardversion_one_current_per_standard",
            ),
            models.UniqueConstraint(
                fields=["standard"],
                condition=Q(status__in=["draft", "consultation"]),
                name="standards_standardversion_one_open_per_standard",
            ),
            models.CheckConstraint(
                name="standards_standardversion_consultation_has_dates",
                condition=~Q(status="consultation")
                | Q(
                    consultation_opens__isnull=False, consultation_closes__isnull=False
                ),
            ),
            models.CheckConstraint(
                # Forms ask for a later close date; closing early on the
                # opening day leaves the two equal.
                name="standards_standardversion_closes_not_before_opens",
                condition=Q(consultation_opens__isnull=True)
                | Q(consultation_closes__isnull=True)
                | Q(consultation_closes__gte=F("consultation_opens")),
            ),
            models.CheckConstraint(
                name="standards_standardversion_approved_has_meeting_and_dates",
                condition=~Q(status__in=["approved", "due_for_review"])
                | Q(
                    approved_at__isnull=False,
                    approved_on__isnull=False,
                    review_date__isnull=False,
                ),
            ),
            models.CheckConstraint(
                name="standards_standardversion_review_after_approval",
                condition=Q(review_date__isnull=True)
                | Q(approved_on__isnull=True)
                | Q(review_date__gt=F("approved_on")),
            ),
            models.CheckConstraint(
                name="standards_standardversion_withdrawn_has_reason",
                condition=~Q(status="withdrawn") | ~Q(withdrawn_reason=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.standard.code} {self.label}"

    @property
    def label(self) -> str:
        return f"version {self.number}"

    def get_absolute_url(self) -> str:
        return reverse(
            "standards:version-detail", args=[self.standard.code, self.number]
        )

    # --- state machine -------------------------------------------------------
    def can_transition(self, to: str) -> bool:
        return to in self.TRANSITIONS.get(self.status, set())

    def move_to(self, to: str) -> None:
        if not self.can_transition(to):
            raise ValidationError(
                f"A {self.get_status_display().lower()} version cannot become "
                f"{self.Status(to).label.lower()}"
            )
        self.status = to

    @property
    def is_current(self) -> bool:
        return self.status in self.CURRENT

    def consultation_is_open(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return (
            self.status == self.Status.CONSULTATION
            and self.consultation_opens <= today <= self.consultation_closes
        )

    def can_confirm_review(self, today: date) -> bool:
        """Due for review, or approved with its review within REVIEW_EARLY_DAYS."""
        if self.status == self.Status.DUE_FOR_REVIEW:
            return True
        return bool(
            self.status == self.Status.APPROVED
            and self.review_date
            and (self.review_date - today).days <= REVIEW_EARLY_DAYS
        )

    def review_is_overdue(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return bool(self.is_current and self.review_date and self.review_date <= today)

    def paragraphs(self) -> list[str]:
        """The body split into numbered blocks, so comments can point at one."""
        blocks = [b.strip() for b in self.body.replace("\r\n", "\n").split("\n\n")]
        return [b for b in blocks if b]


class StandardVersionEdit(models.Model):
    """Every saved text of a draft, so no edit is ever lost."""

    version = models.ForeignKey(
        StandardVersion, on_delete=models.CASCADE, related_name="edits"
    )
    revision = models.PositiveIntegerField()
    body = models.TextField()
    summary_of_changes = models.TextField(blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    edited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "revision"],
                name="standards_standardversionedit_unique_revision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version} revision {self.revision}"


class ConsultationResponse(TimeStampedModel):
    """One trust's response (or one peer worker's) to a version in consultation."""

    class RespondentType(models.TextChoices):
        TRUST_LEAD = "trust_lead", "Trust lead (for the trust)"
        PSW = "psw", "Peer support worker"
        COORDINATOR = "coordinator", "Coordinator"
        OTHER = "other", "Other"

    class Position(models.TextChoices):
        SUPPORT = "support", "Support"
        SUPPORT_WITH_CHANGES = "support_with_changes", "Support with changes"
        DO_NOT_SUPPORT = "do_not_support", "Do not support"
        NO_COMMENT = "no_comment", "No comment"

    class Disposition(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        CHANGED = "changed", "Changed (in part)"
        DECLINED = "declined", "Declined"

    version = models.ForeignKey(
        StandardVersion, on_delete=models.CASCADE, related_name="responses"
    )
    trust = models.ForeignKey(
        "network.MemberTrust",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="standard_responses",
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    respondent_type = models.CharField(max_length=20, choices=RespondentType)
    position = models.CharField(max_length=30, choices=Position)
    paragraph = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="The numbered paragraph of the draft this comment is about.",
    )
    comments = models.TextField(blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)
    disposition = models.CharField(max_length=20, choices=Disposition, blank=True)
    disposition_reason = models.TextField(blank=True)
    disposition_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    disposition_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "trust"],
                condition=Q(trust__isnull=False),
                name="standards_consultationresponse_one_per_trust",
            ),
            models.UniqueConstraint(
                fields=["version", "respondent"],
                condition=Q(trust__isnull=True),
                name="standards_consultationresponse_one_per_individual",
            ),
            models.CheckConstraint(
                name="standards_consultationresponse_trust_lead_has_trust",
                condition=~Q(respondent_type="trust_lead") | Q(trust__isnull=False),
            ),
            models.CheckConstraint(
                name="standards_consultationresponse_disposition_has_reason",
                condition=Q(disposition="") | ~Q(disposition_reason=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.respondent_label} on {self.version}"

    @property
    def respondent_label(self) -> str:
        """Who responded, as shown to others: a trust, never a peer worker's name."""
        if self.trust_id:
            return self.trust.short_name
        return "A peer support worker"


class ConsultationComment(TimeStampedModel):
    """A further comment on one numbered paragraph, part of a response."""

    response = models.ForeignKey(
        ConsultationResponse,
        on_delete=models.CASCADE,
        related_name="paragraph_comments",
    )
    paragraph = models.PositiveSmallIntegerField()
    text = models.TextField()
    disposition = models.CharField(
        max_length=20, choices=ConsultationResponse.Disposition, blank=True
    )
    disposition_reason = models.TextField(blank=True)
    disposition_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    disposition_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["paragraph", "created_at"]
        constraints = [
            models.CheckConstraint(
                name="standards_consultationcomment_paragraph_positive",
                condition=Q(paragraph__gte=1),
            ),
            models.CheckConstraint(
                name="standards_consultationcomment_disposition_has_reason",
                condition=Q(disposition="") | ~Q(disposition_reason=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.respondent_label} on paragraph {self.paragraph}"

    @property
    def respondent_label(self) -> str:
        return self.response.respondent_label

    @property
    def version(self) -> StandardVersion:
        return self.response.version


class StandardAdoption(TimeStampedModel):
    """Where one member trust is with adopting a standard."""

    class Status(models.TextChoices):
        NOT_CONSIDERED = "not_considered", "Not considered"
        PLANNED = "planned", "Planned"
        PARTIALLY_ADOPTED = "partially_adopted", "Partially adopted"
        ADOPTED = "adopted", "Adopted"
        NOT_ADOPTING = "not_adopting", "Not adopting"

    standard = models.ForeignKey(
        Standard, on_delete=models.CASCADE, related_name="adoptions"
    )
    trust = models.ForeignKey(
        "network.MemberTrust",
        on_delete=models.PROTECT,
        related_name="standard_adoptions",
    )
    status = models.CharField(
        max_length=20, choices=Status, default=Status.NOT_CONSIDERED
    )
    effective_date = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["standard__code", "trust__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "trust"],
                name="standards_standardadoption_one_per_trust",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trust} – {self.standard.code}: {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("standards:adoption-matrix")
