"""Write audit events. Details are scrubbed of anything secret-looking."""

import logging

from django.contrib.auth import get_user_model

from audit.models import AuditEvent
from core.middleware import client_ip, current_request_id

logger = logging.getLogger("audit")

SECRET_WORDS = ("password", "token", "code", "secret", "session", "key", "otp")


def scrub(details: dict | None) -> dict:
    """Drop keys whose names suggest a secret; values are kept short."""
    clean = {}
    for key, value in (details or {}).items():
        if any(word in str(key).lower() for word in SECRET_WORDS):
            continue
        if isinstance(value, str):
            value = storable(value[:500])
        clean[str(key)] = value
    return clean


def storable(text: str) -> str:
    """A NUL as the %00 it was sent as: PostgreSQL cannot store the character,
    and a refused address with one in it is still worth recording."""
    return text.replace("\x00", "%00")


def describe(obj) -> str:
    """What the trail says about a record besides its type and id.

    Not str(obj): that is a person's name for an account, and names people in
    bookings, comments and responses, and audit rows outlive the account by
    years and cannot be changed. A model may offer `audit_label`, a
    description that never names a person.
    """
    return str(getattr(obj, "audit_label", "") or "")


def record(
    action: str,
    *,
    request=None,
    actor=None,
    obj=None,
    outcome: str = AuditEvent.Outcome.SUCCESS,
    details: dict | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
) -> AuditEvent:
    """Append one audit event; the actor defaults to the request's user."""
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or describe(obj)
    event = AuditEvent.objects.create(
        actor=actor if isinstance(actor, get_user_model()) else None,
        actor_label=getattr(actor, "email", "") or "",
        action=action,
        object_type=object_type[:100],
        object_id=str(object_id)[:64],
        object_repr=str(object_repr)[:200],
        outcome=outcome,
        ip_address=client_ip(request),
        request_id=current_request_id.get() if request is not None else "",
        path=(storable(request.path)[:300] if request is not None else ""),
        details=scrub(details),
    )
    logger.info(
        "audit %s %s",
        action,
        outcome,
        extra={"audit_action": action, "actor_id": event.actor_id},
    )
    return event
