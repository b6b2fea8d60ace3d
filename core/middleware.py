import contextvars
import ipaddress
import uuid

from django.core.exceptions import BadRequest
from django.http import HttpResponse, HttpResponseNotAllowed

current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar(
    "request_id", default="-"
)


class RequestIdMiddleware:
    """Tags each request with an id (kept from X-Request-ID if a proxy set one)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        supplied = request.headers.get("X-Request-ID", "")
        request_id = supplied if 0 < len(supplied) <= 64 else uuid.uuid4().hex
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


class NulCharacterRefused(BadRequest):
    """A NUL character in a query string or a form: answered with a 400 that
    says so (home.views.pages.bad_request)."""


class RefuseNulCharactersMiddleware:
    """Refuse a NUL character in any query string or form value, for every page.

    PostgreSQL cannot compare or store one, so a value read straight from the
    request (a status to show, a note, a filter) was a 500 there. Django's form
    fields refuse NUL, but not every value goes through a form. The API's JSON
    bodies are left to its serializers, which refuse NUL field by field;
    reading them here as a form would change how the API answers a wrong
    content type.
    """

    # The 400 page adds "Nothing you sent has been saved. Go back and try again."
    MESSAGE = (
        "The address or form contains a null character (%00), which this "
        "service cannot accept"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        checked = [request.GET]
        if request.method == "POST" and not hasattr(view_func, "cls"):
            checked.append(request.POST)
        if any(_has_nul(values) for values in checked):
            raise NulCharacterRefused(self.MESSAGE)
        return None


def _has_nul(values) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in items)
        for key, items in values.lists()
    )


def answers_every_method(view):
    """For a view whose answer does not depend on the method (the API's
    catch-all "no API at this address" 404)."""
    view.answers_every_method = True
    return view


class HttpMethodMiddleware:
    """Plain function views treat any method as GET; say what they accept.

    Class-based views (the API's included) answer OPTIONS and refuse unknown
    methods themselves. For the rest: OPTIONS gets an empty 200 with `Allow`,
    and TRACE, PUT, PATCH, DELETE and anything else get 405.
    """

    ALLOWED = ("GET", "HEAD", "POST", "OPTIONS")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if any(
            hasattr(view_func, name)
            for name in ("view_class", "cls", "answers_every_method")
        ):
            return None
        allow = ", ".join(self.ALLOWED)
        if request.method == "OPTIONS":
            response = HttpResponse(status=200)
            response["Allow"] = allow
            return response
        if request.method not in self.ALLOWED:
            return HttpResponseNotAllowed(self.ALLOWED)
        return None


class WorkHomeFreshnessMiddleware:
    """Any change a person makes through the site marks cached work homes stale.

    Dozens of writes can clear a line on someone's work home (minutes drafted,
    a return confirmed, a trust lead invited, an email sent again), through the
    web and the API alike; listing each one means one is always forgotten and
    its line lingers for the cache's lifetime. So every write request that
    succeeds replaces the work home's generation token (one cache write, after
    the view's transaction). Writes outside a request (tasks, commands) call
    `core.workhome_cache.invalidate()` themselves or wait out its short timeout.
    """

    WRITES = ("POST", "PUT", "PATCH", "DELETE")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method in self.WRITES and response.status_code < 400:
            # Imported here: logging imports this module before the apps load.
            from core import workhome_cache

            workhome_cache.invalidate()
        return response


def client_ip(request) -> str | None:
    """The client address allauth also uses (honours TRUSTED_PROXY_COUNT)."""
    if request is None:
        return None
    try:
        from allauth.account.adapter import get_adapter

        candidate = get_adapter(request).get_client_ip(request)
    except Exception:  # a malformed header must never break the request
        candidate = request.META.get("REMOTE_ADDR")
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None
