"""Demo meetings, terms of reference (v1.0 superseded by v2.0) and action plans.

The 2016 story has fixed dates; a network meeting every quarter since, and the
current plan and recent meetings, sit around `timezone.localdate()` on the
first run, on working days. Every held meeting has its attendance recorded and
is quorate, and its minutes are approved at the next one. Keyed on titles,
versions and refs so a second run changes nothing.
"""

from datetime import date, datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from core.dates import add_months
from core.workdays import add_working_days, working_day_on_or_after
from demo import network_actions
from demo.accounts import DEMO_PASSWORD
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


def meeting_day(day: date) -> date:
    """Network meetings are on Tuesdays: the first working Tuesday on or after
    `day` (a bank holiday Tuesday moves to the next working day)."""
    return working_day_on_or_after(day + timedelta(days=(1 - day.weekday()) % 7))


def _people() -> dict:
    trusts = {t.short_name: t for t in MemberTrust.objects.all()}
    for email, name, role, short in EXTRA_PEOPLE:
        trust = trusts[short]
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "full_name": name,
                "role": role,
                "trust": trust if role == "trust_lead" else None,
                "is_primary_lead": role == "trust_lead",
                "employer_trust": trust,
            },
        )
        if created:  # members who sign in, like the other demo accounts
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    users = {u.email.split("@")[0]: u for u in User.objects.all()}
    return {"trusts": trusts, **users}


def _meeting(title: str, **fields) -> Meeting:
    meeting, _ = Meeting.objects.get_or_create(title=title, defaults=fields)
    return meeting


PLACES = ["Manchester", "Liverpool", "Preston", "Warrington", "Online", "Chester"]


def _quarterly_run(p: dict, today: date, busy: list[date]) -> list[Meeting]:
    """A network meeting each quarter since the first year (held, public),
    leaving out quarters that already have one of the story's meetings."""
    run, quarter = [], date(2016, 12, 1)
    while quarter < today - timedelta(days=60):
        day = meeting_day(quarter + timedelta(days=7))
        if all(abs((day - other).days) > 45 for other in busy):
            run.append(
                _meeting(
                    f"Network meeting, {day:%B %Y}",
                    starts_at=_at(day, 13),
                    ends_at=_at(day, 16),
                    location=PLACES[len(run) % len(PLACES)],
                    status=Meeting.Status.HELD,
                    is_public=True,
                    chair=p["coordinator"],
                    minutes="Trust updates on peer support posts, training places "
                    "and progress on the action plan.",
                )
            )
        quarter = add_months(quarter, 3)
    return run


def _meetings(p: dict, today: date) -> dict:
    coordinator = p["coordinator"]
    tor2_day = meeting_day(today - timedelta(days=300))
    recent_day = meeting_day(today - timedelta(days=42))
    steering_day = add_working_days(today, 8)
    next_day = meeting_day(today + timedelta(days=35))
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
            starts_at=_at(tor2_day, 13),
            ends_at=_at(tor2_day, 16),
            location="Online",
            status=Meeting.Status.HELD,
            is_public=True,
            chair=coordinator,
            minutes="Terms of reference v2.0 approved. Current action plan approved.",
        ),
        "recent": _meeting(
            "Network meeting: supervision standard",
            starts_at=_at(recent_day, 13),
            ends_at=_at(recent_day, 15, 30),
            location="Warrington",
            status=Meeting.Status.HELD,
            is_public=True,
            chair=coordinator,
            minutes="Supervision standard discussed; second draft to the next "
            "meeting. Peer trainer pathway is behind plan.",
            minutes_status=Meeting.MinutesStatus.DRAFT,
            minutes_drafted_on=add_working_days(recent_day, 5),
        ),
        "steering": _meeting(
            "Steering group: training catalogue",
            meeting_type=Meeting.MeetingType.STEERING_GROUP,
            starts_at=_at(steering_day, 10),
            ends_at=_at(steering_day, 11, 30),
            location="Online",
            online_url="https://meet.example.org/nwpsw-steering",
            chair=coordinator,
        ),
        "next": _meeting(
            "Network meeting: peer trainer pathway",
            starts_at=_at(next_day, 13),
            ends_at=_at(next_day, 16),
            location="Bolton, and online",
            online_url="https://meet.example.org/nwpsw-network",
            is_public=True,
            chair=coordinator,
        ),
    }
    busy = [timezone.localdate(m[k].starts_at) for k in ("tor2", "recent")]
    m["run"] = _quarterly_run(p, today, busy)
    _approve_minutes(m)
    return m


def _approve_minutes(m: dict) -> None:
    """Each held meeting's minutes are approved at the next one, up to the
    latest, whose minutes are still a draft."""
    story = [m["workshop"], m["first"], m["tor1"], *m["run"], m["tor2"], m["recent"]]
    story.sort(key=lambda meeting: meeting.starts_at)
    for earlier, later in zip(story, story[1:], strict=False):
        if earlier.minutes_status != Meeting.MinutesStatus.APPROVED:
            earlier.minutes_status = Meeting.MinutesStatus.APPROVED
            earlier.minutes_approved_at = later
            earlier.save()


# Who comes to a network meeting: quorate under every version of the terms of
# reference (the chair, four of the six member trusts, two lived-experience
# members). who, role, lived experience, reply, attended.
REGULARS = [
    ("coordinator", "chair", False, "accepted", True),
    ("lead.merseycare", "member", False, "accepted", True),
    ("lead.gmmh", "member", False, "accepted", True),
    ("lead.cwp", "member", False, "accepted", True),
    ("lead.lscft", "member", False, "apologies", False),
    ("lead.pennine", "member", False, "accepted", True),
    ("peer", "psw_rep", True, "accepted", True),
    ("senior.psw", "co_chair", True, "accepted", True),
]


def record_attendance(meeting: Meeting, p: dict) -> None:
    """The regulars' replies and, once the meeting has taken place, who came."""
    upcoming = ["accepted", "accepted", "invited", "accepted", "apologies", "invited"]
    held = meeting.status == Meeting.Status.HELD
    for i, (who, role, lived, response, came) in enumerate(REGULARS):
        user = p[who]
        MeetingAttendance.objects.get_or_create(
            meeting=meeting,
            user=user,
            defaults={
                "trust": user.trust or user.employer_trust,
                "role_at_meeting": role,
                "lived_experience": lived,
                "response": response if held else upcoming[i % len(upcoming)],
                "attended": came if held else None,
            },
        )


def _attendance(m: dict, p: dict) -> None:
    for key, meeting in m.items():
        for each in meeting if key == "run" else [meeting]:
            record_attendance(each, p)
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
