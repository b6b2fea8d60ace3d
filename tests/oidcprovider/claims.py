"""What the test provider asserts about each person: chosen on its sign-in
page and kept in a JSON file per user (no migrations in this tiny project)."""

import json

from django.conf import settings


def _path(user):
    return settings.WORK_DIR / f"claims-{user.pk}.json"


def save(user, data: dict) -> None:
    _path(user).write_text(json.dumps(data))


def load(user) -> dict:
    return json.loads(_path(user).read_text())


def userinfo(claims, user):
    data = load(user)
    claims["email"] = data["email"]
    claims["email_verified"] = data["email_verified"]
    claims["name"] = data["name"]
    return claims


def id_token_hook(id_token, user, token, request, **kwargs):
    data = load(user)
    id_token["email"] = data["email"]
    id_token["email_verified"] = data["email_verified"]
    if data["amr"]:
        id_token["amr"] = data["amr"]
    if data["audience"]:
        id_token["aud"] = data["audience"]
    return id_token
