"""Multi-step writes for the network app. Callers have already checked access."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from core import roles, workhome_cache
from core.dates import add_months
from network import actions_cache
from network.models import (
    ActionItem,
    ActionUpdate,
    AgendaItem,
    CalendarFeedToken,
    Meeting,
    MeetingAttendance,
    MeetingPaper,
    MeetingSeries,
    MemberTrust,
    Objective,
    TermsOfReference,
    TrustNameHistory,
)

STALE_ACTION = (
    "Someone else changed this action while you were editing it. Your changes "
    "have not been saved: check the latest version below and try again."
)
OVERRIDE_NEEDS_REASON = (
    "This action is overdue, so it is red. Give a reason to show a different RAG"
)
DEFER_NEEDS_DATE = "Enter a new due date, later than the current one, to defer"
CANCEL_NEEDS_REASON = "Give a reason for cancelling the action"
BAD_TRANSITION = "An action that is {old} cannot become {new}"
NOT_APPROVABLE = "Only a draft version can be approved"
TOR_MEETING_NOT_HELD = "Choose a meeting that has already taken place"
TOR_NOT_QUORATE = "The meeting was not quorate, so it cannot approve terms of reference"
APPROVAL_NEEDS_MEETING = "Choose the meeting that approved this version"


# --- member trusts ---------------------------------------------------------------
@transaction.atomic
def trust_save(*, form, actor) -> MemberTrust:
    """Save a coordinator's edit; a new legal name keeps the old one in the
    name history so historic reports show the name used at the time."""
    trust = form.instance
    if trust.pk and "name" in form.changed_data:
        TrustNameHistory.objects.create(
            trust=trust,
            name=form.initial["name"],
            valid_to=timezone.localdate(),
        )
    trust.updated_by = actor
    return form.save()


# --- meetings -----------------------------------------------------------------
# Changes that calendar apps must show: the invitation is sent again, updated.
RESCHEDULING_FIELDS = {"date", "start_time", "end_time", "location", "online_url"}


@transaction.atomic
def meeting_save(*, form, actor) -> Meeting:
    """Save a coordinator's new or edited meeting; a new time or place raises
    its calendar SEQUENCE so invitations already sent are updated, not doubled."""
    meeting = form.instance
    if meeting.pk and RESCHEDULING_FIELDS & set(form.changed_data):
        meeting.sequence += 1
    if not meeting.pk:
        meeting.created_by = actor
    meeting.updated_by = actor
    return form.save()


@transaction.atomic
def meeting_record_past(*, form, attended, actor) -> Meeting:
    """A meeting that has already taken place, saved as held with the people
    who came: the chair as chair, peer workers as their representatives."""
    meeting = form.instance
    meeting.status = Meeting.Status.HELD
    meeting.created_by = meeting.updated_by = actor
    form.save()
    MeetingAttendance.objects.bulk_create(
        MeetingAttendance(
            meeting=meeting,
            user=person,
            trust=person.trust or person.employer_trust,
            role_at_meeting=_role_at_meeting(meeting, person),
            response=MeetingAttendance.Response.ACCEPTED,
            attended=True,
        )
        for person in attended
    )
    return meeting


def _role_at_meeting(meeting: Meeting, person) -> str:
    if person.pk == meeting.chair_id:
        return MeetingAttendance.Role.CHAIR
    if person.role == person.Role.PEER_WORKER:
        return MeetingAttendance.Role.PSW_REP
    return MeetingAttendance.Role.MEMBER


@transaction.atomic
def meeting_postpone(
    *, meeting: Meeting, starts_at: datetime, ends_at: datetime, reason: str, actor
) -> Meeting:
    """Postpone to a new date: a new scheduled meeting with the same invitees
    and agenda, linked from the old one."""
    new = Meeting(
        title=meeting.title,
        meeting_type=meeting.meeting_type,
        starts_at=starts_at,
        ends_at=ends_at,
        location=meeting.location,
        online_url=meeting.online_url,
        chair=meeting.chair,
        is_public=meeting.is_public,
        description=meeting.description,
        tor_version=meeting.tor_version,
        created_by=actor,
        updated_by=actor,
    )
    new.full_clean()
    new.save()
    for att in meeting.attendances.all():
        att.pk, att.meeting, att.response, att.attended = None, new, "invited", None
        att.save()
    for item in meeting.agenda_items.all():
        item.pk, item.meeting, item.minutes = None, new, ""
        item.save()
    meeting.postpone(new_meeting=new, reason=reason)
    meeting.updated_by = actor
    meeting.save()
    return new


@transaction.atomic
def meeting_set_status(*, meeting: Meeting, to: str, reason: str = "", actor) -> None:
    if to == Meeting.Status.HELD:
        meeting.mark_held()
    elif to == Meeting.Status.CANCELLED:
        meeting.cancel(reason=reason)
    else:
        raise ValidationError("Use postpone to move a meeting to a new date")
    meeting.updated_by = actor
    meeting.save()


@transaction.atomic
def meeting_invite_trust_leads(*, meeting: Meeting, actor) -> int:
    """Invite every active trust lead of a current member trust (once)."""
    leads = roles.trust_leads().filter(trust__status=MemberTrust.Status.ACTIVE)
    already = set(meeting.attendances.values_list("user_id", flat=True))
    new = [
        MeetingAttendance(meeting=meeting, user=lead, trust_id=lead.trust_id)
        for lead in leads
        if lead.pk not in already
    ]
    MeetingAttendance.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def meeting_add_matters_arising(*, meeting: Meeting, today: date) -> AgendaItem:
    """Draft a 'Matters arising' agenda item listing open and overdue actions."""
    items = (
        ActionItem.objects.open()
        .filter(plan__status="active")
        .select_related("owner", "source_meeting")
        .order_by("due_date")
    )
    lines = []
    for item in items:
        flag = " **(overdue)**" if item.due_date < today else ""
        lines.append(
            f"- {item.ref}: {item.action.splitlines()[0][:120]} ({item.owner}, "
            f"due {item.due_date:%-d %b %Y}){flag}"
        )
    top = meeting.agenda_items.aggregate(top=Max("order"))["top"] or 0
    return AgendaItem.objects.create(
        meeting=meeting,
        order=top + 1,
        title="Matters arising: open and overdue actions",
        description="\n".join(lines) or "No open actions.",
    )


# --- action plan ------------------------------------------------------------------
def _next_ref(objective: Objective) -> str:
    refs = objective.plan.items.filter(objective=objective).values_list(
        "ref", flat=True
    )
    numbers = [int(r.split(".")[-1]) for r in refs if r.split(".")[-1].isdigit()]
    return f"{objective.ref}.{max(numbers, default=0) + 1}"


@transaction.atomic
def action_create(
    *,
    objective: Objective,
    action: str,
    owner,
    due_date: date,
    actor,
    ref: str = "",
    lead_trust=None,
    start_date: date | None = None,
    imroc_phase: str = "",
    evidence_url: str = "",
    source_meeting: Meeting | None = None,
    source_agenda_item: AgendaItem | None = None,
) -> ActionItem:
    """Create an action (optionally from a meeting decision, linked back to it)."""
    item = ActionItem(
        objective=objective,
        plan=objective.plan,
        ref=ref or _next_ref(objective),
        action=action,
        owner=owner,
        lead_trust=lead_trust,
        start_date=start_date,
        due_date=due_date,
        original_due_date=due_date,
        imroc_phase=imroc_phase,
        evidence_url=evidence_url,
        rag=ActionItem.Rag.NA,
        source_meeting=source_meeting or getattr(source_agenda_item, "meeting", None),
        source_agenda_item=source_agenda_item,
        created_by=actor,
        updated_by=actor,
    )
    item.full_clean()
    item.save()
    return item


def _claim_version(item: ActionItem, expected_version: int) -> None:
    """Optimistic lock: bump the version only if nobody else has since we read."""
    claimed = ActionItem.objects.filter(pk=item.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if claimed != 1:
        raise ValidationError(STALE_ACTION)
    item.version = expected_version + 1


@transaction.atomic
def action_edit(*, item: ActionItem, expected_version: int, actor) -> ActionItem:
    """Save a coordinator's edit of the item's fields, refusing a stale copy."""
    item.full_clean(exclude=["plan", "original_due_date"])
    _claim_version(item, expected_version)
    item.plan_id = item.objective.plan_id
    item.updated_by = actor
    rag = item.forced_rag(timezone.localdate())
    if rag and not (rag == ActionItem.Rag.RED and item.rag_overridden_reason):
        item.rag = rag
    item.save()
    return item


def _apply_progress(item: ActionItem, *, status, rag, override_reason, due_date):
    """Status and RAG rules (docs/rules.md) for one progress update."""
    today = timezone.localdate()
    errors = {}
    if status != item.status and not item.can_transition(status):
        errors["status"] = BAD_TRANSITION.format(
            old=item.get_status_display().lower(),
            new=ActionItem.Status(status).label.lower(),
        )
    if status == ActionItem.Status.DEFERRED and item.status != status:
        if not due_date or due_date <= item.due_date:
            errors["due_date"] = DEFER_NEEDS_DATE
    if errors:
        raise ValidationError(errors)
    item.status = status
    if due_date:
        item.due_date = due_date
    forced = item.forced_rag(today)
    item.rag_overridden_reason = ""
    if forced == ActionItem.Rag.RED and rag != ActionItem.Rag.RED:
        if not override_reason.strip():
            raise ValidationError({"rag_override_reason": OVERRIDE_NEEDS_REASON})
        item.rag, item.rag_overridden_reason = rag, override_reason.strip()
    else:
        item.rag = forced or rag


@transaction.atomic
def action_progress_post(
    *,
    item: ActionItem,
    expected_version: int,
    actor,
    note: str,
    status: str,
    rag: str,
    on: date | None = None,
    rag_override_reason: str = "",
    due_date: date | None = None,
    completed_on: date | None = None,
    cancel_reason: str = "",
    evidence_url: str = "",
) -> ActionUpdate:
    """Post a dated progress update; it moves the item's status and RAG."""
    on = on or timezone.localdate()
    _apply_progress(
        item,
        status=status,
        rag=rag,
        override_reason=rag_override_reason,
        due_date=due_date,
    )
    if status == ActionItem.Status.COMPLETED:
        item.completed_on = completed_on or on
    if status == ActionItem.Status.CANCELLED:
        if not cancel_reason.strip():
            raise ValidationError({"cancel_reason": CANCEL_NEEDS_REASON})
        item.cancel_reason = cancel_reason.strip()
    if evidence_url:
        item.evidence_url = evidence_url
    item.full_clean(exclude=["plan", "original_due_date"])
    _claim_version(item, expected_version)
    item.updated_by = actor
    item.save()
    workhome_cache.invalidate()
    return ActionUpdate.objects.create(
        item=item,
        author=actor,
        date=on,
        note=note,
        status_at_time=item.status,
        rag_at_time=item.rag,
        due_date_at_time=item.due_date,
    )


# --- terms of reference -----------------------------------------------------------
@transaction.atomic
def tor_new_version(
    *, source: TermsOfReference, version: str, actor
) -> TermsOfReference:
    """A new draft copied from an existing version, ready to edit."""
    fields = {
        f: getattr(source, f)
        for f in [
            *TermsOfReference.TEXT_FIELDS,
            "chair_term_months",
            "meeting_frequency",
            "quorum_min_trusts",
            "quorum_min_trust_percent",
            "quorum_requires_chair",
            "quorum_min_lived_experience",
        ]
    }
    draft = TermsOfReference(
        version=version, supersedes=source, created_by=actor, updated_by=actor, **fields
    )
    draft.full_clean()
    draft.save()
    return draft


@transaction.atomic
def tor_approve(
    *,
    tor: TermsOfReference,
    meeting: Meeting | None,
    effective_from: date | None,
    actor,
    review_due: date | None = None,
) -> TermsOfReference:
    """Approve a version at a meeting; the version in force becomes superseded."""
    if not tor.can_transition(TermsOfReference.Status.APPROVED):
        raise ValidationError(NOT_APPROVABLE)
    if meeting is None:
        raise ValidationError({"meeting": APPROVAL_NEEDS_MEETING})
    check_tor_approval_meeting(meeting)
    effective_from = effective_from or timezone.localdate(meeting.starts_at)
    current = TermsOfReference.objects.select_for_update().approved().first()
    if current:
        current.status = TermsOfReference.Status.SUPERSEDED
        current.review_overdue = False
        current.updated_by = actor
        current.save()
        tor.supersedes = tor.supersedes or current
    tor.status = TermsOfReference.Status.APPROVED
    tor.approved_at = meeting
    tor.effective_from = effective_from
    tor.review_due = review_due or add_months(effective_from, tor.REVIEW_MONTHS)
    tor.review_overdue = False
    tor.updated_by = actor
    tor.full_clean()
    tor.save()
    return tor


def check_tor_approval_meeting(meeting: Meeting) -> None:
    """Terms of reference are approved, like standards, only at a meeting that
    has happened and was quorate under the rules in force. The very first
    version has no rules to count by, so any held meeting may approve it."""
    if meeting.starts_at > timezone.now():
        raise ValidationError({"meeting": TOR_MEETING_NOT_HELD})
    status = meeting.quorum_status()
    if status.is_quorate is True:
        return
    ever_approved = TermsOfReference.objects.filter(
        status__in=[
            TermsOfReference.Status.APPROVED,
            TermsOfReference.Status.SUPERSEDED,
        ]
    ).exists()
    if status.is_quorate is None and not ever_approved:
        return
    reasons = "; ".join(status.reasons)
    raise ValidationError(
        {"meeting": TOR_NOT_QUORATE + (f" ({reasons})" if reasons else "")}
    )


@transaction.atomic
def tor_confirm_review(*, tor: TermsOfReference, reviewed_on: date, actor) -> None:
    """A review found no change needed: next review in 12 months."""
    tor.last_reviewed_on = reviewed_on
    tor.review_due = add_months(reviewed_on, tor.REVIEW_MONTHS)
    tor.review_overdue = False
    tor.updated_by = actor
    tor.save()


# --- calendar feed ----------------------------------------------------------------
@transaction.atomic
def calendar_token_rotate(*, user) -> CalendarFeedToken:
    """Revoke any live feed URL and issue a new one."""
    for token in CalendarFeedToken.objects.filter(user=user, revoked_at__isnull=True):
        token.revoke()
        token.save()
    return CalendarFeedToken.objects.create(user=user)


@transaction.atomic
def calendar_token_revoke(*, user) -> int:
    return CalendarFeedToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


# --- nightly date rules -----------------------------------------------------------
@transaction.atomic
def apply_date_rules(today: date) -> int:
    """Force overdue open actions to red; flag ToRs due for review. Idempotent:
    returns how many rows changed (0 on a rerun)."""
    changed = (
        ActionItem.objects.overdue(today)
        .exclude(rag=ActionItem.Rag.RED)
        .filter(rag_overridden_reason="")
        .update(rag=ActionItem.Rag.RED, version=F("version") + 1)
    )
    if changed:
        actions_cache.invalidate()  # a bulk update sends no signal
    approved = TermsOfReference.objects.approved()
    changed += approved.filter(review_due__lte=today, review_overdue=False).update(
        review_overdue=True
    )
    changed += approved.filter(review_due__gt=today, review_overdue=True).update(
        review_overdue=False
    )
    return changed


# --- meeting series -------------------------------------------------------------
@transaction.atomic
def series_save(*, form, actor) -> MeetingSeries:
    series = form.instance
    if not series.pk:
        series.created_by = actor
    series.updated_by = actor
    return form.save()


@transaction.atomic
def series_schedule_next(
    *, series: MeetingSeries, starts_at: datetime, ends_at: datetime, actor
) -> Meeting:
    """The next meeting of a series, copied from the last: its invitees (replies
    cleared) and standing agenda items, with matters arising listing the open
    actions. The caller has checked the date (after the last, a working day)."""
    last = series.last_meeting()
    meeting = Meeting(
        series=series,
        title=series.title,
        meeting_type=series.meeting_type,
        starts_at=starts_at,
        ends_at=ends_at,
        location=series.location or (last.location if last else ""),
        online_url=series.online_url or (last.online_url if last else ""),
        chair=series.default_chair or (last.chair if last else None),
        is_public=series.is_public,
        created_by=actor,
        updated_by=actor,
    )
    meeting.full_clean()
    meeting.save()
    _copy_invitees(series, last, meeting)
    if last:
        for item in last.agenda_items.filter(standing=True).order_by("order", "pk"):
            AgendaItem.objects.create(
                meeting=meeting,
                order=item.order,
                title=item.title,
                description=item.description,
                presenter=item.presenter,
                presenter_name=item.presenter_name,
                standing=True,
            )
    meeting_add_matters_arising(meeting=meeting, today=timezone.localdate())
    return meeting


def _copy_invitees(series: MeetingSeries, last: Meeting | None, meeting) -> None:
    rows, seen = [], set()
    previous = last.attendances.select_related("user") if last else []
    for att in previous:
        if att.user_id and not att.user.is_active:
            continue
        seen.add(att.user_id)
        rows.append(
            MeetingAttendance(
                meeting=meeting,
                user_id=att.user_id,
                name=att.name,
                trust_id=att.trust_id,
                role_at_meeting=att.role_at_meeting,
                lived_experience=att.lived_experience,
            )
        )
    for person in series.invitees.filter(is_active=True):
        if person.pk not in seen:
            rows.append(
                MeetingAttendance(
                    meeting=meeting, user=person, trust_id=person.trust_id
                )
            )
    MeetingAttendance.objects.bulk_create(rows)


# --- papers -------------------------------------------------------------------------
def paper_add(*, form, meeting: Meeting, actor) -> MeetingPaper:
    """Store a checked upload (form.checked) and record it. Saving the row
    writes the file first; if the row then fails, the file is removed again, so
    nothing is left half-saved."""
    checked = form.checked
    paper = form.save(commit=False)
    paper.meeting = meeting
    paper.filename = checked.filename
    paper.content_type = checked.content_type
    paper.size = checked.size
    paper.uploaded_by = actor
    try:
        with transaction.atomic():
            paper.save()
    except Exception:
        if paper.file and paper.file._committed:
            paper.file.storage.delete(paper.file.name)
        raise
    return paper


@transaction.atomic
def paper_delete(*, paper: MeetingPaper, actor) -> None:
    name, storage = paper.file.name, paper.file.storage
    paper.delete()
    transaction.on_commit(lambda: storage.delete(name))
