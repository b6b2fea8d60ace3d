"""Demo training catalogue: real categories of PSW training, invented records.

Dates run from today because the catalogue is "what is on now"; rows are keyed
on title, so a second run (even on a later day) changes nothing.
"""

from datetime import time, timedelta
from decimal import Decimal
from typing import NamedTuple

from django.utils import timezone

from accounts.models import User
from core.workdays import working_day_on_or_after
from network.models import MemberTrust
from standards.models import CompetenceDomain
from training.models import (
    TrainingBooking,
    TrainingInterest,
    TrainingOpportunity,
    TrainingProvider,
    TrainingSession,
)

PROVIDERS = [
    ("NHS England North West (formerly HEE NW)", "nhse_hee_commissioned", ""),
    ("ImROC", "imroc", "https://imroc.org"),
    ("Intentional Peer Support", "ips", "https://www.intentionalpeersupport.org"),
    ("Copeland Center for Wellness and Recovery", "wrap_copeland_licensed", ""),
    ("North West Peer Apprenticeships", "apprenticeship_provider", ""),
    ("Peer Learning Partnership", "university_fe", ""),
    ("Mersey Care Recovery College", "recovery_college", ""),
    ("North West PSW Network", "other", ""),
]

# title, provider index, category, audiences, mode, town, ICB, start offset (days),
# sessions, hours, cost type, cost, places (None = booked with the provider), extra
CATALOGUE = [
    (
        "NHS Mental Health PSW Training (HEE competence-framework curriculum), Cohort 2025-2",
        0,
        "initial_psw_training",
        ["psw", "aspiring_psw"],
        "blended",
        "Manchester",
        "greater_manchester",
        35,
        6,
        "40",
        "funded",
        None,
        20,
        {
            "funding_note": "Funded places. Employers can claim a grant of up to £3,485 "
            "per PSW for backfill.",
            "eligibility": "New PSWs, or PSWs recruited within the last 12 months, "
            "employed by a member trust.",
        },
    ),
    (
        "ImROC Peer Support Worker Training (40 hours)",
        1,
        "initial_psw_training",
        ["psw", "aspiring_psw"],
        "online",
        "",
        "",
        50,
        5,
        "40",
        "paid",
        "650.00",
        None,
        {
            "accreditation": "ImROC certificate of completion",
            "description": "A 40-hour course co-produced using the HEE competences.",
        },
    ),
    (
        "Intentional Peer Support Core Training",
        2,
        "ips_core",
        ["psw", "senior_psw_lead"],
        "in_person",
        "Liverpool",
        "cheshire_merseyside",
        21,
        5,
        "35",
        "funded",
        None,
        2,
        {},
    ),
    (
        "WRAP Facilitator Training (Seminar II)",
        3,
        "wrap_facilitator",
        ["psw"],
        "in_person",
        "Preston",
        "lancashire_south_cumbria",
        60,
        5,
        "37.5",
        "paid",
        "950.00",
        None,
        {
            "accreditation": "Copeland Center certified WRAP co-facilitator",
            "eligibility": "Complete the WRAP correspondence course at least 2 weeks before.",
        },
    ),
    (
        "Level 3 Peer Worker Apprenticeship",
        4,
        "apprenticeship",
        ["aspiring_psw", "psw"],
        "blended",
        "Manchester",
        "greater_manchester",
        90,
        1,
        None,
        "funded",
        None,
        None,
        {
            "accreditation": "IfATE occupation OCC0896 (Level 3 Peer Worker)",
            "funding_note": "Funded through the apprenticeship levy. GMMH and NWBH are "
            "among the employers involved.",
        },
    ),
    (
        "Level 4 Developing Expertise in Peer Working",
        5,
        "accredited_qualification",
        ["psw", "senior_psw_lead"],
        "online",
        "",
        "",
        75,
        12,
        "72",
        "funded",
        None,
        None,
        {
            "accreditation": "Level 4, 3 assignments",
            "eligibility": "80% attendance over 12 weekly online days.",
        },
    ),
    (
        "Supervising Peer Support Workers",
        0,
        "supervisor_training",
        ["supervisor_manager", "senior_psw_lead"],
        "online",
        "",
        "",
        14,
        2,
        "12",
        "free",
        None,
        16,
        {"funding_note": "Offered alongside PSW training to grow supervisor capacity."},
    ),
    (
        "Becoming a Recovery College Peer Trainer (co-production)",
        6,
        "peer_trainer_coproduction",
        ["psw", "any"],
        "in_person",
        "Liverpool",
        "cheshire_merseyside",
        28,
        3,
        "18",
        "free",
        None,
        12,
        {},
    ),
    (
        "Life Rooms / Mersey Care Recovery College course: Understanding Recovery",
        6,
        "recovery_college_course",
        ["any"],
        "in_person",
        "Bootle",
        "cheshire_merseyside",
        10,
        4,
        "8",
        "free",
        None,
        15,
        {},
    ),
    (
        "NW PSW Network Annual Event",
        7,
        "network_event",
        ["any"],
        "in_person",
        "Preston",
        "lancashire_south_cumbria",
        120,
        1,
        "6",
        "free",
        None,
        120,
        {
            "description": "A day of sharing practice. Last year's LSCft PSW event had "
            "70+ attendees."
        },
    ),
]


# Which HEE domains (§4.6) each kind of course covers; an editorial demo choice.
DOMAINS_BY_CATEGORY = {
    "initial_psw_training": [1, 2, 3, 4],
    "accredited_qualification": [1, 2, 3, 4],
    "apprenticeship": [1, 2, 3, 4],
    "ips_core": [1, 3],
    "wrap_facilitator": [4],
    "supervisor_training": [6],
    "peer_trainer_coproduction": [1, 3],
    "recovery_college_course": [4],
}


DESCRIPTIONS = {
    "initial_psw_training": "Training for new peer support workers built on the HEE "
    "Competence Framework for Mental Health Peer Support Workers (2020).\n\n"
    "- the values and principles of peer support\n"
    "- drawing on and sharing lived experience safely\n"
    "- mutual, reciprocal relationships and working with difference",
    "ips_core": "Intentional Peer Support's core training explores its four tasks: "
    "**connection**, **worldview**, **mutuality** and **moving towards**.",
    "wrap_facilitator": "A 5-day Seminar II that certifies WRAP co-facilitators to "
    "run Wellness Recovery Action Plan groups.",
    "apprenticeship": "Work as a peer worker while studying for the Level 3 Peer "
    "Worker apprenticeship standard.",
    "accredited_qualification": "Twelve weekly online study days and three written "
    "assignments for experienced peer workers.",
    "supervisor_training": "For team leads and senior PSWs who supervise peer support "
    "workers: supporting the peer role without making it clinical.",
    "peer_trainer_coproduction": "Learn to co-design and co-deliver Recovery College "
    "courses alongside a practitioner trainer.",
    "recovery_college_course": "A free Recovery College course open to anyone: "
    "students, carers and staff learn together.",
    "network_event": "The network's annual day of sharing practice.",
}


def _session_dates(start, count: int, weekly: bool) -> list:
    """Sessions on working days only: a weekly session that falls on a bank
    holiday moves to the next working day."""
    dates, day = [], start
    while len(dates) < count:
        dates.append(day)
        day = working_day_on_or_after(day + timedelta(days=7 if weekly else 1))
    return dates


class Course(NamedTuple):
    title: str
    provider: int
    category: str
    audiences: list
    mode: str
    town: str
    icb: str
    offset: int
    sessions: int
    hours: str | None
    cost_type: str
    cost: str | None
    places: int | None
    extra: dict


def _defaults(course: Course, provider, dates: list) -> dict:
    extra, places = course.extra, course.places
    return {
        "provider": provider,
        "category": course.category,
        "audience": "|" + "|".join(course.audiences) + "|",
        "description": extra.get("description") or DESCRIPTIONS[course.category],
        "delivery_mode": course.mode,
        "location": ""
        if course.mode == "online"
        else f"Training centre, {course.town}",
        "town": course.town,
        "icb": course.icb,
        "start_date": dates[0],
        "end_date": dates[-1],
        "duration_hours": Decimal(course.hours) if course.hours else None,
        "cost_type": course.cost_type,
        "cost_gbp": Decimal(course.cost) if course.cost else None,
        "funding_note": extra.get("funding_note", ""),
        "eligibility": extra.get("eligibility", ""),
        "accreditation": extra.get("accreditation", ""),
        "book_here": places is not None,
        "places_total": places,
        "places_remaining": places,
        "booking_url": "" if places else "https://example.org/book",
        "booking_deadline": dates[0] - timedelta(days=7),
        "status": TrainingOpportunity.Status.BOOKING_OPEN,
        "published_at": timezone.now(),
    }


def _opportunity(row, providers, today):
    course = Course(*row)
    start = working_day_on_or_after(today + timedelta(days=course.offset))
    # Long courses meet weekly, short ones on consecutive working days.
    dates = _session_dates(start, course.sessions, weekly=course.sessions > 6)
    opportunity, created = TrainingOpportunity.objects.get_or_create(
        title=course.title,
        defaults=_defaults(course, providers[course.provider], dates),
    )
    if created:
        numbers = DOMAINS_BY_CATEGORY.get(course.category, [])
        opportunity.hee_domains.set(CompetenceDomain.objects.filter(number__in=numbers))
        TrainingSession.objects.bulk_create(
            TrainingSession(
                opportunity=opportunity,
                date=day,
                start_time=time(9, 30),
                end_time=time(16, 0),
            )
            for day in dates
        )
    return opportunity


def seed(stdout=None) -> None:
    today = timezone.localdate()
    providers = [
        TrainingProvider.objects.get_or_create(
            name=name, defaults={"provider_type": kind, "website": website}
        )[0]
        for name, kind, website in PROVIDERS
    ]
    catalogue = [_opportunity(row, providers, today) for row in CATALOGUE]
    _seed_people(catalogue, providers, today)
    if stdout:
        stdout.write(f"training: {len(catalogue)} opportunities in the demo catalogue")


def _seed_people(catalogue, providers, today) -> None:
    peer = User.objects.filter(email="peer@demo.nwpsw.example").first()
    lead = User.objects.filter(email="lead.merseycare@demo.nwpsw.example").first()
    if peer:
        ips = catalogue[2]
        if not TrainingBooking.objects.filter(opportunity=ips, user=peer).exists():
            TrainingBooking.objects.create(opportunity=ips, user=peer, status="booked")
            ips.places_remaining -= 1
            ips.save(update_fields=["places_remaining"])
        TrainingInterest.objects.get_or_create(
            user=peer, opportunity=catalogue[3], category=catalogue[3].category
        )
        TrainingInterest.objects.get_or_create(
            user=peer, opportunity=None, category="peer_leadership"
        )
        _seed_completed(peer, providers[6], today)
    if lead:
        TrainingOpportunity.objects.get_or_create(
            title="Peer Support in Crisis Teams (proposal)",
            defaults={
                "provider": providers[6],
                "category": "cpd_masterclass",
                "audience": "|psw|senior_psw_lead|",
                "description": "A half-day masterclass for PSWs joining crisis teams.",
                "delivery_mode": "in_person",
                "location": "The Life Rooms, Walton",
                "town": "Liverpool",
                "icb": "cheshire_merseyside",
                "start_date": working_day_on_or_after(today + timedelta(days=100)),
                "cost_type": "free",
                "status": TrainingOpportunity.Status.PENDING,
                "submitted_at": timezone.now(),
                "created_by": lead,
                "proposed_by_trust": MemberTrust.objects.filter(
                    pk=lead.trust_id
                ).first(),
            },
        )


def _seed_completed(peer, provider, today) -> None:
    """One finished course, so the demo peer's training record is not empty."""
    start = working_day_on_or_after(today - timedelta(days=60))
    past, _ = TrainingOpportunity.objects.get_or_create(
        title="Life Rooms / Mersey Care Recovery College course: Wellbeing Basics",
        defaults={
            "provider": provider,
            "category": "recovery_college_course",
            "audience": "|any|",
            "description": "An introduction to wellbeing and recovery.",
            "delivery_mode": "in_person",
            "location": "The Life Rooms, Southport",
            "town": "Southport",
            "icb": "cheshire_merseyside",
            "start_date": start,
            "end_date": start,
            "cost_type": "free",
            "book_here": True,
            "places_total": 15,
            "places_remaining": 14,
            "status": TrainingOpportunity.Status.COMPLETED,
            "published_at": timezone.now() - timedelta(days=90),
        },
    )
    TrainingBooking.objects.get_or_create(
        opportunity=past,
        user=peer,
        defaults={"status": "completed", "completed_on": start},
    )
