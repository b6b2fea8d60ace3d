#!/usr/bin/env python
"""Django-side steps for benchmarks/faults, run in a child process so the fault
driver itself holds no database connection. Prints one JSON line.

    faultctl.py setup | notify N TAG | enqueue ID… | enqueue-dupes ID N | scan |
    status ID… | fastforward ID… | booking OPP_PK | invites PREFIX |
    fanout N TAG | meeting TAG | meeting-notes PK | invitations PREFIX |
    coordinators
"""

import json
import os
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from collections import Counter  # noqa: E402

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from core import notifications, tasks  # noqa: E402
from core.models import Notification  # noqa: E402
from network.models import MemberTrust  # noqa: E402
from training.models import TrainingBooking, TrainingOpportunity, TrainingProvider  # noqa: E402

DOMAIN = "faults.nwpsw.example"
PEOPLE = 40


def setup() -> dict:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from pages import session_for

    trust, _ = MemberTrust.objects.get_or_create(
        name="Fault Trust",
        defaults={"short_name": "FT", "icb": "other", "joined_on": date(2016, 1, 1)},
    )
    coordinator, made = User.objects.get_or_create(
        email=f"coordinator@{DOMAIN}",
        defaults={"full_name": "Fault Coordinator", "role": "coordinator"},
    )
    if made:
        Authenticator.objects.create(user=coordinator, type="totp", data={"secret": ""})
    people = []
    for i in range(PEOPLE):
        user, _ = User.objects.get_or_create(
            email=f"psw{i:02d}@{DOMAIN}",
            defaults={
                "full_name": f"Fault Person {i}",
                "role": "peer_worker",
                "employer_trust": trust,
            },
        )
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        people.append(user)
    provider, _ = TrainingProvider.objects.get_or_create(
        name="Fault provider", defaults={"provider_type": "other"}
    )
    start = timezone.localdate() + timezone.timedelta(days=60)

    def course(title, places):
        return TrainingOpportunity.objects.create(
            title=title,
            provider=provider,
            category="cpd_masterclass",
            audience="|any|",
            description="Fault run.",
            delivery_mode="online",
            start_date=start,
            cost_type="free",
            book_here=True,
            places_total=places,
            places_remaining=places,
            status="booking_open",
            published_at=timezone.now(),
        )

    return {
        "coordinator": session_for(coordinator),
        "people": [session_for(u) for u in people],
        "emails": [u.email for u in people],
        "last_place": course(f"Last place {time.time()}", 1).pk,
        "double": course(f"Double submit {time.time()}", 5).pk,
    }


def notify(n: int, tag: str) -> list[int]:
    trust = MemberTrust.objects.get(name="Fault Trust")
    ct = ContentType.objects.get_for_model(trust)
    people = User.objects.filter(
        email__endswith="@" + DOMAIN, role="peer_worker"
    ).order_by("email")[:n]
    return [
        Notification.objects.create(
            kind="TEST",
            content_type=ct,
            object_id=str(trust.pk),
            recipient=p,
            occurrence=tag,
            subject=f"Fault {tag}",
            body_text="Hello",
        ).pk
        for p in people
    ]


def fanout(n: int, tag: str) -> dict:
    """N new people, one waiting notification each (bulk, so 2,000 take seconds)."""
    trust = MemberTrust.objects.get(name="Fault Trust")
    ct = ContentType.objects.get_for_model(trust)
    emails = [f"{tag}-{i}@{DOMAIN}" for i in range(n)]
    User.objects.bulk_create(
        [
            User(email=e, full_name=f"Fanout {i}", role="peer_worker")
            for i, e in enumerate(emails)
        ],
        batch_size=1000,
    )
    people = User.objects.filter(email__in=emails)
    Notification.objects.bulk_create(
        [
            Notification(
                kind="TEST",
                content_type=ct,
                object_id=str(trust.pk),
                recipient=p,
                occurrence=tag,
                subject=f"Fan-out {tag}",
                body_text="Hello",
            )
            for p in people
        ],
        batch_size=1000,
    )
    ids = Notification.objects.filter(occurrence=tag).order_by("pk")
    return {"ids": list(ids.values_list("pk", flat=True)), "emails": emails}


def meeting(tag: str) -> dict:
    """A network meeting tomorrow, chaired by one fault person, three invited:
    its invitation and T-1 reminders are due from the moment it exists."""
    from network.models import Meeting, MeetingAttendance

    people = list(
        User.objects.filter(email__endswith="@" + DOMAIN, role="peer_worker").order_by(
            "email"
        )[:4]
    )
    starts = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0)
    starts += timezone.timedelta(days=1)
    item = Meeting.objects.create(
        title=f"Meeting {tag}",
        starts_at=starts,
        ends_at=starts + timezone.timedelta(hours=2),
        location="Online",
        chair=people[0],
    )
    for person in people[1:]:
        MeetingAttendance.objects.create(meeting=item, user=person)
    return {"pk": item.pk, "title": item.title}


def meeting_notes(pk: int) -> dict:
    """The outbox rows for one meeting: per recipient, and by status."""
    from network.models import Meeting

    ct = ContentType.objects.get_for_model(Meeting)
    rows = Notification.objects.filter(content_type=ct, object_id=str(pk))
    first = rows.order_by("created_at").values_list("created_at", flat=True).first()
    return {
        "status": dict(Counter(rows.values_list("status", flat=True))),
        "per_recipient": dict(Counter(rows.values_list("recipient__email", flat=True))),
        "keys": rows.count(),
        "first_recorded": first.timestamp() if first else None,
    }


def invitations(prefix: str) -> dict:
    """Each invited account with how many of its other rows exist: a whole
    invitation is a user, one email address and one invitation email."""
    from allauth.account.models import EmailAddress

    users = User.objects.filter(email__startswith=prefix)
    addresses = Counter(
        EmailAddress.objects.filter(user__in=users).values_list(
            "user__email", flat=True
        )
    )
    notes = Counter(
        Notification.objects.filter(recipient__in=users, kind="invitation").values_list(
            "recipient__email", flat=True
        )
    )
    return {
        email: [addresses.get(email, 0), notes.get(email, 0)]
        for email in users.values_list("email", flat=True)
    }


def main(cmd: str, *args) -> object:
    ids = [int(a) for a in args if a.isdigit()]
    if cmd == "setup":
        return setup()
    if cmd == "enqueue-many":  # in batches, as the scan task queues them
        for start in range(0, len(ids), notifications.BATCH_SIZE):
            tasks.enqueue_batch(ids[start : start + notifications.BATCH_SIZE])
        return len(ids)
    if cmd == "fanout":
        return fanout(int(args[0]), args[1])
    if cmd == "meeting":
        return meeting(args[0])
    if cmd == "meeting-notes":
        return meeting_notes(ids[0])
    if cmd == "invitations":
        return invitations(args[0])
    if cmd == "coordinators":  # who a catch-up email goes to
        from core.roles import coordinators

        return list(coordinators().exclude(email="").values_list("email", flat=True))
    if cmd == "notify":
        return notify(int(args[0]), args[1])
    if cmd == "enqueue":
        tasks.enqueue_batch(ids)
        return len(ids)
    if cmd == "enqueue-dupes":  # the same message delivered N times at once
        for _ in range(int(args[1])):
            tasks.send_notifications.apply_async(
                ([int(args[0])],), queue=os.environ["NOTIFICATIONS_QUEUE"]
            )
        return int(args[1])
    if cmd == "scan":
        ready = notifications.outbox_scan(timezone.localdate())
        if ready:
            tasks.enqueue_batch(ready)
        return ready
    if cmd == "status":
        rows = Notification.objects.filter(pk__in=ids)
        return {
            "status": dict(Counter(rows.values_list("status", flat=True))),
            "attempts": dict(Counter(rows.values_list("attempts", flat=True))),
        }
    if cmd == "fastforward":  # what waiting out the backoff would do
        return Notification.objects.filter(pk__in=ids, status="pending").update(
            next_attempt_at=None
        )
    if cmd == "booking":
        opp = TrainingOpportunity.objects.get(pk=ids[0])
        statuses = Counter(
            TrainingBooking.objects.filter(opportunity=opp).values_list(
                "status", flat=True
            )
        )
        return {
            "places_total": opp.places_total,
            "places_remaining": opp.places_remaining,
            "bookings": dict(statuses),
            "per_user": max(
                Counter(
                    TrainingBooking.objects.filter(opportunity=opp)
                    .exclude(status="cancelled")
                    .values_list("user", flat=True)
                ).values()
                or [0]
            ),
        }
    if cmd == "invites":
        users = User.objects.filter(email__startswith=args[0])
        notes = Notification.objects.filter(recipient__in=users)
        return {
            "users": users.count(),
            "notifications": dict(Counter(notes.values_list("status", flat=True))),
            "emails": list(users.values_list("email", flat=True)),
        }
    raise SystemExit(f"unknown command {cmd}")


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:])))
