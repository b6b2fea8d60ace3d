"""The work home's lines, cached per person in the "figures" cache under one
generation token, so the header count on every page is one cache read.

What the lines say is the work home's own business (home/workhome.py); this
module only keeps them. Anything that changes what a work home counts calls
`invalidate()`: services for writes outside a request (tasks), and
core.middleware after every write request that succeeds. The token, its
invalidation and outages follow core.generation_cache, shared with the
workforce figures.
"""

from collections.abc import Callable

from core.generation_cache import GenerationCache

# The timeout is how stale another person's change may look, at most, when it
# was made outside a request and did not invalidate.
generations = GenerationCache("workhome", timeout=120)
GENERATION_KEY = generations.generation_key
invalidate = generations.invalidate


def cached_lines(user, compute: Callable[[object], list[dict]]) -> list[dict]:
    """compute(user), or its cached result under the current generation."""
    return generations.cached(f"workhome:{user.pk}", lambda: compute(user))
