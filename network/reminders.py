"""Network reminders due on a day (R1-R5, R9-R12, R23 in docs/reminders.md). Pure reads.

Each reminder is due for a window of days, not a single day, and names an
occurrence that stays the same for that window (e.g. "t-7:2026-06-10"), so the
outbox records it once however often, or however late, the scan runs. A meeting
moved to a new date, or an action given a new due date, gives new occurrences.
"""

from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from django.db.models import Max
from django.utils import timezone

from core import roles
from core.leads import reminder_leads
from core.leadtimes import lead_time_due, lead_times
from core.reminders import DueReminder, register
from core.workdays import add_working_days
from network import services
from network.meeting_calendar import calendar_event
from network.models import (
    ActionItem,
    ActionPlan,
    Meeting,
    MemberTrust,
    TermsOfReference,
)

CATCH_UP_DAYS = 14  # a scan that was down this long still sends "on the day" items
STALE_DAYS = 30
DIGEST_MEETING_TYPES = [Meeting.MeetingType.NETWORK, Meeting.MeetingType.STEERING_GROUP]


def _coordinators() -> list:
    return list(roles.coordinators())


def _unique(people) -> list:
    seen = {}
    for person in people:
        if person is not None and person.is_active:
            seen.setdefault(person.pk, person)
    return list(seen.values())


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


# --- R1 meetings --------------------------------------------------------------
def meeting_stage(
    start: date, today: date, leads: tuple[int, ...] | None = None
) -> tuple[str, str, int] | None:
    """R1 at the lead times coordinators set (default 14, 7 and 1 days before):
    (occurrence label, what the email says, days). The earliest asks for agenda
    items and papers, the last gives the joining details, any between says
    papers are due."""
    leads = tuple(sorted(leads or lead_times("R1"), reverse=True))
    remaining = (start - today).days
    if remaining < 0 or (remaining == 0 and 0 not in leads):
        return None
    lead = lead_time_due(start, today, leads)
    if lead is None:
        return None
    if lead == leads[-1]:
        role = "final"
    elif lead == leads[0]:
        role = "call"
    else:
        role = "papers"
    return f"t-{lead}", role, lead


def _invitees(meeting: Meeting) -> list:
    people = [
        a.user
        for a in meeting.attendances.all()
        if a.user_id and a.response != "declined"
    ]
    return _unique([*people, meeting.chair])


def _meeting_occurrence(meeting: Meeting, stage: str) -> str:
    """A moved meeting has a new start; a new place a new calendar sequence, so
    the invitation goes again (as an update to the calendar entry)."""
    occurrence = f"{stage}:{meeting.starts_at.isoformat()}"
    if stage == "invitation" and meeting.sequence:
        occurrence += f":v{meeting.sequence}"
    return occurrence


def meeting_reminders(today: date) -> Iterator[DueReminder]:
    leads = lead_times("R1")
    meetings = Meeting.objects.filter(starts_at__date__gte=today).prefetch_related(
        "attendances__user", "chair"
    )
    for meeting in meetings:
        start = timezone.localdate(meeting.starts_at)
        if start < today:
            continue
        if meeting.status == Meeting.Status.SCHEDULED:
            stages = [("invitation", "invitation", None)]
            stages.append(meeting_stage(start, today, leads))
        elif meeting.status in (Meeting.Status.CANCELLED, Meeting.Status.POSTPONED):
            stages = [(meeting.status, meeting.status, None)]
        else:
            continue
        for label, stage, days in filter(None, stages):
            for person in _invitees(meeting):
                yield DueReminder(
                    kind="R1-meeting",
                    obj=meeting,
                    recipient=person,
                    occurrence=_meeting_occurrence(meeting, label),
                    template="network_meeting",
                    context={
                        "meeting": meeting,
                        "stage": stage,
                        "days": days,
                        "calendar_event": calendar_event(meeting, with_link=True),
                    },
                )


# --- R2 quorum at risk ---------------------------------------------------------------
def quorum_reminders(today: date, coordinators) -> Iterator[DueReminder]:
    soon = Meeting.objects.filter(
        status=Meeting.Status.SCHEDULED,
        starts_at__date__gte=today,
        starts_at__date__lte=today + timedelta(days=7),
    ).select_related("chair")
    for meeting in soon:
        start = timezone.localdate(meeting.starts_at)
        if today < add_working_days(start, -3):
            continue
        status = meeting.quorum_status()
        if status.is_quorate is not False:
            continue
        for person in _unique([meeting.chair, *coordinators]):
            yield DueReminder(
                kind="R2-quorum-at-risk",
                obj=meeting,
                recipient=person,
                occurrence=f"quorum:{start}",
                template="network_quorum_risk",
                context={"meeting": meeting, "quorum": status},
                mandatory=True,
            )


# --- R3/R4 minutes -------------------------------------------------------------------
def minutes_reminders(today: date, coordinators) -> Iterator[DueReminder]:
    held = Meeting.objects.filter(
        status=Meeting.Status.HELD,
        starts_at__date__gte=today - timedelta(days=120),
    ).select_related("chair")
    for meeting in held:
        held_on = timezone.localdate(meeting.starts_at)
        if meeting.minutes_status == Meeting.MinutesStatus.NONE:
            if today >= add_working_days(held_on, 10):
                for person in _unique([meeting.chair, *coordinators]):
                    yield _minutes(meeting, person, "outstanding", True)
        elif meeting.minutes_status == Meeting.MinutesStatus.DRAFT:
            yield from _draft_minutes(meeting, today)


def _draft_minutes(meeting: Meeting, today: date) -> Iterator[DueReminder]:
    drafted = meeting.minutes_drafted_on
    if drafted is None or today > drafted + timedelta(days=60):
        return
    stages = ["draft"]
    if today >= add_working_days(drafted, 5):
        stages.append("draft-reminder")
    attendees = [
        a.user for a in meeting.attendances.select_related("user") if a.attended
    ]
    for person in _unique(attendees):
        for stage in stages:
            yield _minutes(meeting, person, stage, False)


def _minutes(meeting, person, stage, mandatory) -> DueReminder:
    return DueReminder(
        kind="R3-minutes-outstanding" if stage == "outstanding" else "R4-draft-minutes",
        obj=meeting,
        recipient=person,
        occurrence=stage,
        template="network_minutes",
        context={"meeting": meeting, "stage": stage},
        mandatory=mandatory,
    )


# --- R5 ToR review -------------------------------------------------------------------
def tor_review_occurrence(
    review_due: date, today: date, leads: tuple[int, ...] | None = None
) -> str | None:
    """Before the review at the lead times coordinators set (default −60 and −30
    days), on the day, then weekly while overdue."""
    if today >= review_due:
        return f"review-due:{review_due}:w{(today - review_due).days // 7}"
    lead = lead_time_due(review_due, today, leads or lead_times("R5"))
    return f"review-{lead}d:{review_due}" if lead is not None else None


def tor_reminders(today: date, coordinators) -> Iterator[DueReminder]:
    review_days = lead_times("R5")
    for tor in TermsOfReference.objects.approved().exclude(review_due=None):
        occurrence = tor_review_occurrence(tor.review_due, today, review_days)
        if occurrence is None:
            continue
        for person in coordinators:
            yield DueReminder(
                kind="R5-tor-review",
                obj=tor,
                recipient=person,
                occurrence=occurrence,
                template="network_tor_review",
                context={"tor": tor, "overdue": today >= tor.review_due},
                mandatory=True,
            )


# --- R9-R11 action items ------------------------------------------------------------
def action_occurrence(
    item: ActionItem, today: date, leads: tuple[int, ...] | None = None
) -> str | None:
    """R9 before the due date at the lead times coordinators set (default −14 and
    −3 days); R10 the day after due, then weekly from Monday."""
    due = item.due_date
    if today <= due:
        lead = lead_time_due(due, today, leads or lead_times("R9"))
        return f"due-{lead}d:{due}" if lead is not None else None
    if today > due:
        first_week = _monday(due + timedelta(days=1))
        week = _monday(today)
        return f"overdue:{due}" if week == first_week else f"overdue:{due}:{week}"
    return None


def _leads_by_trust() -> dict:
    return reminder_leads()


def action_reminders(today: date) -> Iterator[DueReminder]:
    due_days = lead_times("R9")
    items = (
        ActionItem.objects.open()
        .filter(plan__status=ActionPlan.Status.ACTIVE)
        .filter(due_date__lte=today + timedelta(days=max(due_days)))
        .select_related("owner", "lead_trust")
    )
    leads = _leads_by_trust()
    for item in items:
        occurrence = action_occurrence(item, today, due_days)
        if occurrence is None:
            continue
        overdue = occurrence.startswith("overdue")
        people = [item.owner]
        if not overdue:  # R9 copies the lead trust's lead; R10 goes to the owner
            people += leads.get(item.lead_trust_id, [])
        for person in _unique(people):
            yield DueReminder(
                kind="R10-action-overdue" if overdue else "R9-action-due",
                obj=item,
                recipient=person,
                occurrence=occurrence,
                template="network_action",
                context={"item": item, "stage": "overdue" if overdue else "due"},
            )


def stale_reminders(today: date) -> Iterator[DueReminder]:
    """R11: an open item with no progress update for 30 days."""
    items = (
        ActionItem.objects.open()
        .filter(plan__status=ActionPlan.Status.ACTIVE)
        .annotate(last_update=Max("updates__date"))
        .select_related("owner")
    )
    for item in items:
        last = item.last_update or timezone.localdate(item.created_at)
        if today < last + timedelta(days=STALE_DAYS):
            continue
        yield DueReminder(
            kind="R11-action-stale",
            obj=item,
            recipient=item.owner,
            occurrence=f"stale:{last}",
            template="network_action",
            context={"item": item, "stage": "stale", "last_update": last},
        )


def overdue_digest(today: date, coordinators) -> Iterator[DueReminder]:
    """R10's weekly digest for coordinators: every overdue item, once a week."""
    plan = ActionPlan.objects.filter(status=ActionPlan.Status.ACTIVE).first()
    if plan is None:
        return
    overdue = list(
        ActionItem.objects.overdue(today).filter(plan=plan).select_related("owner")
    )
    if not overdue:
        return
    for person in coordinators:
        yield DueReminder(
            kind="R10-overdue-digest",
            obj=plan,
            recipient=person,
            occurrence=f"overdue-digest:{_monday(today)}",
            template="network_action_digest",
            context={"items": overdue, "stage": "overdue", "today": today},
        )


# --- R12 pre-meeting digest and each owner's items ----------------------------------
def _digest_meetings(today: date, leads: tuple[int, ...]):
    """Network and steering group meetings whose R12 lead time has come."""
    meetings = Meeting.objects.filter(
        status=Meeting.Status.SCHEDULED,
        meeting_type__in=DIGEST_MEETING_TYPES,
        starts_at__date__gt=today,
        starts_at__date__lte=today + timedelta(days=max(leads)),
    ).select_related("chair")
    for meeting in meetings:
        start = timezone.localdate(meeting.starts_at)
        if lead_time_due(start, today, leads) is not None:
            yield meeting, start


def premeeting_digest(today: date, coordinators) -> Iterator[DueReminder]:
    for meeting, start in _digest_meetings(today, lead_times("R12")):
        items = list(_items_for_pack(today, start))
        for person in _unique([meeting.chair, *coordinators]):
            yield DueReminder(
                kind="R12-premeeting-digest",
                obj=meeting,
                recipient=person,
                occurrence=f"digest:{start}",
                template="network_action_digest",
                context={"items": items, "stage": "pre_meeting", "meeting": meeting},
                mandatory=True,
            )


def owner_premeeting_reminders(today: date) -> Iterator[DueReminder]:
    """One email per action owner before each meeting: their open items due by
    the meeting day, or with no progress update for 30 days."""
    for meeting, start in _digest_meetings(today, lead_times("R12")):
        by_owner: dict = {}
        for item in _owner_items(today, start):
            by_owner.setdefault(item.owner, []).append(item)
        for owner, items in by_owner.items():
            if not owner.is_active:
                continue
            yield DueReminder(
                kind="R9-actions-before-meeting",
                obj=meeting,
                recipient=owner,
                occurrence=f"owner-actions:{start}",
                template="network_actions_before_meeting",
                context={"meeting": meeting, "items": items, "today": today},
            )


def _owner_items(today: date, meeting_day: date) -> list[ActionItem]:
    items = (
        ActionItem.objects.open()
        .filter(plan__status=ActionPlan.Status.ACTIVE)
        .annotate(last_update=Max("updates__date"))
        .select_related("owner")
        .order_by("due_date", "ref")
    )
    chosen = []
    for item in items:
        last = item.last_update or timezone.localdate(item.created_at)
        item.is_stale = today >= last + timedelta(days=STALE_DAYS)
        item.is_due = item.due_date <= meeting_day
        if item.is_due or item.is_stale:
            chosen.append(item)
    return chosen


def _items_for_pack(today: date, meeting_day: date) -> Iterable[ActionItem]:
    """Red or amber items, and those due before the next meeting after this one."""
    following = (
        Meeting.objects.filter(
            status=Meeting.Status.SCHEDULED,
            meeting_type__in=DIGEST_MEETING_TYPES,
            starts_at__date__gt=meeting_day,
        )
        .order_by("starts_at")
        .first()
    )
    horizon = timezone.localdate(following.starts_at) if following else meeting_day
    items = (
        ActionItem.objects.open()
        .filter(plan__status=ActionPlan.Status.ACTIVE)
        .with_current_rag(today)
        .select_related("owner")
        .order_by("due_date")
    )
    return [
        i for i in items if i.current_rag in ("red", "amber") or i.due_date <= horizon
    ]


# --- R23 trust without a lead --------------------------------------------------------
def trust_lead_reminders(today: date, coordinators) -> Iterator[DueReminder]:
    with_lead = roles.trust_leads().values_list("trust_id", flat=True)
    for trust in MemberTrust.objects.current().exclude(pk__in=with_lead):
        for person in coordinators:
            yield DueReminder(
                kind="R23-trust-without-lead",
                obj=trust,
                recipient=person,
                occurrence=f"no-lead:{_monday(today)}",
                template="network_trust_without_lead",
                context={"trust": trust},
                mandatory=True,
            )


def due_reminders(today: date) -> Iterable[DueReminder]:
    coordinators = _coordinators()
    yield from meeting_reminders(today)
    yield from quorum_reminders(today, coordinators)
    yield from minutes_reminders(today, coordinators)
    yield from tor_reminders(today, coordinators)
    yield from action_reminders(today)
    yield from stale_reminders(today)
    yield from overdue_digest(today, coordinators)
    yield from premeeting_digest(today, coordinators)
    yield from owner_premeeting_reminders(today)
    yield from trust_lead_reminders(today, coordinators)


# What the outbox scan sends and what the nightly job changes (core.reminders).
register("network", due_reminders, date_rules=services.apply_date_rules)
