"""The one place workforce figures are cached and invalidated.

The regional figures are aggregates over every post and status-change row, so
computing them grows with the data; they are the same for everyone with the
same scope (rounded or exact) and filters, so they are cached in the
"figures" cache (Redis in production, the database cache by default).

Invalidation: every service that writes posts or status changes calls
`invalidate()`. How the generation token, its invalidation and outages work is
core.generation_cache's rule, shared with the work-home counts and the action
list's summary.
"""

import hashlib
from datetime import date

from django.db import models
from django.db.models.signals import post_delete, post_save

from core.generation_cache import ALIAS as ALIAS
from core.generation_cache import GenerationCache

FORMAT = 2  # bump when the shape of cached tables changes, so old pickles are ignored

generations = GenerationCache("workforce", timeout=600)
GENERATION_KEY = generations.generation_key
invalidate = generations.invalidate

# The dashboard's readiness and returns tables read checklist statuses, returns
# and trusts, which change without any post being written: a token of their
# own, replaced on every save or delete of those rows (signals, so the
# checklist page, the return services and the admin alike).
live = GenerationCache("workforce:live", timeout=600)


def _part(value) -> str:
    if isinstance(value, models.Model):
        return f"{value._meta.label_lower}:{value.pk}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def make_key(name: str, **parts) -> str:
    """A short, safe key from what the figures depend on (scope, dates, filters)."""
    text = "|".join(f"{k}={_part(v)}" for k, v in sorted(parts.items()) if v != "")
    digest = hashlib.sha256(f"{FORMAT}|{name}|{text}".encode()).hexdigest()[:32]
    return f"workforce:{name}:{digest}"


def cached(name: str, compute, **parts):
    """compute(), or its cached result for these parts under the current generation."""
    return generations.cached(make_key(name, **parts), compute)


def cached_live(name: str, compute, **parts):
    """compute(), or its cached result while no row the live tables read changed."""
    return live.cached(make_key(name, **parts), compute)


def connect() -> None:
    from network.models import MemberTrust
    from workforce.models import (
        ImplementationChecklistItem,
        TrustChecklistStatus,
        WorkforceReturn,
    )

    for model in (
        TrustChecklistStatus,
        ImplementationChecklistItem,
        WorkforceReturn,
        MemberTrust,
    ):
        for signal in (post_save, post_delete):
            signal.connect(
                live.invalidate, sender=model, dispatch_uid=f"workforce-live-{model}"
            )
