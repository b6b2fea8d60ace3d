"""Declared access policy for the API URLs (filled in as endpoints land)."""

from audit.policy import Policy  # noqa: F401 - used as endpoints are declared

POLICIES: list = []
