"""A meeting series: the regular meetings of one group (the quarterly network
meeting, the standards group every two months), with the defaults each new
meeting in it starts from."""

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from core.models import TimeStampedModel
from core.workdays import is_working_day
from network.models.meetings import Meeting
from network.models.tor import add_months


def next_working_day(day: date) -> date:
    """`day` itself, or the first weekday after it that is not a bank holiday."""
    while not is_working_day(day):
        day = date.fromordinal(day.toordinal() + 1)
    return day


class MeetingSeries(TimeStampedModel):
    title = models.CharField(max_length=200, unique=True)
    meeting_type = models.CharField(
        max_length=20, choices=Meeting.MeetingType, default=Meeting.MeetingType.NETWORK
    )
    every_months = models.PositiveSmallIntegerField(
        "how often, in months",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="For example 3 for every quarter, 2 for every two months.",
    )
    default_chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="series_chaired",
    )
    location = models.CharField(
        max_length=200, blank=True, help_text="Venue, or Online"
    )
    online_url = models.URLField("online meeting link", blank=True)
    is_public = models.BooleanField(
        "public meetings",
        default=False,
        help_text="Show each meeting's date, title and place to the public.",
    )
    invitees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="meeting_series"
    )
    terms_of_reference = models.TextField(
        "terms of reference", blank=True, help_text="Markdown."
    )
    ends_on = models.DateField(
        "last date for meetings",
        null=True,
        blank=True,
        help_text="Leave blank if the series carries on.",
    )

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "meeting series"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("network:series-detail", args=[self.pk])

    def last_meeting(self) -> Meeting | None:
        """The latest meeting that happened or will happen (not cancelled or
        postponed): the one the next is copied from."""
        return (
            self.meetings.filter(
                status__in=[Meeting.Status.SCHEDULED, Meeting.Status.HELD]
            )
            .order_by("-starts_at")
            .first()
        )

    def proposed_date(self, last_day: date | None, today: date) -> date:
        """`every_months` after the last meeting, moved off weekends and bank
        holidays; without a last meeting, the first working day from today."""
        if last_day is None:
            return next_working_day(today)
        return next_working_day(add_months(last_day, self.every_months))

    def has_room_for(self, day: date) -> bool:
        return self.ends_on is None or day <= self.ends_on
