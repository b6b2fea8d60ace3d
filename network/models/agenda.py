"""Ordered agenda items; each can carry the minuted decision for that item."""

from django.conf import settings
from django.db import models

from network.models.meetings import Meeting


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items"
    )
    order = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="Markdown.")
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items_presented",
    )
    presenter_name = models.CharField(
        max_length=150, blank=True, help_text="If the presenter has no account."
    )
    paper_url = models.URLField("link to paper", blank=True)
    standing = models.BooleanField(
        "standing item",
        default=False,
        help_text="Copied to the next meeting in the series.",
    )
    minutes = models.TextField(
        "discussion and decision", blank=True, help_text="Markdown."
    )

    class Meta:
        ordering = ["meeting", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"

    def get_absolute_url(self) -> str:
        return self.meeting.get_absolute_url() + f"#agenda-{self.pk}"

    @property
    def presenter_display(self) -> str:
        return str(self.presenter) if self.presenter_id else self.presenter_name


class MinutesComment(models.Model):
    """A comment on draft minutes, before a later meeting approves them."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="minutes_comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    trust = models.ForeignKey(
        "network.MemberTrust",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    body = models.TextField("comment", help_text="Markdown.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Comment by {self.author} on {self.meeting}"

    def get_absolute_url(self) -> str:
        return self.meeting.get_absolute_url() + "#minutes-comments"
