"""Declared access policy for every training URL (checked by tests/security).

A published opportunity with one session, a draft proposed by lead A's trust,
and the peer worker's booking and interest. Statuses follow tests.policies.ROLES:
anonymous, peer worker, lead A, lead B, coordinator, admin.
"""

from datetime import time, timedelta

from django.utils import timezone

from tests.policies import COORDINATORS, PUBLIC, SIGNED_IN, Policy, World


def provider(w: World):
    from training.models import TrainingProvider

    return w.once(
        "training.provider",
        lambda: TrainingProvider.objects.create(
            name="Mersey Recovery College", provider_type="recovery_college"
        ),
    )


def _opportunity(w: World, **extra):
    from training.models import TrainingOpportunity

    today = timezone.localdate()
    fields = {
        "title": "Intentional Peer Support Core Training",
        "provider": provider(w),
        "category": "ips_core",
        "audience": "|psw|",
        "description": "Four tasks: connection, worldview, mutuality, moving towards.",
        "delivery_mode": "in_person",
        "location": "The Life Rooms, Walton",
        "town": "Liverpool",
        "icb": "cheshire_merseyside",
        "start_date": today + timedelta(days=30),
        "cost_type": "free",
        "book_here": True,
        "places_total": 5,
        "places_remaining": 5,
        "booking_deadline": today + timedelta(days=20),
        "status": "booking_open",
        "published_at": timezone.now(),
    }
    fields.update(extra)
    return TrainingOpportunity.objects.create(**fields)


def opportunity(w: World):
    return w.once("training.opportunity", lambda: _opportunity(w))


def draft(w: World):
    return w.once(
        "training.draft",
        lambda: _opportunity(
            w,
            title="Trust A proposal",
            status="draft",
            created_by=w.lead_a,
            proposed_by_trust=w.trust_a,
            published_at=None,
        ),
    )


def session(w: World):
    from training.models import TrainingSession

    opp = opportunity(w)
    return w.once(
        "training.session",
        lambda: TrainingSession.objects.create(
            opportunity=opp,
            date=opp.start_date,
            start_time=time(9, 30),
            end_time=time(16),
        ),
    )


def booking(w: World):
    from training.models import TrainingBooking

    return w.once(
        "training.booking",
        lambda: TrainingBooking.objects.create(
            opportunity=opportunity(w), user=w.peer_worker, status="booked"
        ),
    )


def interest(w: World):
    from training.models import TrainingInterest

    return w.once(
        "training.interest",
        lambda: TrainingInterest.objects.create(
            user=w.peer_worker, category="ips_core", status="interested"
        ),
    )


def opp_pk(w):
    return {"pk": opportunity(w).pk}


def draft_pk(w):
    return {"pk": draft(w).pk}


def booking_pk(w):
    return {"pk": booking(w).pk}


POLICIES = [
    Policy("training:catalogue", get=PUBLIC),
    Policy("training:opportunity-detail", get=PUBLIC, kwargs=opp_pk),
    Policy("training:opportunity-ics", get=PUBLIC, kwargs=opp_pk),
    Policy(
        "training:booking-create",
        get="405 405 405 405 405 405",
        post="302 302 302 302 302 302",
        kwargs=opp_pk,
    ),
    Policy(
        "training:interest-create",
        get="405 405 405 405 405 405",
        post="302 302 302 302 302 302",
        kwargs=opp_pk,
    ),
    Policy("training:my-training", get=SIGNED_IN),
    Policy(
        "training:interest-category",
        get=SIGNED_IN,
        post=SIGNED_IN,
    ),
    Policy(
        "training:interest-withdraw",
        get="302 200 404 404 404 404",
        post="302 302 404 404 404 404",
        kwargs=lambda w: {"pk": interest(w).pk},
    ),
    Policy(
        "training:interest-report",
        get="405 405 405 405 405 405",
        post="302 302 404 404 404 404",
        kwargs=lambda w: {"pk": interest(w).pk},
        why="Only the person who registered the interest reports on it.",
    ),
    Policy(
        "training:booking-cancel",
        get="302 200 404 404 404 404",
        post="302 302 404 404 404 404",
        kwargs=booking_pk,
    ),
    Policy(
        "training:booking-accept",
        get="405 405 405 405 405 405",
        post="302 302 404 404 404 404",
        kwargs=booking_pk,
    ),
    Policy(
        "training:booking-decline",
        get="302 200 404 404 404 404",
        post="302 302 404 404 404 404",
        kwargs=booking_pk,
    ),
    Policy("training:manage", get="302 403 200 200 200 200"),
    Policy(
        "training:opportunity-create",
        get="302 403 200 200 200 200",
        post="302 403 200 200 200 200",
    ),
    Policy(
        "training:opportunity-update",
        get="302 404 200 404 200 200",
        post="302 404 200 404 200 200",
        kwargs=draft_pk,
    ),
    Policy(
        "training:session-create",
        get="302 404 200 404 200 200",
        post="302 404 200 404 200 200",
        kwargs=draft_pk,
    ),
    Policy(
        "training:session-update",
        get="302 403 403 403 200 200",
        post="302 403 403 403 200 200",
        kwargs=lambda w: {"pk": opportunity(w).pk, "session_pk": session(w).pk},
        why="Published training: only coordinators change it. An empty form is "
        "shown again with its errors.",
    ),
    Policy(
        "training:session-delete",
        get="302 403 403 403 200 200",
        post="302 403 403 403 302 302",
        kwargs=lambda w: {"pk": opportunity(w).pk, "session_pk": session(w).pk},
    ),
    Policy(
        "training:opportunity-submit",
        get="405 405 405 405 405 405",
        post="302 404 302 404 403 403",
        kwargs=draft_pk,
    ),
    Policy(
        "training:opportunity-approve",
        get="405 405 405 405 405 405",
        post="302 404 403 404 403 403",
        kwargs=draft_pk,
    ),
    Policy(
        "training:opportunity-reject",
        get="405 405 405 405 405 405",
        post="302 404 403 404 403 403",
        kwargs=draft_pk,
    ),
    Policy(
        "training:opportunity-publish",
        get="405 405 405 405 405 405",
        post="302 404 403 404 302 302",
        kwargs=draft_pk,
    ),
    Policy(
        "training:opportunity-cancel",
        get=COORDINATORS,
        post=COORDINATORS,
        kwargs=opp_pk,
    ),
    Policy("training:report", get="302 403 200 200 200 200"),
    Policy("training:report-csv", get="302 403 200 200 200 200"),
    Policy("training:attendee-list", get=COORDINATORS, kwargs=opp_pk),
    Policy("training:attendee-csv", get=COORDINATORS, kwargs=opp_pk),
    Policy(
        "training:booking-attendance",
        get="405 405 405 405 405 405",
        post="302 403 404 404 302 302",
        kwargs=booking_pk,
    ),
]
