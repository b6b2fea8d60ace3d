"""Access-policy declarations for the permission tests, one module per app
(`tests/policies/<app>.py`).

Each URL name has a `Policy`: the HTTP status every role should get for GET and
for POST, and a factory that builds the real object the URL needs. The test
`tests/security/test_policy_inventory.py` walks the URL resolver, fails for any
URL without a policy, then checks every declaration against the running code.

Statuses are written as six numbers in ROLES order, e.g.
"302 403 403 403 200 200" = anonymous sent to sign in, peer workers and trust
leads refused, coordinators and admins allowed.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = ("anonymous", "peer_worker", "lead_a", "lead_b", "coordinator", "admin")

# Frequently used rows, named for readability.
PUBLIC = "200 200 200 200 200 200"
SIGNED_IN = "302 200 200 200 200 200"
COORDINATORS = "302 403 403 403 200 200"
POST_ONLY = "405 405 405 405 405 405"
SIGNED_IN_POST_ONLY = "302 405 405 405 405 405"

# Housekeeping tables any request may write, a GET or a refusal included: the
# session, the database cache (rate limits, cached work-home counts) and the
# audit trail (recording a refusal is required).
ALLOWED_WRITES = ("django_session", "django_cache", "audit_auditevent")
_WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.I)


def writes(queries) -> list[str]:
    """The captured statements that changed data outside the housekeeping tables."""
    found = []
    for query in queries:
        sql = query["sql"]
        if _WRITE.match(sql) and not any(table in sql for table in ALLOWED_WRITES):
            found.append(sql[:160])
    return found


def parse(spec: str) -> dict[str, int]:
    codes = spec.split()
    if len(codes) != len(ROLES):
        raise ValueError(f"{spec!r}: need one status for each of {ROLES}")
    return dict(zip(ROLES, (int(code) for code in codes), strict=True))


class World:
    """The personas plus objects built on demand (once each) for URL kwargs.

    Objects belong to Trust A / lead A where ownership matters, so lead B is
    the cross-tenant probe.
    """

    def __init__(self, personas: dict, trust_a, trust_b):
        self.personas = personas
        self.trust_a = trust_a
        self.trust_b = trust_b
        self._made: dict[str, object] = {}

    def __getattr__(self, name):
        personas = self.__dict__.get("personas", {})
        if name in personas:
            return personas[name]
        raise AttributeError(name)

    def once(self, key: str, make: Callable[[], object]):
        if key not in self._made:
            self._made[key] = make()
        return self._made[key]


@dataclass(frozen=True)
class Policy:
    name: str  # the URL name, namespaced: "workforce:post-update"
    get: str | None = None  # six statuses (ROLES order); None = not declared
    post: str | None = None
    kwargs: Callable[[World], dict] | None = None  # builds the URL's objects
    query: str = ""  # appended to the URL, e.g. "?a=1"
    post_data: Callable[[World], dict] | None = None  # defaults to an empty form
    why: str = ""  # the rule in words, where the numbers need it

    def expected(self, method: str) -> dict[str, int] | None:
        spec = self.get if method == "GET" else self.post
        return parse(spec) if spec else None


@dataclass(frozen=True)
class PolicyGroup:
    """URL names declared together (third-party views such as the admin)."""

    prefix: str
    why: str
    samples: tuple[Policy, ...] = field(default_factory=tuple)
