"""Schema post-processing: document the shared problem+json error responses on
every operation, so clients (and schema-based testers) know their shape, and
the one answer that comes from the web server rather than the service."""

PROBLEM = {
    "type": "object",
    "description": "RFC 9457 problem details.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "object",
            "description": "Messages by field (400 only).",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["type", "title", "status", "detail"],
}
ERRORS = {
    "400": "Bad input: see errors",
    "401": "No valid token or session",
    "403": "Not allowed",
    "404": "Not found, or not visible to you",
    "429": "Too many requests: see Retry-After",
}

# gunicorn refuses a request line (method, address and query) over 4,094 bytes
# (its limit_request_line, config/gunicorn.conf.py) with its own HTML page,
# before the service sees the request.
TOO_LONG = {
    "description": "The request line is over 4,094 bytes: the web server "
    "refuses it, as HTML, before the service reads it",
    "content": {"text/html": {"schema": {"type": "string"}}},
}


def add_problem_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    ref = {"$ref": "#/components/schemas/Problem"}
    for item in result.get("paths", {}).values():
        for operation in item.values():
            responses = operation.setdefault("responses", {})
            for code, description in ERRORS.items():
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/problem+json": {"schema": ref}},
                    },
                )
            responses.setdefault("414", TOO_LONG)
    return result
