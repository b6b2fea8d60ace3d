"""PSW posts (positions, never people) and their dated status changes."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel

FULL_TIME_HOURS = Decimal("37.5")  # AfC full-time week in England


class PostQuerySet(models.QuerySet):
    def in_establishment(self):
        return self.filter(status__in=Post.ESTABLISHMENT)

    def funding_ending_between(self, start: date, end: date):
        return self.filter(
            funding_end_date__gte=start, funding_end_date__lte=end
        ).exclude(status=Post.Status.CLOSED)


class Post(TimeStampedModel):
    """One funded or planned PSW position on a trust's establishment."""

    class RoleType(models.TextChoices):
        PSW = "psw", "Peer support worker"
        CARER_PSW = "carer_psw", "Carer peer support worker"
        SENIOR_PSW = "senior_psw", "Senior peer support worker"
        PEER_COORDINATOR = "peer_coordinator", "Peer support coordinator"
        PEER_LEAD = "peer_lead", "Peer lead or manager"
        PEER_TRAINER = "peer_trainer", "Peer trainer (Recovery College)"
        PEER_SUPERVISOR = "peer_supervisor", "Peer supervisor"
        APPRENTICE = "apprentice_peer_worker", "Apprentice peer worker"
        OTHER = "other", "Other"

    class Band(models.TextChoices):
        VOLUNTEER = "volunteer", "Volunteer (unbanded)"
        AFC_2 = "afc_2", "Band 2"
        AFC_3 = "afc_3", "Band 3"
        AFC_4 = "afc_4", "Band 4"
        AFC_5 = "afc_5", "Band 5"
        AFC_6 = "afc_6", "Band 6"
        AFC_7 = "afc_7", "Band 7"
        AFC_8A = "afc_8a", "Band 8a"
        NON_AFC = "non_afc", "Not Agenda for Change"

    class DeliveryModel(models.TextChoices):
        EMBEDDED = "embedded_in_team", "Embedded in a team alongside professionals"
        RECOVERY_COLLEGE = "recovery_college", "Recovery College peer trainer"
        OTHER = "other", "Other"

    class Setting(models.TextChoices):
        ADULT_COMMUNITY_SMI = "adult_community_smi", "Adult community (SMI)"
        INPATIENT_ACUTE = "inpatient_acute", "Inpatient (acute)"
        CRISIS = "crisis", "Crisis and home treatment"
        EIP = "early_intervention_psychosis", "Early intervention in psychosis"
        PERINATAL = "perinatal", "Perinatal"
        CYP = "cyp", "Children and young people"
        OLDER_ADULTS = "older_adults", "Older adults"
        REHAB = "rehab_high_support", "Rehabilitation and high support"
        FORENSIC = "forensic_secure", "Forensic and secure"
        CJL = "criminal_justice_liaison", "Criminal justice liaison and diversion"
        EATING_DISORDERS = "eating_disorders", "Eating disorders"
        ADDICTIONS = "addictions", "Addictions and problem gambling"
        LDA = "learning_disability_autism", "Learning disability and autism"
        TALKING_THERAPIES = "primary_care_talking_therapies", "Talking therapies"
        RECOVERY_COLLEGE = "recovery_college", "Recovery College"
        OTHER = "other", "Other"

    class LivedExperience(models.TextChoices):
        SERVICE_USER = "service_user", "Service user"
        CARER = "carer", "Carer"
        EITHER = "either", "Either"

    class Contract(models.TextChoices):
        PERMANENT = "permanent", "Permanent"
        FIXED_TERM = "fixed_term", "Fixed term"
        BANK = "bank", "Bank"
        SECONDMENT = "secondment", "Secondment"
        APPRENTICESHIP = "apprenticeship", "Apprenticeship"
        VOLUNTEER = "volunteer", "Volunteer"

    class Funding(models.TextChoices):
        TRUST_BASELINE = "trust_baseline", "Trust baseline"
        HEE_NHSE = "hee_nhse_transformation", "HEE / NHS England transformation"
        ICB = "icb_investment", "ICB investment"
        CHARITABLE = "charitable", "Charitable"
        RESEARCH = "research_project", "Research project"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        FUNDED = "funded", "Funded"
        RECRUITING = "recruiting", "Recruiting"
        FILLED = "filled", "Filled"
        VACANT = "vacant", "Vacant"
        FROZEN = "frozen", "Frozen"
        CLOSED = "closed", "Closed"

    class Stage(models.TextChoices):
        ADVERTISED = "advertised", "Advertised"
        SHORTLISTING = "shortlisting", "Shortlisting"
        INTERVIEWING = "interviewing", "Interviewing"
        OFFER_MADE = "offer_made", "Offer made"
        CHECKS = "pre_employment_checks", "Pre-employment checks"

    # The only moves a post's status may make (docs/rules.md).
    TRANSITIONS = {
        Status.PLANNED: (Status.FUNDED, Status.CLOSED),
        Status.FUNDED: (Status.RECRUITING, Status.FROZEN, Status.CLOSED),
        Status.RECRUITING: (Status.FILLED, Status.VACANT, Status.FROZEN),
        Status.FILLED: (Status.VACANT, Status.CLOSED),
        Status.VACANT: (Status.RECRUITING, Status.FROZEN, Status.CLOSED),
        Status.FROZEN: (Status.FUNDED, Status.VACANT, Status.CLOSED),
        Status.CLOSED: (),
    }
    # The funded establishment; frozen, planned and closed posts are outside it.
    ESTABLISHMENT = (Status.FUNDED, Status.RECRUITING, Status.FILLED, Status.VACANT)
    # The NHS.UK tag a status is shown in wherever it appears (planned: plain).
    STATUS_TAGS = {
        Status.FILLED: "nhsuk-tag nhsuk-tag--green",
        Status.RECRUITING: "nhsuk-tag nhsuk-tag--blue",
        Status.VACANT: "nhsuk-tag nhsuk-tag--orange",
        Status.FROZEN: "nhsuk-tag nhsuk-tag--grey",
        Status.CLOSED: "nhsuk-tag nhsuk-tag--white",
        Status.FUNDED: "nhsuk-tag nhsuk-tag--aqua-green",
    }

    trust = models.ForeignKey(
        "network.MemberTrust", on_delete=models.PROTECT, related_name="psw_posts"
    )
    local_ref = models.CharField(
        "local reference",
        max_length=30,
        blank=True,
        help_text="Your trust's own position or ESR number. Used to match CSV imports.",
    )
    role_type = models.CharField(max_length=30, choices=RoleType)
    job_title = models.CharField(max_length=200)
    band = models.CharField(max_length=20, choices=Band)
    wte = models.DecimalField(
        "WTE",
        max_digits=3,
        decimal_places=2,
        validators=[
            MinValueValidator(Decimal("0.01")),
            MaxValueValidator(Decimal("1")),
        ],
        help_text="Whole-time equivalent, from 0.01 to 1.00 (1.00 is 37.5 hours).",
    )
    delivery_model = models.CharField(max_length=20, choices=DeliveryModel)
    setting = models.CharField(max_length=40, choices=Setting)
    service_name = models.CharField("service or team", max_length=200, blank=True)
    locality = models.CharField(max_length=100, blank=True)
    lived_experience_basis = models.CharField(max_length=20, choices=LivedExperience)
    contract_type = models.CharField(max_length=20, choices=Contract)
    funding_source = models.CharField(max_length=30, choices=Funding)
    funding_end_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status, default=Status.PLANNED)
    status_effective_date = models.DateField()
    recruitment_stage = models.CharField(max_length=30, choices=Stage, blank=True)
    advert_url = models.URLField("advert link", blank=True)
    expected_start = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["trust__name", "job_title", "pk"]
        constraints = [
            models.CheckConstraint(
                name="workforce_post_wte_range",
                condition=Q(wte__gte=Decimal("0.01")) & Q(wte__lte=Decimal("1")),
            ),
            models.UniqueConstraint(
                fields=["trust", "local_ref"],
                condition=~Q(local_ref=""),
                name="workforce_post_unique_local_ref",
            ),
            models.CheckConstraint(
                name="workforce_post_stage_only_when_recruiting",
                condition=Q(status="recruiting") | Q(recruitment_stage=""),
            ),
            models.CheckConstraint(
                name="workforce_post_fixed_term_has_end_date",
                condition=~Q(contract_type="fixed_term")
                | Q(funding_end_date__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        ref = f" ({self.local_ref})" if self.local_ref else ""
        return f"{self.job_title}{ref}"

    def get_absolute_url(self) -> str:
        return reverse("workforce:post-detail", args=[self.pk])

    @property
    def status_tag_classes(self) -> str:
        return self.status_tag_for(self.status)

    @classmethod
    def status_tag_for(cls, status: str) -> str:
        """The tag's classes for a status, for lists read without models."""
        return cls.STATUS_TAGS.get(status, "nhsuk-tag")

    @property
    def hours_per_week(self) -> Decimal:
        return (self.wte * FULL_TIME_HOURS).quantize(Decimal("0.01"))

    def allowed_next_statuses(self) -> tuple[str, ...]:
        return self.TRANSITIONS[self.Status(self.status)]

    def check_transition(self, to_status: str, effective_date: date) -> None:
        """Raise ValidationError unless the state machine allows this move."""
        if to_status not in self.allowed_next_statuses():
            raise ValidationError(
                {
                    "to_status": (
                        f"A {self.get_status_display().lower()} post cannot become "
                        f"{Post.Status(to_status).label.lower()}"
                    )
                    if to_status in Post.Status.values
                    else "Choose a valid status"
                }
            )
        if effective_date > timezone.localdate():
            raise ValidationError(
                {
                    "effective_date": "The date a status took effect cannot be in the future"
                }
            )
        if effective_date < self.status_effective_date:
            raise ValidationError(
                {
                    "effective_date": "The date must be on or after "
                    f"{self.status_effective_date:%-d %B %Y}, when the current status "
                    "took effect"
                }
            )

    def clean(self):
        errors = {}
        if self.contract_type == self.Contract.FIXED_TERM and not self.funding_end_date:
            errors["funding_end_date"] = (
                "Enter the date funding ends for a fixed-term post"
            )
        if self.recruitment_stage and self.status != self.Status.RECRUITING:
            errors["recruitment_stage"] = (
                "A recruitment stage can only be set while the post is recruiting"
            )
        if (
            self.status_effective_date
            and self.status_effective_date > timezone.localdate()
        ):
            errors["status_effective_date"] = "This date cannot be in the future"
        if (
            self.status == self.Status.FILLED
            and self.funding_end_date
            and self.status_effective_date
            and self.funding_end_date < self.status_effective_date
        ):
            errors["funding_end_date"] = (
                "The date funding ends must be on or after "
                f"{self.status_effective_date:%-d %B %Y}, when the post was filled"
            )
        if errors:
            raise ValidationError(errors)


class PostStatusChangeQuerySet(models.QuerySet):
    def as_at(self, on: date):
        """The change in force on a date: one row per post that existed then."""
        return self.filter(effective_date__lte=on).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gt=on)
        )


class PostStatusChange(models.Model):
    """A dated status change; every report over time is derived from these rows.

    `valid_until` is the effective date of the next change for the same post (or
    empty while current), so "status on date D" is a single indexed range filter.
    """

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="changes")
    from_status = models.CharField(max_length=20, choices=Post.Status, blank=True)
    to_status = models.CharField(max_length=20, choices=Post.Status)
    effective_date = models.DateField()
    valid_until = models.DateField(null=True, blank=True, editable=False)
    # When the status being left took effect, so a spell's length (e.g. time to
    # fill: recruiting → filled) is read from one row, with no self-join.
    previous_effective_date = models.DateField(null=True, blank=True, editable=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=500, blank=True)

    objects = PostStatusChangeQuerySet.as_manager()

    class Meta:
        ordering = ["effective_date", "pk"]
        indexes = [models.Index(fields=["effective_date", "valid_until"])]
        constraints = [
            models.CheckConstraint(
                name="workforce_poststatuschange_status_changes",
                condition=~Q(from_status=models.F("to_status")),
            ),
            models.CheckConstraint(
                name="workforce_poststatuschange_valid_after_effective",
                condition=Q(valid_until__isnull=True)
                | Q(valid_until__gte=models.F("effective_date")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.post}: {self.from_status or 'new'} → {self.to_status}"


class PostImport(TimeStampedModel):
    """An uploaded CSV held for preview; posts are only written when confirmed."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        APPLIED = "applied", "Imported"

    trust = models.ForeignKey(
        "network.MemberTrust",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="The trust lead's trust; empty for a coordinator's regional file.",
    )
    filename = models.CharField(max_length=200)
    content = models.TextField()
    status = models.CharField(max_length=20, choices=Status, default=Status.PENDING)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse("workforce:import-preview", args=[self.pk])
