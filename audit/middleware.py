"""Security middleware: audit of refusals/exports, session timeouts, no-store.

Kept in the audit app because each is about what is recorded or kept.
"""

import re
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from audit.context import reset_current_request, set_current_request
from audit.models import AuditEvent
from audit.recorder import record
from core.middleware import current_request_id

# API bulk writes are imports; page imports are recorded when a staged file is
# applied (workforce.services.post_import_apply), since both outcomes redirect.
API_IMPORT_URL_NAMES = {"api:post-bulk"}


# Downloads of data (CSV and Excel) are recorded as exports.
EXPORTS = ("text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml")


def _url_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else ""


class AuditMiddleware:
    """Records refusals, CSV exports and imports; exposes the request to receivers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = set_current_request(request)
        # For the error pages: "quote this reference" (same as X-Request-ID).
        request.request_id = current_request_id.get()
        try:
            response = self.get_response(request)
            self._record(request, response)
        finally:
            reset_current_request(token)
        return response

    def _record(self, request, response) -> None:
        status = response.status_code
        name = _url_name(request)
        details = {"url_name": name, "method": request.method, "status": status}
        if status == 401 and request.headers.get("Authorization"):
            # A bad or revoked API token: an authentication failure.
            record(
                AuditEvent.Action.LOGIN_FAILED,
                request=request,
                outcome=AuditEvent.Outcome.FAILURE,
                details={**details, "via": "api token"},
            )
        elif status == 403:
            record(
                AuditEvent.Action.ACCESS_DENIED,
                request=request,
                outcome=AuditEvent.Outcome.DENIED,
                details=details,
            )
        elif status == 404 and name and request.user.is_authenticated:
            # A matched URL whose object is missing or not visible to this user.
            record(
                AuditEvent.Action.NOT_FOUND,
                request=request,
                outcome=AuditEvent.Outcome.DENIED,
                details=details,
            )
        elif status == 200 and response.get("Content-Type", "").startswith(EXPORTS):
            record(AuditEvent.Action.EXPORT, request=request, details=details)
        elif (
            request.method == "POST"
            and status in (200, 201)
            and name in API_IMPORT_URL_NAMES
        ):
            record(AuditEvent.Action.IMPORT, request=request, details=details)


class SessionTimeoutMiddleware:
    """Signs people out after 30 minutes idle or 12 hours after sign-in.

    Django's SESSION_COOKIE_AGE alone is not absolute (each save extends it),
    so both limits are checked here from times kept in the session.
    """

    STARTED = "_security_started"
    SEEN = "_security_seen"
    # Avoid a session write on every request: refresh "seen" once a minute.
    SEEN_RESOLUTION = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            expired = self._expired(request.session, time.time())
            if expired:
                record(
                    AuditEvent.Action.SESSION_EXPIRED,
                    request=request,
                    details={"reason": expired},
                )
                logout(request)
                messages.info(
                    request,
                    "You were signed out for your security. Please sign in.",
                    fail_silently=True,
                )
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)

    def _expired(self, session, now: float) -> str:
        idle = getattr(settings, "SESSION_IDLE_TIMEOUT", 30 * 60)
        absolute = getattr(settings, "SESSION_ABSOLUTE_TIMEOUT", 12 * 3600)
        started = session.get(self.STARTED)
        seen = session.get(self.SEEN)
        if started is None:
            session[self.STARTED] = session[self.SEEN] = now
            return ""
        if now - started > absolute:
            return "absolute"
        if seen is not None and now - seen > idle:
            return "idle"
        if seen is None or now - seen > self.SEEN_RESOLUTION:
            session[self.SEEN] = now
        return ""


class NoStoreMiddleware:
    """Signed-in pages must not be kept by browsers or shared caches."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


class ExpensiveRequestThrottleMiddleware:
    """Per-user limit on exports, imports and bulk writes (ASVS 2.4.1, SEC-28).

    Counted per minute in the shared database cache, so the limit holds across
    gunicorn workers. The API has its own DRF throttles as well.
    """

    EXPENSIVE = re.compile(r"(csv|export|import|bulk)", re.I)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        match = request.resolver_match
        if user is None or not user.is_authenticated or match is None:
            return None
        if not self.EXPENSIVE.search(match.view_name):
            return None
        limit = getattr(settings, "EXPENSIVE_REQUESTS_PER_MINUTE", 30)
        key = f"expensive:{user.pk}:{int(time.time() // 60)}"
        cache.add(key, 0, timeout=120)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            count = 1
        if count > limit:
            record(
                AuditEvent.Action.ACCESS_DENIED,
                request=request,
                outcome=AuditEvent.Outcome.DENIED,
                details={"url_name": match.view_name, "reason": "rate limit"},
            )
            response = render(request, "429.html", status=429)
            response["Retry-After"] = "60"
            return response
        return None
