"""One back-off for the "figures" cache, shared by everything cached in it (the
workforce figures, the work-home counts, the action list's summary, the
drawn filter forms and the API's rate-limit counts).

After any error on that cache, everything skips it in this process for a while
rather than pay a connection timeout on every request: a hung cache costs one
timeout per process, not one per use. Skipping it just means computing from the
database (rate limits count in the database cache instead).
"""

import logging
import time

logger = logging.getLogger(__name__)

RETRY_AFTER = 10.0  # seconds the cache is skipped after an error

_state = {"down_until": 0.0}


def available() -> bool:
    """False for a while after any error on the "figures" cache; check it first."""
    return time.monotonic() >= _state["down_until"]


def failed(action: str, error: Exception) -> None:
    _state["down_until"] = time.monotonic() + RETRY_AFTER
    logger.warning("figures cache %s failed, computing instead: %r", action, error)
