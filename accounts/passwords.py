"""Refuse passwords known from public breaches, from a bundled offline list.

ASVS 6.2.12. The list is SHA-1 hashes (the Have I Been Pwned download format),
so it can be swapped for a larger one via BREACHED_PASSWORDS_FILE without code
changes. No network call is made.
"""

import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError

DEFAULT_LIST = Path(__file__).resolve().parent / "data" / "breached_passwords.txt"


@cache
def _load(path: str) -> frozenset[str]:
    hashes = set()
    with open(path, encoding="ascii") as handle:
        for line in handle:
            line = line.strip()
            if line and not line.startswith("#"):
                hashes.add(line.split(":", 1)[0].upper())
    return frozenset(hashes)


class BreachedPasswordValidator:
    def __init__(self, path: str | None = None):
        self.path = str(
            path or getattr(settings, "BREACHED_PASSWORDS_FILE", "") or DEFAULT_LIST
        )

    def validate(self, password, user=None):
        digest = hashlib.sha1(password.encode("utf-8")).hexdigest().upper()  # noqa: S324
        if digest in _load(self.path):
            raise ValidationError(
                "This password has appeared in a data breach, so others may try "
                "it. Choose a different one.",
                code="password_breached",
            )

    def get_help_text(self):
        return "Your password must not be one known from a data breach."
