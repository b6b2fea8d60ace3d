"""Every GET in the schema, for the public, a trust lead and a coordinator:
no server errors, and every 200 body matches its documented schema.

A small stand-in for a Schemathesis run (not installed here): the same
question, answered over the fixtures' objects rather than generated input.
"""

import re

import jsonschema
import pytest
from drf_spectacular.generators import SchemaGenerator

from training.models import TrainingBooking


def _json_schema(node):
    """OpenAPI 3.0 → JSON Schema, recursively: `nullable` becomes a null
    alternative, and `oneOf` becomes `anyOf` because formats (such as uri,
    which tells a URL from the blank alternative) are not checked here."""
    if isinstance(node, list):
        return [_json_schema(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {
        ("anyOf" if k == "oneOf" else k): _json_schema(v)
        for k, v in node.items()
        if k != "nullable"
    }
    if node.get("nullable"):
        return {"anyOf": [out, {"type": "null"}]}
    return out


@pytest.fixture
def schema(db):
    return SchemaGenerator().get_schema(request=None, public=True)


def _fill(path, world, booking):
    ids = {
        "posts": world["post_a"].pk,
        "actions": world["item_a"].pk,
        "meetings": world["public"].pk,
        "trusts": world["post_a"].trust_id,
        "opportunities": world["opportunity"].pk,
        "bookings": booking.pk,
    }
    collection = re.search(r"/([a-z-]+)/\{id\}", path)
    if collection:
        path = path.replace("{id}", str(ids[collection.group(1)]))
    return path.replace("{code}", "NWPSW-S03").replace("{number}", "1")


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["anonymous", "lead_a", "coordinator"])
def test_every_get_conforms_to_the_schema(api, personas, world, schema, persona):
    user = personas[persona]
    booking = TrainingBooking.objects.create(
        opportunity=world["opportunity"],
        user=user or personas["peer_worker"],
        status="booked",
    )
    client = api(user)
    components = _json_schema(schema["components"])
    checked = 0
    for path, item in schema["paths"].items():
        if "get" not in item:
            continue
        response = client.get(_fill(path, world, booking))
        assert response.status_code < 500, path
        documented = item["get"]["responses"].get(str(response.status_code))
        assert documented, f"{path}: {response.status_code} is not documented"
        if response.status_code != 200:
            continue
        body_schema = documented["content"]["application/json"]["schema"]
        root = {**_json_schema(body_schema), "components": components}
        jsonschema.validate(response.json(), root)
        checked += 1
    assert checked >= (8 if user is None else 12)


def _body_schema(schema, path, method, status):
    documented = schema["paths"][path][method]["responses"][str(status)]
    body = documented["content"]["application/json"]["schema"]
    return {**_json_schema(body), "components": _json_schema(schema["components"])}


@pytest.mark.django_db
def test_write_responses_conform_to_the_schema(api, lead_a, world, schema):
    from .conftest import post_body

    client = api(lead_a)
    post = world["post_a"]
    item = world["item_a"]
    writes = [
        ("/api/v1/posts/", "post", 201, {}, post_body(post.trust)),
        ("/api/v1/posts/{id}/", "patch", 200, {"id": post.pk}, {"wte": "0.5"}),
        (
            "/api/v1/posts/{id}/status/",
            "post",
            201,
            {"id": post.pk},
            {"to_status": "recruiting", "effective_date": "2025-03-01"},
        ),
        (
            "/api/v1/actions/{id}/progress/",
            "post",
            201,
            {"id": item.pk},
            {
                "version": item.version,
                "on": "2025-05-01",
                "note": "On track",
                "status": "in_progress",
                "rag": "green",
            },
        ),
        (
            "/api/v1/training/bookings/",
            "post",
            201,
            {},
            {"opportunity": world["opportunity"].pk},
        ),
    ]
    for path, method, status, ids, body in writes:
        url = path.format(**ids)
        response = getattr(client, method)(url, body, format="json")
        assert response.status_code == status, (path, response.json())
        jsonschema.validate(response.json(), _body_schema(schema, path, method, status))
    bad = client.post("/api/v1/posts/", {}, format="json")
    problem = _body_schema_problem(schema)
    jsonschema.validate(bad.json(), problem)


def _body_schema_problem(schema):
    ref = schema["paths"]["/api/v1/posts/"]["post"]["responses"]["400"]
    body = ref["content"]["application/problem+json"]["schema"]
    return {**body, "components": schema["components"]}
