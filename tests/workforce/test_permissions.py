"""Workforce changes × every persona: the status, and that a refusal changed
nothing.

What every role gets from each workforce URL is declared once in
tests/policies/workforce.py (checked by tests/security/test_policy_inventory.py).
Trust A's objects: a trust lead of Trust B must get 404 (not even learn they
exist); peer workers get 403 on register pages and 404 on objects.
"""

import pytest
from django.urls import reverse

from workforce.models import (
    ImplementationChecklistItem,
    Post,
    PostImport,
    PostStatusChange,
    TrustChecklistStatus,
    WorkforceReturn,
)

pytestmark = pytest.mark.django_db

P = ["anonymous", "peer_worker", "lead_a", "lead_b", "coordinator", "admin"]


def expect(anonymous, peer, lead_a, lead_b, coordinator, admin=None):
    return dict(
        zip(
            P,
            [anonymous, peer, lead_a, lead_b, coordinator, admin or coordinator],
            strict=True,
        )
    )


@pytest.fixture
def objects(post_a, trust_a, lead_a):
    staged = PostImport.objects.create(
        trust=trust_a, filename="a.csv", content="x", created_by=lead_a
    )
    ret = WorkforceReturn.objects.create(
        trust=trust_a,
        period="2025-Q1",
        snapshot_date="2025-06-30",
        due_date="2025-07-15",
        status="submitted",
    )
    return {
        "post": post_a,
        "trust": trust_a,
        "import": staged,
        "return": ret,
        "item": ImplementationChecklistItem.objects.first(),
    }


def _snapshot():
    return (
        list(Post.objects.values_list("pk", "status", "job_title", "trust_id")),
        PostStatusChange.objects.count(),
        list(TrustChecklistStatus.objects.values_list("status")),
        list(WorkforceReturn.objects.values_list("status")),
        list(ImplementationChecklistItem.objects.values_list("title")),
    )


POSTS = [
    (
        "workforce:post-update",
        lambda o: [o["post"].pk],
        {"job_title": "Hacked"},
        expect(302, 404, 200, 404, 200),
    ),
    (
        "workforce:post-status",
        lambda o: [o["post"].pk],
        {"to_status": "closed", "effective_date": "2024-02-01"},
        expect(302, 404, 302, 404, 302),
    ),
    (
        "workforce:import-confirm",
        lambda o: [o["import"].pk],
        {},
        expect(302, 404, 302, 404, 404),
    ),
    (
        "workforce:readiness-item",
        lambda o: [o["trust"].pk, o["item"].pk],
        {"status": "in_place"},
        expect(302, 404, 302, 404, 302),
    ),
    (
        "workforce:checklist-item-update",
        lambda o: [o["item"].pk],
        {"title": "Changed", "phase": "preparation", "area": "teams", "order": 1},
        expect(302, 403, 403, 403, 302),
    ),
    (
        "workforce:return-submit",
        lambda o: [o["return"].pk],
        {},
        expect(302, 404, 302, 404, 403),
    ),
    (
        "workforce:return-confirm",
        lambda o: [o["return"].pk],
        {},
        expect(302, 404, 403, 404, 302),
    ),
    (
        "workforce:return-send-back",
        lambda o: [o["return"].pk],
        {"reason": "Wrong"},
        expect(302, 404, 403, 404, 302),
    ),
]


@pytest.mark.parametrize("name, args, data, expected", POSTS, ids=[p[0] for p in POSTS])
@pytest.mark.parametrize(
    "who", ["anonymous", "peer_worker", "lead_b", "lead_a", "coordinator"]
)
def test_post_permission_matrix_and_refusals_write_nothing(
    login, personas, objects, name, args, data, expected, who
):
    before = _snapshot()
    response = login(personas[who]).post(reverse(name, args=args(objects)), data)
    assert response.status_code == expected[who]
    if expected[who] in (302, 403, 404) and who not in ("lead_a", "coordinator"):
        assert _snapshot() == before
