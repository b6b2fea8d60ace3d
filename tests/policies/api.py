"""Declared access policy for every API URL (checked by tests/security).

The API uses the same permission rules as the pages: lead B probes Trust A's
objects, and the peer worker owns the booking. Statuses follow
tests.policies.ROLES: anonymous, peer worker, lead A, lead B, coordinator, admin.
Anonymous API calls get 401/403 (no redirect to a sign-in page).
"""

from tests.policies import PUBLIC, SIGNED_IN, Policy, World
from tests.policies.network import action_item, meeting
from tests.policies.standards import standard, version
from tests.policies.training import booking, opportunity
from tests.policies.workforce import post


def api_token(w: World):
    from api.models import ApiToken

    return w.once(
        "api.token", lambda: ApiToken.issue(user=w.lead_a, name="Spreadsheet")[0]
    )


def pk_of(factory):
    return lambda w: {"pk": factory(w).pk}


POLICIES = [
    Policy("api:trust-list", get=PUBLIC),
    Policy(
        "api:trust-detail",
        get=PUBLIC,
        kwargs=lambda w: {"pk": w.trust_a.pk},
    ),
    Policy("api:meeting-list", get=PUBLIC),
    Policy("api:meeting-detail", get="404 200 200 200 200 200", kwargs=pk_of(meeting)),
    Policy("api:action-list", get="401 200 200 200 200 200"),
    Policy(
        "api:action-detail", get="401 200 200 200 200 200", kwargs=pk_of(action_item)
    ),
    Policy(
        "api:action-progress",
        get="401 405 405 405 405 405",
        post="401 403 400 403 400 400",
        kwargs=pk_of(action_item),
    ),
    Policy(
        "api:action-updates", get="401 200 200 200 200 200", kwargs=pk_of(action_item)
    ),
    Policy(
        "api:post-list", get="401 403 200 200 200 200", post="401 403 400 400 400 400"
    ),
    Policy("api:post-detail", get="401 403 200 404 200 200", kwargs=pk_of(post)),
    Policy(
        "api:post-status",
        get="401 403 405 405 405 405",
        post="401 403 400 404 400 400",
        kwargs=pk_of(post),
    ),
    Policy("api:post-changes", get="401 403 200 404 200 200", kwargs=pk_of(post)),
    Policy(
        "api:post-bulk", get="401 403 405 405 405 405", post="401 403 400 400 400 400"
    ),
    Policy("api:standard-list", get=PUBLIC),
    Policy(
        "api:standard-detail",
        get="404 200 200 200 200 200",
        kwargs=lambda w: {"code": standard(w).code},
    ),
    Policy(
        "api:standard-version-list",
        get="404 200 200 200 200 200",
        kwargs=lambda w: {"code": standard(w).code},
    ),
    Policy(
        "api:standard-version-detail",
        get="404 200 200 200 200 200",
        kwargs=lambda w: {"code": standard(w).code, "number": version(w).number},
    ),
    Policy("api:opportunity-list", get=PUBLIC),
    Policy(
        "api:opportunity-detail",
        get=PUBLIC,
        kwargs=pk_of(opportunity),
    ),
    Policy(
        "api:booking-list",
        get="401 200 200 200 200 200",
        post="401 400 400 400 400 400",
    ),
    Policy("api:booking-detail", get="401 200 404 404 404 404", kwargs=pk_of(booking)),
    Policy(
        "api:booking-cancel",
        get="401 405 405 405 405 405",
        post="401 200 404 404 404 404",
        kwargs=pk_of(booking),
    ),
    Policy("api:feed-training", get=PUBLIC),
    Policy("api:feed-network-events", get=PUBLIC),
    Policy(
        "api:open-workforce",
        get=PUBLIC,
        why="Open data: public, every count rounded to the nearest 5.",
    ),
    Policy("api:open-workforce-csv", get=PUBLIC),
    Policy(
        "api:not-found",
        get="404 404 404 404 404 404",
        query="",
        kwargs=None,
        why="Any other /api/v1/ path answers 404 in the API's error format.",
    ),
    Policy("api:index", get="302 302 302 302 302 302"),
    Policy("api:schema", get=PUBLIC),
    Policy("api:docs", get=PUBLIC),
    Policy(
        "api:token-list",
        get=SIGNED_IN,
        post="302 302 302 302 302 302",
        why="Creating a token always asks 'confirm it is you' first.",
    ),
    Policy(
        "api:token-revoke",
        get="302 404 200 404 404 404",
        post="302 404 302 404 404 404",
        kwargs=pk_of(api_token),
    ),
]
