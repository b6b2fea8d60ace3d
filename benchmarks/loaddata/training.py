"""Training providers, opportunities with sessions, and bookings."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from training.models import (
    TrainingBooking,
    TrainingOpportunity,
    TrainingProvider,
    TrainingSession,
)
from training.search import refresh_search_documents

PROVIDERS = 30
CATEGORIES = [c for c, _ in TrainingOpportunity.Category.choices]
SUBJECTS = [
    "Intentional Peer Support core",
    "WRAP facilitator",
    "Supervising peer workers",
    "Recovery College co-production",
    "Trauma informed peer practice",
    "Peer leadership masterclass",
    "Using your lived experience safely",
    "Suicide prevention for peer workers",
]


def generate(ctx) -> None:
    from benchmarks.loaddata import BATCH

    rng = ctx.rng
    providers = TrainingProvider.objects.bulk_create(
        [
            TrainingProvider(
                name=f"Load provider {i + 1:02d}",
                provider_type=rng.choice(
                    ["nhs_trust", "recovery_college", "imroc", "vcse"]
                ),
            )
            for i in range(PROVIDERS)
        ]
    )
    opportunities = [
        _opportunity(ctx, i, providers) for i in range(ctx.volumes.opportunities)
    ]
    TrainingOpportunity.objects.bulk_create(opportunities, batch_size=BATCH)
    # bulk_create skips save(), so the search documents are filled in one statement.
    refresh_search_documents(opportunity_ids=[o.pk for o in opportunities])
    ctx.count("training_trainingopportunity", len(opportunities))

    sessions = [
        TrainingSession(
            opportunity_id=o.pk,
            date=o.start_date + timedelta(days=7 * k),
            start_time=time(9, 30),
            end_time=time(16, 0),
            note=f"Day {k + 1}",
        )
        for o in opportunities
        for k in range(ctx.volumes.sessions_per_opportunity)
    ]
    TrainingSession.objects.bulk_create(sessions, batch_size=BATCH)
    ctx.count("training_trainingsession", len(sessions))
    _bookings(ctx, [o for o in opportunities if o.book_here])


def _opportunity(ctx, i: int, providers) -> TrainingOpportunity:
    rng = ctx.rng
    # Spread over two years back and one ahead; the future ones are open for booking.
    start = ctx.anchor + timedelta(days=rng.randrange(-730, 365))
    future = start > ctx.anchor
    places = rng.choice([12, 16, 20, 24, 30])
    cost = rng.choice(["free", "funded", "paid"])
    return TrainingOpportunity(
        title=f"{rng.choice(SUBJECTS)} ({i + 1})",
        provider=rng.choice(providers),
        category=rng.choice(CATEGORIES),
        # Stored "|a|b|" like the app does, so its audience filter finds them.
        audience="|"
        + rng.choice(["psw", "senior_psw_lead", "supervisor_manager", "any"])
        + "|",
        description="A practical course.\n\n" + rng.choice(SUBJECTS) + " in depth.",
        delivery_mode=rng.choice(["in_person", "online", "blended"]),
        location=rng.choice(["Online", "Preston", "Manchester", "Liverpool"]),
        town=rng.choice(["Preston", "Manchester", "Liverpool", "Lancaster"]),
        start_date=start,
        end_date=start + timedelta(days=7 * (ctx.volumes.sessions_per_opportunity - 1)),
        duration_hours=Decimal("26.0"),
        cost_type=cost,
        cost_gbp=Decimal("120.00") if cost == "paid" else None,
        book_here=True,
        places_total=places,
        places_remaining=places,
        booking_deadline=start - timedelta(days=7) if future else None,
        status="booking_open" if future else "completed",
        published_at=_at(start - timedelta(days=60)),
    )


def _bookings(ctx, opportunities) -> None:
    """Fill places (some to full, with a waiting list); `places_remaining` agrees."""
    from benchmarks.loaddata import BATCH

    rng, rows = ctx.rng, []
    per = max(1, -(-ctx.volumes.bookings // max(1, len(opportunities))))
    left = ctx.volumes.bookings
    for opp in opportunities:
        take = min(left, per, len(ctx.psw_ids))
        if take <= 0:
            break
        left -= take
        held = 0
        for user_id in rng.sample(ctx.psw_ids, take):
            past = opp.status == "completed"
            if held < opp.places_total:
                status, held = ("completed" if past else "booked"), held + 1
            else:
                status = "cancelled" if past else "waitlisted"
            rows.append(
                TrainingBooking(
                    opportunity_id=opp.pk,
                    user_id=user_id,
                    status=status,
                    waitlisted_at=_at(ctx.anchor) if status == "waitlisted" else None,
                    completed_on=opp.end_date if status == "completed" else None,
                )
            )
        opp.places_remaining = opp.places_total - held
        if opp.places_remaining == 0 and opp.status == "booking_open":
            opp.status = "full"
    TrainingBooking.objects.bulk_create(rows, batch_size=BATCH)
    TrainingOpportunity.objects.bulk_update(
        opportunities, ["places_remaining", "status"], batch_size=BATCH
    )
    ctx.count("training_trainingbooking", len(rows))


def _at(day):
    return timezone.make_aware(datetime.combine(day, time(9)))
