"""Demo meetings, terms of reference (v1.0 superseded by v2.0) and action plans.

Fictional but realistic. The 2016 story has fixed
dates; the current plan and recent meetings sit around `timezone.localdate()`
on the first run, because the domain calls them "current". Keyed on titles,
versions and refs so a second run changes nothing.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from accounts.models import User
from core.dates import add_months
from demo import network_actions
from network.models import (
    ActionItem,
    ActionPlan,
    ActionUpdate,
    AgendaItem,
    Meeting,
    MeetingAttendance,
    MemberTrust,
    Objective,
    TermsOfReference,
)

EXTRA_PEOPLE = [
    # email, name, role, trust short name (lead) or employer
    ("lead.cwp@demo.nwpsw.example", "Cal Lead", "trust_lead", "CWP"),
    ("lead.lscft@demo.nwpsw.example", "Lou Lead", "trust_lead", "LSCft"),
    ("lead.pennine@demo.nwpsw.example", "Pim Lead", "trust_lead", "Pennine Care"),
    ("senior.psw@demo.nwpsw.example", "Sam Senior", "peer_worker", "Mersey Care"),
]

TOR_V1 = {
    "purpose": "Bring North West NHS trusts together to grow, develop and support "
    "the peer support workforce; share practice; agree common standards; "
    "coordinate training.",
    "objectives": "- Grow the number of peer support worker posts in the region\n"
    "- Agree common standards for peer roles\n"
    "- Share training and development opportunities",
    "membership": "- One trust lead per full member trust\n"
    "- At least two peer support worker or lived-experience representatives\n"
    "- Network coordinators\n"
    "- Recovery College leads\n"
    "- Associate members, without a vote",
    "chair_arrangements": "A chair and a co-chair, at least one with lived "
    "experience, each serving 12 months.",
    "decision_making": "By consensus. Otherwise a majority of the trusts present, "
    "with the chair's casting vote.",
    "reporting_to": "HEE North West mental health workforce programme",
}
TOR_V2_CHANGES = {
    "membership": "- One trust lead and a deputy per full member trust\n"
    "- At least two peer support worker or lived-experience representatives\n"
    "- Network coordinators\n"
    "- A representative of NHS England North West workforce (formerly HEE NW)\n"
    "- Recovery College leads\n"
    "- Associate members, without a vote",
    "reporting_to": "NHS England North West mental health workforce programme",
    "change_summary": "Deputies join the membership so every trust can be "
    "represented; reporting moves from HEE to NHS England after the merger.",
}


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _people() -> dict:
    trusts = {t.short_name: t for t in MemberTrust.objects.all()}
    for email, name, role, short in EXTRA_PEOPLE:
        trust = trusts[short]
        User.objects.get_or_create(
            email=email,
            defaults={
                "full_name": name,
                "role": role,
                "trust": trust if role == "trust_lead" else None,
                "is_primary_lead": role == "trust_lead",
                "employer_trust": trust,
            },
        )
    users = {u.email.split("@")[0]: u for u in User.objects.all()}
    return {"trusts": trusts, **users}


def _meeting(title: str, **fields) -> Meeting:
    meeting, _ = Meeting.objects.get_or_create(title=title, defaults=fields)
    return meeting


def _meetings(p: dict, today: date) -> dict:
    coordinator = p["coordinator"]
    m = {
        "workshop": _meeting(
            "Initial workshop: growing the peer support workforce",
            meeting_type=Meeting.MeetingType.WORKSHOP,
            starts_at=_at(date(2016, 3, 15), 10),
            ends_at=_at(date(2016, 3, 15), 15, 30),
            location="Liverpool",
            status=Meeting.Status.HELD,
            is_public=True,
            chair=coordinator,
            minutes="Trusts agreed to form a region-wide peer support worker "
            "network and to meet again in June.",
        ),
        "first": _meeting(
            "First North West PSW network meeting",
            starts_at=_at(date(2016, 6, 14), 13),
            ends_at=_at(date(2016, 6, 14), 16),
            location="Manchester",
            status=Meeting.Status.HELD,
            is_public=True,
            chair=coordinator,
            minutes="Trust leads nominated. Draft terms of reference to go out for "
            "comment before September.",
        ),
        "tor1": _meeting(
            "Network meeting: terms of reference and action plan",
            starts_at=_at(date(2016, 9, 13), 13),
            ends_at=_at(date(2016, 9, 13), 16),
            location="Preston",
            status=Meeting.Status.HELD,
            is_public=True,
            chair=coordinator,
            minutes="Terms of reference v1.0 approved. Action plan 2016 to 2018 "
            "approved.",
        ),
        "tor2": _meeting(
            "Network meeting: terms of reference v2.0",
            starts_at=_at(today - timedelta(days=300), 13),
            ends_at=_at(today - timedelta(days=300), 16),
            location="Online",
            status=Meeting.Status.HELD,
            chair=coordinator,
            minutes="Terms of reference v2.0 approved. Current action plan approved.",
        ),
        "recent": _meeting(
            "Network meeting: supervision standard",
            starts_at=_at(today - timedelta(days=42), 13),
            ends_at=_at(today - timedelta(days=42), 15, 30),
            location="Warrington",
            status=Meeting.Status.HELD,
            chair=coordinator,
            minutes="Supervision standard discussed; second draft to the next "
            "meeting. Peer trainer pathway is behind plan.",
            minutes_status=Meeting.MinutesStatus.DRAFT,
            minutes_drafted_on=today - timedelta(days=35),
        ),
        "steering": _meeting(
            "Steering group: training catalogue",
            meeting_type=Meeting.MeetingType.STEERING_GROUP,
            starts_at=_at(today + timedelta(days=10), 10),
            ends_at=_at(today + timedelta(days=10), 11, 30),
            location="Online",
            online_url="https://meet.example.org/nwpsw-steering",
            chair=coordinator,
        ),
        "next": _meeting(
            "Network meeting: peer trainer pathway",
            starts_at=_at(today + timedelta(days=35), 13),
            ends_at=_at(today + timedelta(days=35), 16),
            location="Bolton, and online",
            online_url="https://meet.example.org/nwpsw-network",
            is_public=True,
            chair=coordinator,
        ),
    }
    _approve_minutes(m)
    return m


def _approve_minutes(m: dict) -> None:
    chain = [("workshop", "first"), ("first", "tor1"), ("tor1", "tor2")]
    for earlier, later in chain:
        meeting = m[earlier]
        if meeting.minutes_status != Meeting.MinutesStatus.APPROVED:
            meeting.minutes_status = Meeting.MinutesStatus.APPROVED
            meeting.minutes_approved_at = m[later]
            meeting.save()
    tor2 = m["tor2"]
    if tor2.minutes_status == Meeting.MinutesStatus.NONE:
        tor2.minutes_status = Meeting.MinutesStatus.APPROVED
        tor2.minutes_approved_at = m["recent"]
        tor2.save()


def _attendance(m: dict, p: dict) -> None:
    people = [
        ("coordinator", "chair", False, "accepted", True),
        ("lead.merseycare", "member", False, "accepted", True),
        ("lead.gmmh", "member", False, "accepted", True),
        ("lead.cwp", "member", False, "accepted", True),
        ("lead.lscft", "member", False, "apologies", False),
        ("lead.pennine", "member", False, "accepted", True),
        ("peer", "psw_rep", True, "accepted", True),
        ("senior.psw", "co_chair", True, "accepted", True),
    ]
    upcoming = ["accepted", "accepted", "invited", "accepted", "apologies", "invited"]
    for key in ("recent", "steering", "next"):
        for i, (who, role, lived, response, came) in enumerate(people):
            user = p[who]
            held = key == "recent"
            MeetingAttendance.objects.get_or_create(
                meeting=m[key],
                user=user,
                defaults={
                    "trust": user.trust or user.employer_trust,
                    "role_at_meeting": role,
                    "lived_experience": lived,
                    "response": response if held else upcoming[i % len(upcoming)],
                    "attended": came if held else None,
                },
            )
    agenda = [
        ("recent", 1, "Minutes and matters arising", ""),
        (
            "recent",
            2,
            "Supervision standard, second draft",
            "Agreed: circulate the second draft to trust leads for comment.",
        ),
        (
            "recent",
            3,
            "Peer trainer pathway",
            "Behind plan; LSCft to report options to the next meeting.",
        ),
        ("next", 1, "Minutes of the last meeting", ""),
        ("next", 2, "Peer trainer pathway options", ""),
        ("next", 3, "Training catalogue refresh", ""),
    ]
    for key, order, title, minutes in agenda:
        AgendaItem.objects.get_or_create(
            meeting=m[key], order=order, defaults={"title": title, "minutes": minutes}
        )


def _tors(m: dict, p: dict) -> None:
    v1, _ = TermsOfReference.objects.get_or_create(
        version="1.0",
        defaults={
            **TOR_V1,
            "status": TermsOfReference.Status.SUPERSEDED,
            "chair_term_months": 12,
            "quorum_min_trusts": 3,
            "quorum_min_trust_percent": 50,
            "approved_at": m["tor1"],
            "effective_from": date(2016, 10, 1),
            "review_due": date(2020, 10, 1),
            "last_reviewed_on": date(2019, 10, 1),
        },
    )
    effective = timezone.localdate(m["tor2"].starts_at)
    v2, _ = TermsOfReference.objects.get_or_create(
        version="2.0",
        defaults={
            **TOR_V1,
            **TOR_V2_CHANGES,
            "status": TermsOfReference.Status.APPROVED,
            "chair_term_months": 12,
            "quorum_min_trusts": 3,
            "quorum_min_trust_percent": 50,
            "approved_at": m["tor2"],
            "effective_from": effective,
            "review_due": add_months(effective, 12),
            "supersedes": v1,
        },
    )
    TermsOfReference.objects.get_or_create(
        version="2.1",
        defaults={
            **TOR_V1,
            **TOR_V2_CHANGES,
            "decision_making": "By consensus. Otherwise a majority of the full "
            "member trusts present, with the chair's casting vote. Associate "
            "members contribute but do not vote.",
            "change_summary": "Makes clear that associate members do not vote.",
            "chair_term_months": 12,
            "quorum_min_trusts": 3,
            "quorum_min_trust_percent": 50,
            "supersedes": v2,
        },
    )


def seed(stdout=None) -> None:
    today = timezone.localdate()
    people = _people()
    meetings = _meetings(people, today)
    _attendance(meetings, people)
    _tors(meetings, people)
    network_actions.seed(meetings, people, today)
    if stdout:
        stdout.write(
            f"  meetings: {Meeting.objects.count()}, terms of reference versions: "
            f"{TermsOfReference.objects.count()}, actions: {ActionItem.objects.count()}"
        )


__all__ = ["seed", "ActionPlan", "ActionUpdate", "Objective"]
