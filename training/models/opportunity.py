"""Training providers, opportunities and their sessions."""

from datetime import date

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone

from core.dates import clock
from core.models import TimeStampedModel
from network.models import ICB
from training import search as fulltext


class TrainingProvider(TimeStampedModel):
    class ProviderType(models.TextChoices):
        NHS_TRUST = "nhs_trust", "NHS trust"
        RECOVERY_COLLEGE = "recovery_college", "Recovery College"
        IMROC = "imroc", "ImROC"
        NHSE_HEE = "nhse_hee_commissioned", "NHS England (HEE) commissioned"
        UNIVERSITY_FE = "university_fe", "University or further education"
        VCSE = "vcse", "Voluntary, community or social enterprise"
        WRAP = "wrap_copeland_licensed", "WRAP (Copeland Center licensed)"
        IPS = "ips", "Intentional Peer Support"
        APPRENTICESHIP = "apprenticeship_provider", "Apprenticeship provider"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    provider_type = models.CharField(max_length=30, choices=ProviderType)
    website = models.URLField(blank=True)
    contact_email = models.EmailField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        adding = self._state.adding
        super().save(*args, **kwargs)
        # A new provider has no opportunities whose document could name it.
        if not adding and fulltext.touches_document(
            kwargs.get("update_fields"), fulltext.PROVIDER_FIELDS
        ):
            fulltext.refresh_search_documents(
                provider_ids=[self.pk], using=self._state.db
            )


MAX_SEARCH_WORDS = 10


class OpportunityQuerySet(models.QuerySet):
    def public(self):
        """What the catalogue shows: published to completed, and recent cancellations."""
        recent = timezone.now() - timezone.timedelta(days=30)
        return self.filter(
            Q(status__in=TrainingOpportunity.PUBLIC_STATUSES)
            | Q(status=TrainingOpportunity.Status.CANCELLED, cancelled_at__gte=recent)
        )

    def with_places(self):
        """Open for booking, and either booked elsewhere or with a place left here."""
        return self.filter(status=TrainingOpportunity.Status.BOOKING_OPEN).filter(
            Q(book_here=False) | Q(places_remaining__gt=0)
        )

    def search(self, text: str):
        """Title, provider and description; ranked full-text search on PostgreSQL."""
        if connection.vendor == "postgresql":
            return fulltext.ranked_search(self, text)
        return self._search_simple(text)

    def _search_simple(self, text: str):
        words = [w for w in text.split() if w][:MAX_SEARCH_WORDS]
        queryset = self
        for word in words:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(provider__name__icontains=word)
                | Q(description__icontains=word)
            )
        # A rough relevance: a title match counts more than a description match.
        return queryset.annotate(
            rank=Case(
                When(title__icontains=text, then=Value(3.0)),
                When(title__icontains=words[0] if words else "", then=Value(2.0)),
                When(provider__name__icontains=text, then=Value(1.5)),
                default=Value(1.0),
                output_field=models.FloatField(),
            )
        )


class TrainingOpportunity(TimeStampedModel):
    class Category(models.TextChoices):
        INITIAL_PSW = "initial_psw_training", "Initial PSW training"
        ACCREDITED = "accredited_qualification", "Accredited qualification"
        APPRENTICESHIP = "apprenticeship", "Apprenticeship"
        IPS_CORE = "ips_core", "Intentional Peer Support core training"
        WRAP_FACILITATOR = "wrap_facilitator", "WRAP facilitator training"
        WRAP_WORKSHOP = "wrap_workshop", "WRAP workshop"
        SUPERVISOR = "supervisor_training", "Supervisor training"
        PEER_LEADERSHIP = "peer_leadership", "Peer leadership"
        PEER_TRAINER = "peer_trainer_coproduction", "Peer trainer and co-production"
        RECOVERY_COLLEGE = "recovery_college_course", "Recovery College course"
        CPD = "cpd_masterclass", "CPD masterclass"
        NETWORK_EVENT = "network_event", "Network event"

    class Audience(models.TextChoices):
        ASPIRING_PSW = "aspiring_psw", "Aspiring peer support workers"
        PSW = "psw", "Peer support workers"
        SENIOR = "senior_psw_lead", "Senior PSWs and peer leads"
        SUPERVISOR = "supervisor_manager", "Supervisors and managers"
        TEAM = "team", "Whole teams"
        ANY = "any", "Anyone"

    class DeliveryMode(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        ONLINE = "online", "Online"
        BLENDED = "blended", "Blended"

    class CostType(models.TextChoices):
        FREE = "free", "Free"
        FUNDED = "funded", "Funded"
        PAID = "paid", "Paid"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PENDING = "pending_approval", "Awaiting approval"
        PUBLISHED = "published", "Published"
        BOOKING_OPEN = "booking_open", "Booking open"
        FULL = "full", "Full"
        BOOKING_CLOSED = "booking_closed", "Booking closed"
        RUNNING = "running", "Running"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"

    PUBLIC_STATUSES = (
        Status.PUBLISHED,
        Status.BOOKING_OPEN,
        Status.FULL,
        Status.BOOKING_CLOSED,
        Status.RUNNING,
        Status.COMPLETED,
    )
    # The NHS.UK tag a status is shown in wherever it appears, and the words
    # where they say more than the status's own label (other statuses: grey).
    STATUS_TAGS = {
        Status.BOOKING_OPEN: ("nhsuk-tag nhsuk-tag--green", "Booking open"),
        Status.FULL: ("nhsuk-tag nhsuk-tag--orange", "Full: waiting list"),
        Status.CANCELLED: ("nhsuk-tag nhsuk-tag--red", "Cancelled"),
        Status.PUBLISHED: ("nhsuk-tag nhsuk-tag--blue", "Coming soon"),
        Status.DRAFT: ("nhsuk-tag nhsuk-tag--yellow", Status.DRAFT.label),
        Status.PENDING: ("nhsuk-tag nhsuk-tag--yellow", Status.PENDING.label),
    }
    PRE_RUNNING = (
        Status.DRAFT,
        Status.PENDING,
        Status.PUBLISHED,
        Status.BOOKING_OPEN,
        Status.FULL,
        Status.BOOKING_CLOSED,
    )

    title = models.CharField(max_length=200)
    provider = models.ForeignKey(
        TrainingProvider, on_delete=models.PROTECT, related_name="opportunities"
    )
    category = models.CharField(max_length=30, choices=Category)
    # Several audiences, stored "|psw|any|" so one LIKE finds a value on any database.
    audience = models.CharField(max_length=200)
    description = models.TextField(help_text="You can use Markdown.")
    hee_domains = models.ManyToManyField(
        "standards.CompetenceDomain",
        blank=True,
        related_name="training_opportunities",
        verbose_name="HEE competence domains",
    )
    delivery_mode = models.CharField(max_length=20, choices=DeliveryMode)
    location = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=80, blank=True)
    icb = models.CharField("ICB", max_length=30, choices=ICB, blank=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    duration_hours = models.DecimalField(
        max_digits=6, decimal_places=1, null=True, blank=True
    )
    cost_type = models.CharField(max_length=10, choices=CostType)
    cost_gbp = models.DecimalField(
        "cost (£)", max_digits=8, decimal_places=2, null=True, blank=True
    )
    funding_note = models.TextField(blank=True)
    eligibility = models.TextField(blank=True)
    accreditation = models.CharField(max_length=200, blank=True)
    book_here = models.BooleanField(
        "book through this site",
        default=False,
        help_text="Otherwise people book on the provider's website.",
    )
    booking_url = models.URLField(blank=True)
    places_total = models.PositiveIntegerField(null=True, blank=True)
    places_remaining = models.PositiveIntegerField(null=True, blank=True)
    booking_opens = models.DateField(null=True, blank=True)
    booking_deadline = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    proposed_by_trust = models.ForeignKey(
        "network.MemberTrust",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_proposals",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancellation_reason = models.TextField(blank=True)
    # When dates, times or place last changed after publishing (R20 notices).
    schedule_changed_at = models.DateTimeField(null=True, blank=True)
    # iCalendar SEQUENCE of its sessions: raised when they move or are cancelled,
    # so calendars replace the copy they hold (same UID) instead of adding one.
    calendar_sequence = models.PositiveIntegerField(default=0, editable=False)
    review_note = models.TextField(blank=True)
    # Title, provider name and description for full-text search, filled only on
    # PostgreSQL by training/search.py; its GIN index is created by migration 0004 on
    # PostgreSQL only, so it is not declared in Meta.indexes (SQLite cannot build it).
    search_document = SearchVectorField(null=True, editable=False)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "title"]
        verbose_name_plural = "training opportunities"
        indexes = [models.Index(fields=["status", "start_date"])]
        constraints = [
            models.CheckConstraint(
                name="training_trainingopportunity_end_after_start",
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
            ),
            models.CheckConstraint(
                name="training_trainingopportunity_deadline_before_start",
                condition=Q(booking_deadline__isnull=True)
                | Q(booking_deadline__lte=F("start_date")),
            ),
            models.CheckConstraint(
                name="training_trainingopportunity_cost_not_negative",
                condition=Q(cost_gbp__isnull=True) | Q(cost_gbp__gte=0),
            ),
            models.CheckConstraint(
                name="training_trainingopportunity_places_within_total",
                condition=Q(places_remaining__isnull=True)
                | Q(places_remaining__lte=F("places_total")),
            ),
            models.CheckConstraint(
                name="training_trainingopportunity_book_here_has_places",
                condition=Q(book_here=False) | Q(places_total__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("training:opportunity-detail", args=[self.pk])

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if fulltext.touches_document(
            kwargs.get("update_fields"), fulltext.OPPORTUNITY_FIELDS
        ):
            fulltext.refresh_search_documents(
                opportunity_ids=[self.pk], using=self._state.db
            )

    def clean(self):
        errors = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = "The end date must be on or after the start date"
        if (
            self.booking_deadline
            and self.start_date
            and self.booking_deadline > self.start_date
        ):
            errors["booking_deadline"] = (
                "The booking deadline must be on or before the start date"
            )
        if (
            self.booking_opens
            and self.booking_deadline
            and self.booking_opens > self.booking_deadline
        ):
            errors["booking_opens"] = "Booking must open before the booking deadline"
        if self.cost_gbp is not None and self.cost_gbp < 0:
            errors["cost_gbp"] = "The cost cannot be negative"
        if self.cost_type == self.CostType.PAID and self.cost_gbp is None:
            errors["cost_gbp"] = "Enter the cost for paid training"
        if self.delivery_mode != self.DeliveryMode.ONLINE and not self.location:
            errors["location"] = "Enter where the training takes place"
        if self.book_here and not self.places_total:
            errors["places_total"] = "Enter the number of places to book here"
        if not self.book_here and not self.booking_url and self.pk is None:
            pass  # interest-only listings are allowed
        if errors:
            raise ValidationError(errors)

    # --- audience stored as a delimited string -------------------------------
    @property
    def audiences(self) -> list[str]:
        return [value for value in self.audience.split("|") if value]

    @audiences.setter
    def audiences(self, values) -> None:
        self.audience = "|" + "|".join(values) + "|" if values else ""

    def get_audience_labels(self) -> list[str]:
        labels = dict(self.Audience.choices)
        return [labels.get(value, value) for value in self.audiences]

    # --- derived state ---------------------------------------------------------
    @property
    def status_tag(self) -> tuple[str, str]:
        """The tag's classes and words for this opportunity's status."""
        return self.status_tag_for(self.status)

    @classmethod
    def status_tag_for(cls, status: str) -> tuple[str, str]:
        """The tag's classes and words for a status, for lists read without models."""
        if status in cls.STATUS_TAGS:
            return cls.STATUS_TAGS[status]
        return (
            "nhsuk-tag nhsuk-tag--grey",
            dict(cls.Status.choices).get(status, status),
        )

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES

    @property
    def last_date(self) -> date:
        return self.end_date or self.start_date

    def accepts_bookings(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return (
            self.book_here
            and self.status in (self.Status.BOOKING_OPEN, self.Status.FULL)
            and (self.booking_deadline is None or today <= self.booking_deadline)
            and today < self.start_date
        )

    # --- state machine ----------------------------------------------------------
    TRANSITIONS = {
        "submit": ((Status.DRAFT,), Status.PENDING),
        "approve": ((Status.PENDING,), Status.PUBLISHED),
        "reject": ((Status.PENDING,), Status.DRAFT),
        "publish": ((Status.DRAFT,), Status.PUBLISHED),
        "open_booking": ((Status.PUBLISHED,), Status.BOOKING_OPEN),
        "fill": ((Status.BOOKING_OPEN,), Status.FULL),
        "reopen": ((Status.FULL,), Status.BOOKING_OPEN),
        "close_booking": (
            (Status.PUBLISHED, Status.BOOKING_OPEN, Status.FULL),
            Status.BOOKING_CLOSED,
        ),
        "start": (
            (
                Status.PUBLISHED,
                Status.BOOKING_OPEN,
                Status.FULL,
                Status.BOOKING_CLOSED,
            ),
            Status.RUNNING,
        ),
        "complete": ((Status.RUNNING,), Status.COMPLETED),
        "cancel": (PRE_RUNNING, Status.CANCELLED),
    }

    def can_transition(self, action: str) -> bool:
        sources, _target = self.TRANSITIONS[action]
        return self.status in sources

    def transition(self, action: str) -> None:
        """Move to the next status, refusing moves the state machine does not allow."""
        if not self.can_transition(action):
            raise ValidationError(
                f"Cannot {action.replace('_', ' ')} training that is "
                f"{self.get_status_display().lower()}"
            )
        self.status = self.TRANSITIONS[action][1]
        now = timezone.now()
        if action == "submit":
            self.submitted_at = now
        elif action in ("approve", "publish"):
            self.published_at = now
        elif action == "cancel":
            self.cancelled_at = now


class TrainingSession(models.Model):
    opportunity = models.ForeignKey(
        TrainingOpportunity, on_delete=models.CASCADE, related_name="sessions"
    )
    date = models.DateField()
    start_time = models.TimeField()
    end_time = models.TimeField()
    note = models.CharField(
        max_length=200, blank=True, help_text="For example, the room or topic."
    )

    class Meta:
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(
                name="training_trainingsession_ends_after_start",
                condition=Q(end_time__gt=F("start_time")),
            ),
        ]

    def __str__(self) -> str:
        times = f"{clock(self.start_time)} to {clock(self.end_time)}"
        return f"{self.date:%-d %B %Y}, {times}"

    def clean(self):
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": "The session must end after it starts"})
