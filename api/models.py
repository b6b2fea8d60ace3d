"""Personal API tokens: shown once, stored only as a SHA-256 hash."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

TOKEN_PREFIX = "nwpsw_"
PREFIX_SHOWN = 12  # "nwpsw_" and six random characters, enough to tell tokens apart


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def new_raw_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class ApiTokenQuerySet(models.QuerySet):
    def live(self):
        """Not revoked and not expired."""
        oldest = timezone.now() - timedelta(days=settings.API_TOKEN_MAX_AGE_DAYS)
        return self.filter(revoked_at__isnull=True, created_at__gt=oldest)


class ApiToken(models.Model):
    """A machine credential acting as its user, with exactly their access."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(
        max_length=100, help_text="What it is for, e.g. 'ESR export script'."
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=PREFIX_SHOWN, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                name="api_apitoken_hash_is_sha256",
                condition=Q(token_hash__regex=r"^[0-9a-f]{64}$"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def expires_at(self):
        """Computed, so shortening API_TOKEN_MAX_AGE_DAYS also ends older tokens."""
        return self.created_at + timedelta(days=settings.API_TOKEN_MAX_AGE_DAYS)

    @property
    def has_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None and not self.has_expired

    @classmethod
    def issue(cls, *, user, name: str) -> tuple["ApiToken", str]:
        """Create a token; the raw value is returned once and never stored."""
        raw = new_raw_token()
        token = cls.objects.create(
            user=user, name=name, token_hash=hash_token(raw), prefix=raw[:PREFIX_SHOWN]
        )
        return token, raw
