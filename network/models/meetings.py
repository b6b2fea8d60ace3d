"""Meetings, who was invited and came, and what was on the agenda.

Quorum API (used by other apps, e.g. standards approval):

    status = meeting.quorum_status()   # -> QuorumStatus
    status.is_quorate                  # True / False; None when no ToR applies
    status.reasons                     # list[str]: why it is not quorate (empty if it is)
    meeting.is_quorate                 # shortcut for quorum_status().is_quorate

For a held meeting the count uses who attended (attended=True); before it is held,
who accepted, so "quorum at risk" can be spotted. The rules come from the ToR in
force for the meeting (`tor_version`, else the ToR approved and effective on the
meeting's date).
"""

import math
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from core.models import TimeStampedModel


@dataclass
class QuorumStatus:
    is_quorate: bool | None
    reasons: list[str] = field(default_factory=list)
    trusts_present: int = 0
    trusts_required: int = 0
    chair_present: bool = False
    chair_required: bool = False
    lived_experience_present: int = 0
    lived_experience_required: int = 0
    tor: object = None  # the TermsOfReference the rules came from
    counted: str = "attended"  # or "accepted" before the meeting is held


class MeetingQuerySet(models.QuerySet):
    def upcoming(self):
        return self.filter(
            status=Meeting.Status.SCHEDULED, ends_at__gte=timezone.now()
        ).order_by("starts_at")

    def past(self):
        return self.filter(starts_at__lt=timezone.now()).order_by("-starts_at")


PAST_START = "The meeting must start in the future"
PAPERS_DUE_IN_PAST = "The papers deadline must be today or later"
HELD_IN_FUTURE = "The meeting has not started yet, so it cannot be recorded as held"


class Meeting(TimeStampedModel):
    class MeetingType(models.TextChoices):
        NETWORK = "network", "Network meeting"
        STEERING_GROUP = "steering_group", "Steering group"
        WORKSHOP = "workshop", "Workshop"
        TASK_AND_FINISH = "task_and_finish", "Task and finish group"
        ANNUAL_EVENT = "annual_event", "Annual event"
        TOR_REVIEW = "tor_review", "Terms of reference review"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"
        POSTPONED = "postponed", "Postponed"

    class MinutesStatus(models.TextChoices):
        NONE = "none", "No minutes yet"
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"

    # Allowed status changes; held, cancelled and postponed are terminal.
    TRANSITIONS = {
        Status.SCHEDULED: {Status.HELD, Status.CANCELLED, Status.POSTPONED},
        Status.HELD: set(),
        Status.CANCELLED: set(),
        Status.POSTPONED: set(),
    }
    PAPERS_LEAD_DAYS = 7

    title = models.CharField(max_length=200)
    meeting_type = models.CharField(
        max_length=20, choices=MeetingType, default=MeetingType.NETWORK
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    location = models.CharField(
        max_length=200, blank=True, help_text="Venue, or Online"
    )
    online_url = models.URLField(
        "online meeting link", blank=True, help_text="Only shown to signed-in users."
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings_chaired",
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.SCHEDULED)
    status_note = models.TextField(
        blank=True, help_text="Why it was cancelled or postponed."
    )
    postponed_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="postponed_from",
    )
    is_public = models.BooleanField(
        default=False, help_text="Show the date, title and location to the public."
    )
    description = models.TextField(blank=True, help_text="Markdown.")
    papers_deadline = models.DateField(
        null=True, blank=True, help_text="Defaults to 7 days before the meeting."
    )
    minutes = models.TextField(blank=True, help_text="Markdown.")
    minutes_status = models.CharField(
        max_length=10, choices=MinutesStatus, default=MinutesStatus.NONE
    )
    minutes_drafted_on = models.DateField(
        null=True, blank=True, editable=False, help_text="When draft minutes went up."
    )
    minutes_approved_at = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="minutes_approved_here",
        help_text="The later meeting that approved these minutes.",
    )
    tor_version = models.ForeignKey(
        "network.TermsOfReference",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name="terms of reference in force",
    )
    # iCalendar SEQUENCE: calendar apps replace an invitation with the same UID
    # only when this is higher, so every move, change of place or cancellation
    # raises it.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    series = models.ForeignKey(
        "network.MeetingSeries",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                name="network_meeting_ends_after_start",
                condition=Q(ends_at__gt=F("starts_at")),
            ),
            models.CheckConstraint(
                name="network_meeting_postponed_has_new_meeting",
                condition=~Q(status="postponed") | Q(postponed_to__isnull=False),
            ),
            models.CheckConstraint(
                name="network_meeting_approved_minutes_have_meeting",
                condition=~Q(minutes_status="approved")
                | Q(minutes_approved_at__isnull=False),
            ),
            models.CheckConstraint(
                name="network_meeting_not_postponed_to_itself",
                condition=~Q(postponed_to=F("pk")),
            ),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.title} ({local:%-d %B %Y})"

    def get_absolute_url(self) -> str:
        return reverse("network:meeting-detail", args=[self.pk])

    @classmethod
    def from_db(cls, db, field_names, values):
        meeting = super().from_db(db, field_names, values)
        # The dates as stored, so a rule can tell a date being set from one
        # that was set earlier and has since passed.
        meeting._stored_dates = {
            name: meeting.__dict__.get(name)
            for name in ("starts_at", "papers_deadline")
        }
        return meeting

    def _date_is_new(self, name: str) -> bool:
        stored = getattr(self, "_stored_dates", {})
        return getattr(self, name) != stored.get(name)

    def date_problems(self) -> dict[str, str]:
        """Dates that make no sense for the meeting's status, by field name.

        A meeting scheduled now must be in the future with papers due today or
        later (a date set earlier may since have passed); a meeting recorded as
        held must have started. A meeting that has already taken place is
        recorded as held, not scheduled.
        """
        problems = {}
        if self.starts_at is None:
            return problems
        if self.status == self.Status.SCHEDULED:
            if self._date_is_new("starts_at") and self.starts_at <= timezone.now():
                problems["starts_at"] = PAST_START
            if (
                self.papers_deadline
                and self._date_is_new("papers_deadline")
                and self.papers_deadline < timezone.localdate()
            ):
                problems["papers_deadline"] = PAPERS_DUE_IN_PAST
        elif self.status == self.Status.HELD and self.starts_at > timezone.now():
            problems["starts_at"] = HELD_IN_FUTURE
        return problems

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The end must be after the start"})
        if (
            self.papers_deadline
            and self.starts_at
            and self.papers_deadline > timezone.localdate(self.starts_at)
        ):
            raise ValidationError(
                {"papers_deadline": "The papers deadline must be before the meeting"}
            )
        if problems := self.date_problems():
            raise ValidationError(problems)

    def default_papers_deadline(self):
        """A week before; for a meeting scheduled sooner than that, today."""
        day, today = timezone.localdate(self.starts_at), timezone.localdate()
        deadline = day - timedelta(days=self.PAPERS_LEAD_DAYS)
        if self.status == self.Status.SCHEDULED and deadline < today <= day:
            return today
        return deadline

    def save(self, *args, **kwargs):
        if self.papers_deadline is None and self.starts_at:
            self.papers_deadline = self.default_papers_deadline()
        super().save(*args, **kwargs)
        self._stored_dates = {
            "starts_at": self.starts_at,
            "papers_deadline": self.papers_deadline,
        }

    # --- state machine -------------------------------------------------------
    def can_transition(self, to: str) -> bool:
        return to in self.TRANSITIONS.get(self.status, set())

    def _move(self, to: str) -> None:
        if not self.can_transition(to):
            raise ValidationError(
                f"A {self.get_status_display().lower()} meeting cannot become "
                f"{self.Status(to).label.lower()}"
            )
        self.status = to

    def mark_held(self) -> None:
        if self.starts_at > timezone.now():
            raise ValidationError(
                "A meeting can only be recorded as held once it starts"
            )
        self._move(self.Status.HELD)

    def cancel(self, *, reason: str = "") -> None:
        self._move(self.Status.CANCELLED)
        self.status_note = reason
        self.sequence += 1

    def postpone(self, *, new_meeting: "Meeting", reason: str = "") -> None:
        self._move(self.Status.POSTPONED)
        self.postponed_to = new_meeting
        self.status_note = reason
        self.sequence += 1

    # --- minutes: none -> draft -> approved (at a later meeting) -------------
    def can_approve_minutes_at(self, later: "Meeting") -> bool:
        """Minutes are approved at a later meeting that has already taken place."""
        return (
            self.minutes_status == self.MinutesStatus.DRAFT
            and later.pk != self.pk
            and later.starts_at > self.starts_at
            and later.has_started
            and later.status in (self.Status.SCHEDULED, self.Status.HELD)
        )

    def approve_minutes(self, *, at: "Meeting") -> None:
        if not self.can_approve_minutes_at(at):
            raise ValidationError(
                {
                    "minutes_approved_at": "Minutes can only be approved at a later "
                    "meeting that has already taken place"
                }
            )
        self.minutes_status = self.MinutesStatus.APPROVED
        self.minutes_approved_at = at

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.SCHEDULED

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def can_record_attendance(self) -> bool:
        """Who attended is known from the day of the meeting, not before."""
        return timezone.localdate(self.starts_at) <= timezone.localdate()

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    # --- quorum ----------------------------------------------------------------
    def tor_in_force(self):
        if self.tor_version_id:
            return self.tor_version
        from network.models.tor import TermsOfReference

        return TermsOfReference.objects.in_force(timezone.localdate(self.starts_at))

    def quorum_status(self) -> QuorumStatus:
        """Is (or will) this meeting be quorate under the ToR in force? See module doc."""
        tor = self.tor_in_force()
        if tor is None:
            return QuorumStatus(
                is_quorate=None, reasons=["No approved terms of reference apply"]
            )
        held = self.status == self.Status.HELD
        present = [
            a for a in self.attendances.select_related("trust") if a.counts(held=held)
        ]
        status = QuorumStatus(
            is_quorate=True, tor=tor, counted="attended" if held else "accepted"
        )
        status.trusts_present = len(
            {a.trust_id for a in present if a.trust_id and a.is_voting}
        )
        status.trusts_required = tor.trusts_required()
        status.chair_required = tor.quorum_requires_chair
        status.chair_present = any(a.is_chairing(self) for a in present)
        status.lived_experience_present = sum(
            1 for a in present if a.counts_as_lived_experience
        )
        status.lived_experience_required = tor.quorum_min_lived_experience
        if status.trusts_present < status.trusts_required:
            status.reasons.append(
                f"{status.trusts_present} of the {status.trusts_required} member "
                "trusts needed are present"
            )
        if status.chair_required and not status.chair_present:
            status.reasons.append("Neither the chair nor a co-chair is present")
        if status.lived_experience_present < status.lived_experience_required:
            status.reasons.append(
                f"{status.lived_experience_present} of the "
                f"{status.lived_experience_required} lived-experience members "
                "needed are present"
            )
        status.is_quorate = not status.reasons
        return status

    @property
    def is_quorate(self) -> bool | None:
        return self.quorum_status().is_quorate


class MeetingAttendance(models.Model):
    """One person invited to a meeting, for a trust, and whether they came."""

    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        CO_CHAIR = "co_chair", "Co-chair or vice-chair"
        MEMBER = "member", "Member"
        DEPUTY = "deputy", "Deputy"
        PSW_REP = "psw_rep", "Peer support worker representative"
        OBSERVER = "observer", "Observer"
        GUEST = "guest", "Guest"

    class Response(models.TextChoices):
        INVITED = "invited", "Invited"
        ACCEPTED = "accepted", "Accepted"
        APOLOGIES = "apologies", "Apologies"
        DECLINED = "declined", "Declined"

    NON_VOTING = {Role.OBSERVER, Role.GUEST}

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_attendances",
    )
    name = models.CharField(
        max_length=150, blank=True, help_text="For a guest without an account."
    )
    trust = models.ForeignKey(
        "network.MemberTrust",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_attendances",
    )
    role_at_meeting = models.CharField(max_length=10, choices=Role, default=Role.MEMBER)
    lived_experience = models.BooleanField(
        "attends as a lived-experience member",
        default=False,
        help_text="Counts towards the lived-experience part of the quorum.",
    )
    response = models.CharField(
        max_length=10, choices=Response, default=Response.INVITED
    )
    attended = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["trust__short_name", "user__full_name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=Q(user__isnull=False),
                name="network_meetingattendance_unique_user",
            ),
            models.CheckConstraint(
                name="network_meetingattendance_user_or_name",
                condition=Q(user__isnull=False) | ~Q(name=""),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return str(self.user) if self.user_id else self.name

    @property
    def is_voting(self) -> bool:
        return self.role_at_meeting not in self.NON_VOTING

    @property
    def counts_as_lived_experience(self) -> bool:
        return self.lived_experience or self.role_at_meeting == self.Role.PSW_REP

    def counts(self, *, held: bool) -> bool:
        if held:
            return self.attended is True
        return self.response == self.Response.ACCEPTED

    def is_chairing(self, meeting: Meeting) -> bool:
        if self.role_at_meeting in (self.Role.CHAIR, self.Role.CO_CHAIR):
            return True
        return bool(self.user_id and self.user_id == meeting.chair_id)


def quorum_trusts_from_percent(percent: int, active_full_members: int) -> int:
    """At least `percent`% of active full member trusts, rounded up."""
    return math.ceil(active_full_members * percent / 100)
