"""Meeting papers: files kept through Django's storage API (local disk by
default, S3-compatible object storage in production) and only ever served by a
view that checks the meeting's visibility, never from a public media URL."""

import uuid

from django.conf import settings
from django.db import models

from network.models.agenda import AgendaItem
from network.models.meetings import Meeting


def paper_path(instance, filename: str) -> str:
    """A random key: the stored name never reveals the meeting or the title,
    and an uploaded name can never choose where the file goes."""
    return f"papers/{uuid.uuid4().hex}"


class MeetingPaper(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="papers"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="papers",
    )
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=paper_path, max_length=200)
    filename = models.CharField(max_length=150, help_text="The name it downloads as.")
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agenda_item__order", "title", "pk"]

    def __str__(self) -> str:
        return self.title
