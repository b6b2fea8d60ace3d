"""The request being served, for audit receivers that get no request."""

import contextvars

_current_request: contextvars.ContextVar = contextvars.ContextVar(
    "audit_request", default=None
)


def current_request():
    return _current_request.get()


def set_current_request(request):
    return _current_request.set(request)


def reset_current_request(token) -> None:
    _current_request.reset(token)
