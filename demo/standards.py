"""Demo standards in mixed states, as the network develops them.

The standards and their text are invented but typical. Each version is\napproved at the network meeting held on or before its date. S01's history has
fixed dates; the standards in force and the open consultation are "current",
so they are placed relative to today (whatever day the demo is loaded, S02 and
S06 are approved and not yet due for review).
Idempotent: keyed on the standard code, version number, trust and respondent.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from accounts.models import User
from core.dates import add_months
from demo.standards_content import BODIES, STANDARDS
from network.models import Meeting, MemberTrust
from standards.models import (
    CompetenceDomain,
    ConsultationComment,
    ConsultationResponse,
    Standard,
    StandardAdoption,
    StandardVersion,
    StandardVersionEdit,
)

S = StandardVersion.Status
P = ConsultationResponse.Position


def _meeting(day: date) -> Meeting:
    """The network meeting that approved a version: the last held network
    meeting in the quarter up to `day` (the governance demo holds one every quarter,
    with attendance, quorate), or, seeded alone, a held meeting that day."""
    held = Meeting.objects.filter(
        status=Meeting.Status.HELD,
        meeting_type=Meeting.MeetingType.NETWORK,
        starts_at__lt=timezone.make_aware(datetime.combine(day, time.max)),
        starts_at__gte=timezone.make_aware(datetime.combine(day, time.min))
        - timedelta(days=120),  # within the quarter before
    )
    if meeting := held.order_by("-starts_at").first():
        return meeting
    start = timezone.make_aware(datetime(day.year, day.month, day.day, 13))
    meeting, _ = Meeting.objects.get_or_create(
        title="Network meeting: standards approval",
        starts_at=start,
        defaults={
            "ends_at": start + timedelta(hours=3),
            "status": Meeting.Status.HELD,
            "meeting_type": Meeting.MeetingType.NETWORK,
            "location": "Online",
        },
    )
    return meeting


def _version(standard, number, body, owner, **fields) -> StandardVersion:
    version, created = StandardVersion.objects.get_or_create(
        standard=standard,
        number=number,
        defaults={"body": body, "created_by": owner, "updated_by": owner, **fields},
    )
    if created:
        StandardVersionEdit.objects.get_or_create(
            version=version,
            revision=version.revision,
            defaults={"body": version.body, "edited_by": owner},
        )
    return version


def _approved(standard, number, body, owner, day, today, **fields):
    existing = StandardVersion.objects.filter(standard=standard, number=number)
    if existing.exists():  # a later run on another day must not add a meeting
        return existing.get()
    meeting = _meeting(day)
    day = timezone.localdate(meeting.starts_at)
    review = add_months(day, standard.review_period_months)
    status = S.DUE_FOR_REVIEW if review <= today else S.APPROVED
    return _version(
        standard,
        number,
        body,
        owner,
        status=fields.pop("status", status),
        approved_at=meeting,
        approved_on=day,
        review_date=review,
        **fields,
    )


def _standards(owner) -> dict:
    domains = {d.number: d for d in CompetenceDomain.objects.all()}
    out = {}
    for code, title, area, phase, numbers in STANDARDS:
        standard, created = Standard.objects.get_or_create(
            code=code,
            defaults={
                "title": title,
                "area": area,
                "imroc_phase": phase,
                "owner": owner,
                "created_by": owner,
            },
        )
        if created:
            standard.hee_domains.set([domains[n] for n in numbers if n in domains])
        out[code] = standard
    return out


def _supersede(old: StandardVersion, new: StandardVersion) -> None:
    if old.superseded_by_id is None:
        old.superseded_by = new
        old.save(update_fields=["superseded_by"])


def _respond(version, user, trust, position, comments, paragraph=None, **extra):
    if user is None:
        return None
    key = {"trust": trust} if trust else {"respondent": user, "trust": None}
    kind = ConsultationResponse.RespondentType
    response, _ = ConsultationResponse.objects.get_or_create(
        version=version,
        **key,
        defaults={
            "respondent": user,
            "respondent_type": kind.TRUST_LEAD if trust else kind.PSW,
            "position": position,
            "comments": comments,
            "paragraph": paragraph,
            **extra,
        },
    )
    return response


def _comment(response, paragraph, text, **extra):
    if response is None:
        return
    ConsultationComment.objects.get_or_create(
        response=response, paragraph=paragraph, defaults={"text": text, **extra}
    )


def _adoption(standard, trusts, statuses, owner):
    for trust, (status, day) in zip(trusts, statuses, strict=False):
        StandardAdoption.objects.get_or_create(
            standard=standard,
            trust=trust,
            defaults={
                "status": status,
                "effective_date": day,
                "created_by": owner,
                "updated_by": owner,
            },
        )


def _seed_approved(standards, owner, today) -> None:
    """S01 (v1 superseded by v2, now due for review), S02 and S06 in force."""
    s01 = standards["NWPSW-S01"]
    old_role = BODIES["NWPSW-S01"].replace(
        " Applicants are never asked", " Applicants may be asked"
    )
    v1 = _approved(
        s01, 1, old_role, owner, date(2018, 3, 14), today, status=S.SUPERSEDED
    )
    v2 = _approved(
        s01,
        2,
        BODIES["NWPSW-S01"],
        owner,
        date(2024, 3, 13),
        today,
        summary_of_changes="Interviews never ask about health history.",
    )
    _supersede(v1, v2)
    for code, months_ago in (("NWPSW-S02", 6), ("NWPSW-S06", 11)):
        standard = standards[code]
        _approved(
            standard, 1, BODIES[code], owner, add_months(today, -months_ago), today
        )


def _seed_drafts(standards, owner) -> None:
    _version(standards["NWPSW-S04"], 1, BODIES["NWPSW-S04"], owner)
    _version(
        standards["NWPSW-S07"],
        1,
        BODIES["NWPSW-S07"],
        owner,
        status=S.WITHDRAWN,
        withdrawn_reason="Covered by NWPSW-S02 after the 2025 review.",
    )


def _seed_consultation(standards, people, today) -> None:
    """S03 is in consultation now, with two responses and a paragraph comment."""
    s03v1 = _version(
        standards["NWPSW-S03"],
        1,
        BODIES["NWPSW-S03"],
        people["coordinator"],
        status=S.CONSULTATION,
        consultation_opens=today - timedelta(days=10),
        consultation_closes=today + timedelta(days=18),
    )
    mc = _respond(
        s03v1,
        people["lead_mc"],
        people["mersey"],
        P.SUPPORT_WITH_CHANGES,
        "New peer support workers need fortnightly supervision for their "
        "first three months.",
        paragraph=3,
    )
    _respond(
        s03v1,
        people["peer"],
        None,
        P.SUPPORT,
        "Having a senior peer as supervisor made all the difference to me.",
        paragraph=4,
    )
    _comment(mc, 2, "Please say who arranges practice supervision.")


def _seed_revised(standards, people) -> None:
    """S05: consulted in May 2026, comments answered, version 2 being drafted."""
    owner, s05 = people["coordinator"], standards["NWPSW-S05"]
    v1 = _version(
        s05,
        1,
        BODIES["NWPSW-S05"],
        owner,
        status=S.SUPERSEDED,
        consultation_opens=date(2026, 5, 1),
        consultation_closes=date(2026, 5, 29),
    )
    _seed_answered_responses(v1, people)
    v2 = _version(
        s05,
        2,
        BODIES["NWPSW-S05"].replace(
            "Trusts publish the training that leads to each step.",
            "Trusts publish the training that leads to each step, and how it is "
            "funded.\n\nPeer trainer and Recovery College roles are a recognised "
            "route of progression.",
        ),
        owner,
        summary_of_changes="Changes after the May 2026 consultation.",
    )
    _supersede(v1, v2)


def _seed_answered_responses(v1, people) -> None:
    owner = people["coordinator"]
    done = {
        "disposition_by": owner,
        "disposition_at": timezone.make_aware(datetime(2026, 6, 10, 12)),
    }
    _respond(
        v1,
        people["lead_mc"],
        people["mersey"],
        P.SUPPORT_WITH_CHANGES,
        "Say which Band the senior role is, not only 'Band 5 or above'.",
        paragraph=2,
        disposition="declined",
        disposition_reason="Bands differ between trusts; we kept the floor.",
        **done,
    )
    gmmh = _respond(
        v1,
        people["lead_gmmh"],
        people["gmmh"],
        P.SUPPORT_WITH_CHANGES,
        "Add a route into peer trainer and Recovery College roles.",
        disposition="accepted",
        disposition_reason="Added a new paragraph on peer trainer routes.",
        **done,
    )
    _respond(
        v1,
        people["peer"],
        None,
        P.DO_NOT_SUPPORT,
        "Training should be funded, not only published.",
        paragraph=4,
        disposition="changed",
        disposition_reason="Trusts now publish training and how it is funded.",
        **done,
    )
    _comment(
        gmmh,
        3,
        "Senior peers need protected time for supervising others.",
        disposition="declined",
        disposition_reason="Left to each trust's job planning; noted for review.",
        **done,
    )


def _seed_adoption(standards, owner) -> None:
    trusts = list(MemberTrust.objects.current().order_by("name"))
    st = StandardAdoption.Status
    _adoption(
        standards["NWPSW-S01"],
        trusts,
        [
            (st.ADOPTED, date(2024, 6, 1)),
            (st.ADOPTED, date(2024, 9, 1)),
            (st.PARTIALLY_ADOPTED, date(2025, 1, 1)),
            (st.ADOPTED, date(2024, 5, 1)),
            (st.PLANNED, None),
            (st.NOT_CONSIDERED, None),
        ],
        owner,
    )
    _adoption(
        standards["NWPSW-S02"],
        trusts,
        [
            (st.PLANNED, None),
            (st.ADOPTED, date(2025, 10, 1)),
            (st.NOT_ADOPTING, None),
            (st.PARTIALLY_ADOPTED, date(2026, 2, 1)),
        ],
        owner,
    )
    _adoption(
        standards["NWPSW-S06"],
        trusts,
        [(st.ADOPTED, date(2025, 4, 1)), (st.PLANNED, None)],
        owner,
    )


def _people() -> dict | None:
    by_email = {
        u.email: u for u in User.objects.filter(email__endswith="@demo.nwpsw.example")
    }
    coordinator = (
        by_email.get("coordinator@demo.nwpsw.example")
        or User.objects.filter(role=User.Role.COORDINATOR).first()
    )
    if coordinator is None:
        return None
    lead_mc = by_email.get("lead.merseycare@demo.nwpsw.example")
    lead_gmmh = by_email.get("lead.gmmh@demo.nwpsw.example")
    return {
        "coordinator": coordinator,
        "lead_mc": lead_mc,
        "lead_gmmh": lead_gmmh,
        "peer": by_email.get("peer@demo.nwpsw.example"),
        "mersey": lead_mc.trust if lead_mc else None,
        "gmmh": lead_gmmh.trust if lead_gmmh else None,
    }


def seed(stdout=None) -> None:
    people = _people()
    if people is None:
        if stdout:
            stdout.write("standards: no coordinator yet, demo standards skipped")
        return
    today = timezone.localdate()
    standards = _standards(people["coordinator"])
    _seed_approved(standards, people["coordinator"], today)
    _seed_drafts(standards, people["coordinator"])
    _seed_consultation(standards, people, today)
    _seed_revised(standards, people)
    _seed_adoption(standards, people["coordinator"])
    if stdout:
        stdout.write(f"standards: {StandardVersion.objects.count()} versions")
