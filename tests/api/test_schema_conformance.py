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
