"""Network models: member trusts, meetings, terms of reference and the action plan.

Kept as a package so each file stays readable; import from `network.models`.
"""

from network.models.actions import ActionItem, ActionPlan, ActionUpdate, Objective
from network.models.agenda import AgendaItem, MinutesComment
from network.models.calendar import CalendarFeedToken
from network.models.meetings import (
    Meeting,
    MeetingAttendance,
    QuorumStatus,
)
from network.models.papers import MeetingPaper
from network.models.series import MeetingSeries
from network.models.tor import TermsOfReference
from network.models.trusts import (
    ICB,
    MemberTrust,
    MemberTrustQuerySet,
    Milestone,
    TrustNameHistory,
)

__all__ = [
    "ICB",
    "ActionItem",
    "ActionPlan",
    "ActionUpdate",
    "AgendaItem",
    "CalendarFeedToken",
    "Meeting",
    "MeetingAttendance",
    "MeetingPaper",
    "MeetingSeries",
    "MemberTrust",
    "MemberTrustQuerySet",
    "MinutesComment",
    "Milestone",
    "Objective",
    "QuorumStatus",
    "TermsOfReference",
    "TrustNameHistory",
]
