"""Access rules for the network app: a predicate and a matching queryset each.

Views load objects only through the loaders at the bottom: not visible -> 404,
visible but not allowed -> 403 (`core.roles.deny_unless`).
"""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from core.roles import (
    deny_unless,
    is_coordinator,
    is_trust_lead,
    leads_trust,
    must_set_up_mfa,
)
from network.models import (
    ActionItem,
    ActionPlan,
    Meeting,
    MeetingAttendance,
    MeetingPaper,
    MeetingSeries,
    MemberTrust,
    TermsOfReference,
)


# --- member trusts ------------------------------------------------------------
def can_manage_trusts(user) -> bool:
    """Create and edit member trusts (all fields)."""
    return is_coordinator(user)


def can_see_trust_contacts(user) -> bool:
    """Contact details, leads and meetings attended are for signed-in members."""
    return bool(user.is_authenticated)


def can_edit_trust_contact(user, trust: MemberTrust) -> bool:
    """A trust lead may edit only their own trust's contact details."""
    return is_coordinator(user) or leads_trust(user, trust.pk)


def trusts_contact_editable_by(user) -> QuerySet:
    if is_coordinator(user):
        return MemberTrust.objects.all()
    if is_trust_lead(user):
        return MemberTrust.objects.filter(pk=user.trust_id)
    return MemberTrust.objects.none()


# --- meetings -----------------------------------------------------------------
def meetings_visible_to(user) -> QuerySet:
    """Signed-in members see every meeting; the public only public ones."""
    if user.is_authenticated:
        return Meeting.objects.all()
    return Meeting.objects.filter(is_public=True)


def can_view_meeting(user, meeting: Meeting) -> bool:
    """One meeting under the rule of `meetings_visible_to` (for linking to it)."""
    return user.is_authenticated or meeting.is_public


def can_manage_meetings(user) -> bool:
    """Create, edit, record attendance and minutes, change status."""
    return is_coordinator(user)


def can_see_online_link(user) -> bool:
    return bool(user.is_authenticated)


def can_see_attendance(user) -> bool:
    return bool(user.is_authenticated)


def can_view_minutes(user, meeting: Meeting) -> bool:
    """Coordinators and trust leads read drafts; others approved minutes only
    (and the public only for a public meeting)."""
    if meeting.minutes_status == Meeting.MinutesStatus.NONE:
        return False
    if is_coordinator(user) or is_trust_lead(user):
        return True
    approved = meeting.minutes_status == Meeting.MinutesStatus.APPROVED
    return approved and (user.is_authenticated or meeting.is_public)


def can_comment_on_minutes(user, meeting: Meeting) -> bool:
    """Draft minutes take comments from those who can read drafts (coordinators
    and trust leads) until a later meeting approves them."""
    if meeting.minutes_status != Meeting.MinutesStatus.DRAFT:
        return False
    return is_coordinator(user) or is_trust_lead(user)


def can_respond_for(user, attendance: MeetingAttendance) -> bool:
    """RSVP: your own invitation, or (trust lead) your trust's attendees."""
    if not user.is_authenticated or not attendance.meeting.is_open:
        return False
    if is_coordinator(user) or attendance.user_id == user.pk:
        return True
    return leads_trust(user, attendance.trust_id)


def attendances_respondable_by(user, meeting: Meeting) -> QuerySet:
    qs = meeting.attendances.select_related("user", "trust")
    if not user.is_authenticated or not meeting.is_open:
        return qs.none()
    if is_coordinator(user):
        return qs
    rule = Q(user=user)
    if is_trust_lead(user):
        rule |= Q(trust_id=user.trust_id)
    return qs.filter(rule)


# --- meeting series and papers ---------------------------------------------------
def can_see_attendance_report(user) -> bool:
    """Report W13 compares trusts, so it is for coordinators."""
    return is_coordinator(user)


def can_manage_series(user) -> bool:
    return is_coordinator(user)


def series_visible_to(user) -> QuerySet:
    """Series pages list attendance, so they are for signed-in members."""
    if user.is_authenticated:
        return MeetingSeries.objects.all()
    return MeetingSeries.objects.none()


def can_read_papers(user, meeting: Meeting) -> bool:
    """Coordinators, trust leads and the people invited to the meeting; never
    the public, even for a public meeting (papers are often drafts)."""
    if not user.is_authenticated:
        return False
    if is_coordinator(user) or user.is_trust_lead:
        return True
    return meeting.attendances.filter(user=user).exists()


def papers_readable_by(user, meeting: Meeting) -> QuerySet:
    if can_read_papers(user, meeting):
        return meeting.papers.all()
    return MeetingPaper.objects.none()


# --- terms of reference -----------------------------------------------------------
def tor_visible_to(user) -> QuerySet:
    """Every version for signed-in members; the approved one for the public."""
    if user.is_authenticated:
        return TermsOfReference.objects.all()
    return TermsOfReference.objects.approved()


def can_view_tor(user, tor: TermsOfReference) -> bool:
    """One version under the rule of `tor_visible_to` (for linking to it)."""
    return user.is_authenticated or tor.status == TermsOfReference.Status.APPROVED


def can_manage_tor(user) -> bool:
    return is_coordinator(user)


# --- action plan -----------------------------------------------------------------
def actions_visible_to(user) -> QuerySet:
    if user.is_authenticated:
        return ActionItem.objects.all()
    return ActionItem.objects.none()


def plans_visible_to(user) -> QuerySet:
    if user.is_authenticated:
        return ActionPlan.objects.all()
    return ActionPlan.objects.none()


def can_manage_actions(user) -> bool:
    """Create plans, objectives and items; edit every field of an item."""
    return is_coordinator(user)


def can_update_action(user, item: ActionItem) -> bool:
    """Post progress (status, RAG, notes): a coordinator, the owner, or the trust
    lead of the item's lead trust."""
    if is_coordinator(user):
        return True
    if not user.is_authenticated:
        return False
    if item.owner_id == user.pk:
        return True
    return bool(item.lead_trust_id) and leads_trust(user, item.lead_trust_id)


def actions_updatable_by(user) -> QuerySet:
    if is_coordinator(user):
        return ActionItem.objects.all()
    if not user.is_authenticated:
        return ActionItem.objects.none()
    rule = Q(owner=user)
    if is_trust_lead(user):
        rule |= Q(lead_trust_id=user.trust_id)
    return ActionItem.objects.filter(rule)


# --- calendar feed ---------------------------------------------------------------
def can_have_calendar_feed(user) -> bool:
    """Like an API token, the private feed link gives no more than the
    person's session: nothing while they must set up an authenticator app."""
    return bool(user.is_authenticated and user.is_active and not must_set_up_mfa(user))


# --- loaders ------------------------------------------------------------------------
def get_meeting_for_view(user, pk: int) -> Meeting:
    # The detail page shows the chair and links to the meetings it was postponed
    # to and whose minutes it approved: one join instead of three more queries.
    related = ("chair", "postponed_to", "minutes_approved_at", "series")
    return get_object_or_404(meetings_visible_to(user).select_related(*related), pk=pk)


def get_meeting_for_change(user, pk: int) -> Meeting:
    meeting = get_meeting_for_view(user, pk)
    deny_unless(can_manage_meetings(user))
    return meeting


def get_series_for_view(user, pk: int) -> MeetingSeries:
    return get_object_or_404(series_visible_to(user), pk=pk)


def get_paper_for_download(user, meeting_pk: int, paper_pk: int) -> MeetingPaper:
    meeting = get_meeting_for_view(user, meeting_pk)
    return get_object_or_404(papers_readable_by(user, meeting), pk=paper_pk)


def get_action_for_view(user, pk: int) -> ActionItem:
    return get_object_or_404(
        actions_visible_to(user).select_related(
            "objective", "plan", "owner", "lead_trust", "source_meeting"
        ),
        pk=pk,
    )


def get_action_for_update(user, pk: int) -> ActionItem:
    item = get_action_for_view(user, pk)
    deny_unless(can_update_action(user, item))
    return item


def get_tor_for_view(user, pk: int) -> TermsOfReference:
    return get_object_or_404(tor_visible_to(user), pk=pk)
