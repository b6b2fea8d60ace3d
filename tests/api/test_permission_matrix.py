"""Every endpoint × every persona, by token. Refusals write nothing."""

import pytest

from network.models import ActionItem, ActionUpdate
from training.models import TrainingBooking
from workforce.models import Post, PostStatusChange

from .conftest import post_body

PERSONAS = ["anonymous", "peer_worker", "lead_a", "lead_b", "coordinator", "admin"]


def _expect(*codes):
    return dict(zip(PERSONAS, codes, strict=True))


ALL_200 = _expect(200, 200, 200, 200, 200, 200)
SIGNED_IN_200 = _expect(401, 200, 200, 200, 200, 200)

READS = [
    ("/api/v1/trusts/", ALL_200),
    ("/api/v1/meetings/", ALL_200),
    ("/api/v1/meetings/{public}/", ALL_200),
    ("/api/v1/meetings/{private}/", _expect(404, 200, 200, 200, 200, 200)),
    ("/api/v1/actions/", SIGNED_IN_200),
    ("/api/v1/actions/{item_a}/", SIGNED_IN_200),
    ("/api/v1/actions/{item_a}/updates/", SIGNED_IN_200),
    ("/api/v1/posts/", _expect(401, 403, 200, 200, 200, 200)),
    ("/api/v1/posts/{post_a}/", _expect(401, 403, 200, 404, 200, 200)),
    ("/api/v1/posts/{post_a}/changes/", _expect(401, 403, 200, 404, 200, 200)),
    ("/api/v1/standards/", ALL_200),
    ("/api/v1/standards/NWPSW-S03/", ALL_200),
    ("/api/v1/standards/NWPSW-S03/versions/", ALL_200),
    ("/api/v1/standards/NWPSW-S03/versions/1/", ALL_200),
    ("/api/v1/standards/NWPSW-S03/versions/2/", _expect(404, 200, 200, 200, 200, 200)),
    ("/api/v1/training/opportunities/", ALL_200),
    ("/api/v1/training/opportunities/{opportunity}/", ALL_200),
    ("/api/v1/training/bookings/", SIGNED_IN_200),
    ("/api/v1/open-data/workforce/", ALL_200),
    ("/api/v1/open-data/workforce.csv", ALL_200),
    ("/api/v1/feeds/training.ics", ALL_200),
    ("/api/v1/feeds/network-events.ics", ALL_200),
    ("/api/schema/", ALL_200),
    ("/api/docs/", ALL_200),
]


def _url(template, world):
    return template.format(**{k: getattr(v, "pk", v) for k, v in world.items()})


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("template", "expected"), READS, ids=[r[0] for r in READS])
def test_reads(api, personas, world, persona, template, expected):
    response = api(personas[persona]).get(_url(template, world))
    assert response.status_code == expected[persona]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "expected"), _expect(401, 403, 200, 404, 200, 200).items()
)
def test_post_edit(api, personas, world, persona, expected):
    post = world["post_a"]
    response = api(personas[persona]).patch(
        f"/api/v1/posts/{post.pk}/", {"job_title": "Senior PSW"}, format="json"
    )
    assert response.status_code == expected
    post.refresh_from_db()
    changed = post.job_title == "Senior PSW"
    assert changed is (expected == 200)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "expected"), _expect(401, 403, 201, 404, 201, 201).items()
)
def test_post_status_change(api, personas, world, persona, expected):
    post = world["post_a"]
    response = api(personas[persona]).post(
        f"/api/v1/posts/{post.pk}/status/",
        {"to_status": "recruiting", "effective_date": "2025-03-01"},
        format="json",
    )
    assert response.status_code == expected
    post.refresh_from_db()
    assert (post.status == "recruiting") is (expected == 201)
    assert PostStatusChange.objects.filter(post=post).count() == (
        2 if expected == 201 else 1
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "expected"), _expect(401, 403, 201, 400, 201, 201).items()
)
def test_post_create_for_trust_a(api, personas, world, trust_a, persona, expected):
    """Lead B naming Trust A's id is refused as an invalid choice (tampering)."""
    response = api(personas[persona]).post(
        "/api/v1/posts/", post_body(trust_a), format="json"
    )
    assert response.status_code == expected
    assert Post.objects.filter(local_ref="NEW-1").exists() is (expected == 201)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "expected"), _expect(401, 403, 403, 403, 201, 201).items()
)
def test_action_create(api, personas, world, objective, lead_a, persona, expected):
    body = {
        "objective": objective.pk,
        "action": "Publish the induction standard",
        "owner": lead_a.pk,
        "due_date": "2026-12-31",
    }
    response = api(personas[persona]).post("/api/v1/actions/", body, format="json")
    assert response.status_code == expected
    created = ActionItem.objects.filter(action=body["action"]).exists()
    assert created is (expected == 201)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "expected"), _expect(401, 403, 403, 403, 200, 200).items()
)
def test_action_edit(api, personas, world, persona, expected):
    item = world["item_a"]
    response = api(personas[persona]).patch(
        f"/api/v1/actions/{item.pk}/",
        {"action": "Rewritten", "version": item.version},
        format="json",
    )
    assert response.status_code == expected
    item.refresh_from_db()
    assert (item.action == "Rewritten") is (expected == 200)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "expected"), _expect(401, 403, 201, 403, 201, 201).items()
)
def test_action_progress(api, personas, world, persona, expected):
    """The owner (lead A), coordinators: yes; lead B and peers: no."""
    item = world["item_a"]
    body = {
        "version": item.version,
        "on": "2025-05-01",
        "note": "Draft circulated",
        "status": "in_progress",
        "rag": "amber",
    }
    response = api(personas[persona]).post(
        f"/api/v1/actions/{item.pk}/progress/", body, format="json"
    )
    assert response.status_code == expected
    assert ActionUpdate.objects.filter(item=item).exists() is (expected == 201)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "expected"), _expect(401, 201, 201, 201, 201, 201).items()
)
def test_booking_create(api, personas, world, persona, expected):
    opp = world["opportunity"]
    response = api(personas[persona]).post(
        "/api/v1/training/bookings/", {"opportunity": opp.pk}, format="json"
    )
    assert response.status_code == expected
    assert TrainingBooking.objects.filter(opportunity=opp).exists() is (expected == 201)
