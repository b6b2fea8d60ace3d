"""An NHS.UK-styled reference page built from our OpenAPI schema.

drf-spectacular's Swagger UI and Redoc pull scripts from a CDN, which the
strict CSP (and an offline machine) forbid, so the page is plain HTML.
"""

import functools
import threading

from django.shortcuts import render
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "post", "put", "patch", "delete")


def _ref_name(ref: dict | None) -> str:
    if not ref:
        return ""
    schema = ref.get("schema", ref)
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array" and "$ref" in schema.get("items", {}):
        return "list of " + schema["items"]["$ref"].rsplit("/", 1)[-1]
    return schema.get("type", "")


def _operation(path: str, method: str, op: dict) -> dict:
    body = op.get("requestBody", {}).get("content", {})
    return {
        "id": op.get("operationId", ""),
        "method": method.upper(),
        "path": path,
        "description": op.get("description", ""),
        "public": {} in op.get("security", [{}]),
        "parameters": [
            {
                "name": p["name"],
                "where": p["in"],
                "required": p.get("required", False),
                "description": p.get("description", ""),
                "enum": p.get("schema", {}).get("enum", []),
            }
            for p in op.get("parameters", [])
        ],
        "body": _ref_name(body.get("application/json")),
        "responses": [
            {
                "code": code,
                "schema": _ref_name(
                    r.get("content", {}).get("application/json")
                    or r.get("content", {}).get("application/problem+json")
                ),
            }
            for code, r in op.get("responses", {}).items()
        ],
    }


def grouped_operations(schema: dict) -> list[dict]:
    groups: dict[str, list] = {}
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                op = item[method]
                tag = (op.get("tags") or ["other"])[0]
                groups.setdefault(tag, []).append(_operation(path, method, op))
    return [{"tag": tag, "operations": ops} for tag, ops in sorted(groups.items())]


_schema_lock = threading.Lock()


@functools.cache
def _public_schema() -> dict:
    # The schema depends only on the code, so build it once per process; the
    # lock stops two threads building it at once (drf-spectacular's class
    # loading is not thread-safe: a threaded server could return a 500).
    with _schema_lock:
        return SchemaGenerator().get_schema(request=None, public=True)


def api_docs(request):
    schema = _public_schema()
    return render(
        request,
        "api/docs.html",
        {
            "info": schema["info"],
            "groups": grouped_operations(schema),
            "schema_url": reverse("api:schema"),
            "tokens_url": reverse("api:token-list"),
            "files": [
                (
                    "Training sessions calendar (iCalendar)",
                    reverse("api:feed-training"),
                ),
                (
                    "Public network events calendar (iCalendar)",
                    reverse("api:feed-network-events"),
                ),
                ("Open workforce figures (CSV)", reverse("api:open-workforce-csv")),
            ],
        },
    )
