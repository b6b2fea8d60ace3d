from django.conf import settings
from django.db import models


class TimeStampedModel(models.Model):
    """Who created and last changed a row, and when."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        abstract = True


class Notification(models.Model):
    """One message in the outbox. The unique key makes every reminder send once.

    pending → sending (claimed by one worker) → sent; on a transient error back to
    pending with a later `next_attempt_at`; after the last attempt, failed (which a
    coordinator can see and retry). Sent through GOV.UK Notify, a delivery
    receipt then moves a sent message on to delivered, or to failed with the
    reason (`receipt_changes`).
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to send"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"

    class Receipt(models.TextChoices):
        """GOV.UK Notify's final statuses for an email, with what each means."""

        DELIVERED = "delivered", "Delivered"
        PERMANENT_FAILURE = (
            "permanent-failure",
            "The email address does not exist or its provider refused the "
            "email. Check the address before you send it again.",
        )
        TEMPORARY_FAILURE = (
            "temporary-failure",
            "The inbox was full or a spam filter refused the email. "
            "You can send it again later.",
        )
        TECHNICAL_FAILURE = (
            "technical-failure",
            "GOV.UK Notify had a technical problem. You can send it again.",
        )

    kind = models.CharField(max_length=60)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(max_length=40)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    occurrence = models.CharField(max_length=100)
    subject = models.CharField(max_length=250)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    # An iCalendar file sent with reminders about a date (meetings, courses).
    calendar = models.TextField(blank=True)
    # A file sent with the message (the quarterly board pack's PDF), kept with
    # the row so a retry sends exactly what was recorded.
    attachment_name = models.CharField(max_length=100, blank=True)
    attachment = models.BinaryField(blank=True, default=b"")

    class Delivery(models.TextChoices):
        IMMEDIATE = "immediate", "Straight away"
        DIGEST = "digest", "In a weekly digest"

    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    delivery = models.CharField(
        max_length=10, choices=Delivery, default=Delivery.IMMEDIATE
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # GOV.UK Notify's delivery receipt (blank until one arrives) and its time.
    receipt = models.CharField(max_length=20, choices=Receipt, blank=True)
    receipt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id", "recipient", "occurrence"],
                name="core_notification_once_per_occurrence",
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.kind} to {self.recipient_id} ({self.status})"

    # Sent one way or another: no longer waiting in the queue.
    FINISHED = (Status.SENT, Status.DELIVERED, Status.FAILED)
    # Only a message handed to the sender can be settled by its receipt; one put
    # back in the queue since then ignores a late receipt for the earlier send.
    AWAITING_RECEIPT = (Status.SENDING, Status.SENT)

    @classmethod
    def receipt_changes(cls, receipt: str, at) -> dict:
        """The fields a delivery receipt sets: delivered, or failed with the reason."""
        receipt = cls.Receipt(receipt)
        changes = {"receipt": receipt, "receipt_at": at}
        if receipt == cls.Receipt.DELIVERED:
            return {**changes, "status": cls.Status.DELIVERED}
        reason = f"Not delivered: {receipt.label}"
        return {**changes, "status": cls.Status.FAILED, "last_error": reason}


class NotificationPreference(models.Model):
    """How a person wants one category of reminders: straight away, weekly, or not."""

    class Choice(models.TextChoices):
        IMMEDIATE = "immediate", "Straight away"
        DIGEST = "digest", "In a weekly digest (Mondays)"
        OFF = "off", "Do not email me"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    category = models.CharField(max_length=30)
    choice = models.CharField(max_length=10, choices=Choice)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "category"],
                name="core_notificationpreference_one_per_category",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.category}: {self.choice}"


class ReminderLeadTime(models.Model):
    """A coordinator's choice of how many days before a date a reminder goes out."""

    key = models.CharField(max_length=10, unique=True)  # e.g. "R9"
    days = models.CharField(max_length=60)  # e.g. "14,3"
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.key}: {self.days}"
