"""Declared access policy for every core URL and the Django admin.

Statuses follow tests.policies.ROLES: anonymous, peer worker, lead A, lead B,
coordinator, admin.
"""

from tests.policies import COORDINATORS, PUBLIC, SIGNED_IN, Policy, PolicyGroup, World


def notification(w: World):
    from django.contrib.contenttypes.models import ContentType

    from core.models import Notification

    return w.once(
        "core.notification",
        lambda: Notification.objects.create(
            kind="test",
            content_type=ContentType.objects.get_for_model(w.lead_a),
            object_id=str(w.lead_a.pk),
            recipient=w.lead_a,
            occurrence="1",
            subject="Reminder",
            body_text="Body",
            status="failed",
        ),
    )


def unsubscribe_token(w: World) -> dict:
    from core.preferences import unsubscribe_url

    token = unsubscribe_url(w.lead_a, "meetings").rstrip("/").rsplit("/", 1)[-1]
    return {"token": token}


def invitation_token(w: World) -> dict:
    from core.govuk_notify import file_of
    from core.models import Notification

    note = notification(w)
    Notification.objects.filter(pk=note.pk).update(calendar="BEGIN:VCALENDAR")
    note.refresh_from_db()
    return {"token": file_of(note).link.rstrip("/").rsplit("/", 1)[-1]}


def attachment_token(w: World) -> dict:
    from django.contrib.contenttypes.models import ContentType

    from core.govuk_notify import file_of
    from core.models import Notification

    note = w.once(
        "core.notification-attachment",
        lambda: Notification.objects.create(
            kind="board-pack",
            content_type=ContentType.objects.get_for_model(w.lead_a),
            object_id=str(w.lead_a.pk),
            recipient=w.lead_a,
            occurrence="2026-Q3",
            subject="Board pack",
            body_text="Attached.",
            status="sent",
            attachment_name="board-pack.pdf",
            attachment=b"%PDF-1.4",
        ),
    )
    return {"token": file_of(note).link.rstrip("/").rsplit("/", 1)[-1]}


def chase_meeting(w: World) -> dict:
    from tests.policies.network import meeting

    return {"key": meeting(w).pk}


def chase_consultation(w: World) -> dict:
    from tests.policies.standards import version

    return {"key": version(w).pk}


def chase_returns(w: World) -> dict:
    from tests.policies.workforce import workforce_return

    return {"key": workforce_return(w).period}


# A chase redirects back to its page after sending (or refusing).
COORDINATORS_POST = "302 403 403 403 302 302"

POLICIES = [
    Policy("core:home", get=PUBLIC),
    Policy("core:dashboard", get=SIGNED_IN),
    Policy(
        "core:needs",
        get="302 200 200 200 404 404",
        kwargs=lambda w: {"key": "bookings"},
        why="Each list belongs to the homes of the roles it is for; "
        "others get not found (tests/core/test_workhome.py checks every list).",
    ),
    Policy("core:accessibility", get=PUBLIC),
    Policy("core:about", get=PUBLIC),
    Policy("core:about-peer-support", get=PUBLIC),
    Policy("core:privacy", get=PUBLIC),
    Policy("core:cookies", get=PUBLIC),
    Policy(
        "core:healthz",
        get="503 503 503 503 503 503",
        why="Open to all; 503 here because no reminder scan or worker heartbeat "
        "has run in the test world (tests/core/test_health.py checks both answers).",
    ),
    Policy("core:livez", get=PUBLIC),
    Policy(
        "core:metrics",
        get="404 404 404 404 404 404",
        why="Only configured addresses or the bearer token, whatever the role "
        "(tests/core/test_metrics.py).",
    ),
    Policy("core:favicon", get="301 301 301 301 301 301"),
    Policy("core:notifications", get=COORDINATORS),
    Policy(
        "core:notification-retry",
        get="302 405 405 405 405 405",
        post="302 403 403 403 302 302",
        kwargs=lambda w: {"pk": notification(w).pk},
    ),
    Policy(
        "core:chase-meeting",
        get=COORDINATORS,
        post=COORDINATORS_POST,
        kwargs=chase_meeting,
    ),
    Policy(
        "core:chase-consultation",
        get=COORDINATORS,
        post=COORDINATORS_POST,
        kwargs=chase_consultation,
    ),
    Policy(
        "core:chase-returns",
        get=COORDINATORS,
        post=COORDINATORS_POST,
        kwargs=chase_returns,
    ),
    Policy(
        "core:notify-receipt",
        get="405 405 405 405 405 405",
        post="401 401 401 401 401 401",
        why="GOV.UK Notify's delivery receipts: only with its bearer token, whoever "
        "is signed in (tests/core/test_govuk_notify.py).",
    ),
    Policy(
        "core:outbox-calendar",
        get=PUBLIC,
        post="405 405 405 405 405 405",
        kwargs=invitation_token,
        why="The signed link in an email sent through GOV.UK Notify is the "
        "credential, as for unsubscribing.",
    ),
    Policy(
        "core:outbox-attachment",
        get="302 404 200 404 404 404",
        post="302 405 405 405 405 405",
        kwargs=attachment_token,
        why="A file linked from an email sent through GOV.UK Notify (the board "
        "pack): its recipient only (lead A here), signed in; others not found.",
    ),
    Policy("core:lead-times", get=COORDINATORS, post=COORDINATORS),
    Policy(
        "core:my-notifications",
        get=SIGNED_IN,
        post=SIGNED_IN,
    ),
    Policy(
        "core:unsubscribe",
        get=PUBLIC,
        post=PUBLIC,
        kwargs=unsubscribe_token,
        why="The signed link is the credential (RFC 8058 one-click unsubscribe).",
    ),
]

GROUPS = [
    PolicyGroup(
        "admin:",
        "Django admin: staff only, behind allauth's login (rate limited, MFA).",
        samples=(
            Policy("admin:index", get="302 302 302 302 302 200"),
            Policy("admin:accounts_user_changelist", get="302 302 302 302 302 200"),
            Policy("admin:audit_auditevent_changelist", get="302 302 302 302 302 200"),
            Policy("admin:login", get="302 403 403 403 403 302"),
        ),
    ),
]
