"""Error reports to Sentry (when SENTRY_DSN is set), with personal data removed
before anything leaves the server."""

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
SECRET_HEADERS = {"authorization", "cookie", "x-csrftoken", "x-api-key"}
PERSONAL_KEYS = {"email", "username", "name", "first_name", "last_name", "ip_address"}


def _scrub_text(value):
    if isinstance(value, str):
        return EMAIL.sub("[email removed]", value)
    if isinstance(value, dict):
        return {
            k: "[removed]" if str(k).lower() in PERSONAL_KEYS else _scrub_text(v)
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [_scrub_text(v) for v in value]
    return value


def before_send(event, hint):
    """No request body, cookies, auth headers, user details, emails or names."""
    entry = event.get("logentry") or {}
    said = " ".join(map(str, [entry.get("message"), *(entry.get("params") or [])]))
    if event.get("logger") == "django.request" and "/healthz" in said:
        return None  # a 503 there is the alarm working, not an error in the code
    request = event.get("request") or {}
    request.pop("data", None)
    request.pop("cookies", None)
    headers = request.get("headers") or {}
    request["headers"] = {
        k: v for k, v in headers.items() if k.lower() not in SECRET_HEADERS
    }
    event.pop("user", None)
    for frame_holder in (event.get("exception") or {}).get("values", []):
        for frame in (frame_holder.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)  # local variables can hold anyone's data
    return _scrub_text(event)


def init_sentry(dsn: str, environment: str) -> None:
    if not dsn:
        return
    import sentry_sdk

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        # send_default_pii stays at its default, False (setting it at all warns
        # in sentry-sdk 2.7x, where it is deprecated).
        include_local_variables=False,
        max_request_body_size="never",
        before_send=before_send,
        traces_sample_rate=0,
    )
