"""SEC-05, SEC-07, SEC-09: every URL has a declared access policy, and it holds.

Each app's URLs are declared in `tests/policies/<app>.py`: what every role gets from each of its
URLs. This test fails for a URL without a declaration, then checks each
declaration for every persona against real objects. Refusals must write
nothing to the database (sessions, the rate-limit cache and the audit trail
excepted: recording the refusal is required).
"""

import json
import os

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from tests.policies import ROLES, Policy, writes
from tests.security.inventory import all_checks, declared, undeclared, url_names

JSON = "application/json"
RECORD = os.environ.get("POLICY_RECORD")  # a file: write observations, no asserts


def is_refusal(role: str, status: int, response) -> bool:
    if status in (401, 403, 404, 405):
        return True
    login = reverse("account_login")
    return role == "anonymous" and status == 302 and login in response["Location"]


def test_every_url_has_a_declared_policy():
    missing = undeclared()
    assert not missing, (
        "URLs without an access policy in tests/policies/<app>.py:\n"
        + ("\n".join(missing))
    )


def test_every_declaration_names_a_real_url():
    names = url_names()
    policies, groups = declared()
    stale = [name for name in policies if name not in names]
    stale += [s.name for g in groups for s in g.samples if s.name not in names]
    assert not stale, f"Policies for URL names that no longer exist: {stale}"


def _exercise(policy: Policy, world, client_for) -> list[str]:
    """Run the declared methods for every role; return the mismatches."""
    problems = []
    kwargs = policy.kwargs(world) if policy.kwargs else {}
    url = reverse(policy.name, kwargs=kwargs) + policy.query
    data = policy.post_data(world) if policy.post_data else {}
    observed = {}
    for method in ("GET", "POST"):
        spec = policy.get if method == "GET" else policy.post
        if spec is None:
            continue
        expected = None if spec == "TODO" or RECORD else policy.expected(method)
        statuses = []
        for role in ROLES:
            client = client_for(role)
            sid = transaction.savepoint()
            try:
                with CaptureQueriesContext(connection) as queries:
                    if method == "GET":
                        response = client.get(url)
                    elif url.startswith("/api/v1/"):
                        response = client.post(url, data, content_type=JSON)
                    else:
                        response = client.post(url, data)
                status = response.status_code
                statuses.append(status)
                if expected and status != expected[role]:
                    problems.append(
                        f"{method} {url} as {role}: {status}, declared {expected[role]}"
                    )
                if is_refusal(role, status, response):
                    written = writes(queries.captured_queries)
                    if written:
                        problems.append(f"{method} {url} as {role} wrote: {written}")
                    if status == 403:
                        assert AuditEvent.objects.filter(
                            action=AuditEvent.Action.ACCESS_DENIED, path=url
                        ).exists(), f"{method} {url} as {role}: refusal not audited"
            finally:
                transaction.savepoint_rollback(sid)
        observed[method] = " ".join(str(s) for s in statuses)
    if RECORD:
        with open(RECORD, "a") as handle:
            handle.write(json.dumps({"name": policy.name, **observed}) + "\n")
    return problems


@pytest.mark.django_db
@pytest.mark.parametrize("policy", all_checks(), ids=lambda p: p.name)
def test_declared_policy_holds_for_every_role(policy, world, client_for):
    problems = _exercise(policy, world, client_for)
    assert not problems, "\n".join(problems)
