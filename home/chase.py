"""Chasing the people who have not answered: a meeting's invitees without a
reply, the trusts that have not sent a quarterly return, and the trusts that
have not responded to a consultation.

Each chase email goes through the outbox (core.notifications) under its own
unique key (kind, what it is about, person, "chase:<date>"), so a double click
or two coordinators pressing at once record one email per person. The parent
row is locked while chasing, and anyone chased in the last 24 hours is left
out, so nobody gets two chases in a day.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from core.models import Notification
from core.notifications import notify
from core.reminders import DueReminder
from network.models import Meeting, MeetingAttendance, MemberTrust
from standards.models import ConsultationResponse, StandardVersion
from workforce.models import WorkforceReturn

WINDOW = timedelta(hours=24)
NOT_SUBMITTED = (WorkforceReturn.Status.OPEN, WorkforceReturn.Status.RETURNED)


@dataclass(frozen=True)
class Kind:
    key: str  # in the URL and the outbox kind ("chase-<key>")
    heading: str
    ask: str  # what the email asks them to do
    load: Callable  # (key) -> the parent, or 404
    is_open: Callable  # (parent, today) -> bool
    closed: str  # why a chase is refused when it is not open
    outstanding: Callable  # (parent) -> [(what the email is about, person)]
    lock: Callable  # (parent) -> None: serialise chases of the same parent
    back: Callable  # (parent) -> URL of the page the chase belongs to
    title: Callable  # (parent) -> words for the parent

    @property
    def outbox_kind(self) -> str:
        return f"chase-{self.key}"


def _leads_by_trust(trust_ids) -> dict[int, list]:
    leads = get_user_model().objects.filter(
        trust_id__in=trust_ids, role="trust_lead", is_active=True
    )
    found: dict[int, list] = {}
    for lead in leads.select_related("trust").order_by("full_name"):
        found.setdefault(lead.trust_id, []).append(lead)
    return found


def _meeting_outstanding(meeting):
    rows = MeetingAttendance.objects.filter(
        meeting=meeting,
        response=MeetingAttendance.Response.INVITED,
        user__is_active=True,
    ).select_related("user__trust")
    return [(meeting, row.user) for row in rows.order_by("user__full_name")]


def _round_returns(period):
    return WorkforceReturn.objects.filter(period=period).select_related("trust")


def _round_outstanding(period):
    waiting = [r for r in _round_returns(period) if r.status in NOT_SUBMITTED]
    leads = _leads_by_trust([r.trust_id for r in waiting])
    return [(ret, lead) for ret in waiting for lead in leads.get(ret.trust_id, [])]


def _consultation_outstanding(version):
    answered = ConsultationResponse.objects.filter(
        version=version, trust__isnull=False
    ).values("trust_id")
    trusts = MemberTrust.objects.current().exclude(pk__in=answered)
    leads = _leads_by_trust(trusts.values("pk"))
    return [(version, lead) for t in trusts for lead in leads.get(t.pk, [])]


def _load_period(period):
    if not _round_returns(period).exists():
        raise Http404("No quarterly returns for this period")
    return period


KINDS = {
    "meeting": Kind(
        key="meeting",
        heading="Chase invitees who have not replied",
        ask="reply to the invitation to say whether you will come",
        load=lambda pk: get_object_or_404(Meeting, pk=pk),
        is_open=lambda m, today: (
            m.status == Meeting.Status.SCHEDULED and m.starts_at > timezone.now()
        ),
        closed="This meeting has already taken place or is no longer going ahead",
        outstanding=_meeting_outstanding,
        lock=lambda m: list(Meeting.objects.select_for_update().filter(pk=m.pk)),
        back=lambda m: m.get_absolute_url(),
        title=lambda m: f"{m.title} on {timezone.localtime(m.starts_at):%-d %B %Y}",
    ),
    "returns": Kind(
        key="returns",
        heading="Chase trusts that have not sent their quarterly return",
        ask="check your trust's posts and send the quarterly return",
        load=_load_period,
        is_open=lambda period, today: any(
            r.status in NOT_SUBMITTED for r in _round_returns(period)
        ),
        closed="Every trust has sent its return for this quarter",
        outstanding=_round_outstanding,
        lock=lambda period: list(
            WorkforceReturn.objects.select_for_update().filter(period=period)
        ),
        back=lambda period: reverse("workforce:return-list"),
        title=lambda period: f"the quarterly return for {period}",
    ),
    "consultation": Kind(
        key="consultation",
        heading="Chase trusts that have not responded to the consultation",
        ask="send your trust's response to the consultation",
        load=lambda pk: get_object_or_404(StandardVersion, pk=pk),
        is_open=lambda v, today: (
            v.status == StandardVersion.Status.CONSULTATION
            and v.consultation_closes is not None
            and v.consultation_closes >= today
        ),
        closed="This consultation is closed",
        outstanding=_consultation_outstanding,
        lock=lambda v: list(
            StandardVersion.objects.select_for_update().filter(pk=v.pk)
        ),
        back=lambda v: v.get_absolute_url(),
        title=lambda v: f"the consultation on {v.standard.title}",
    ),
}


def last_chased(kind: Kind, pairs) -> dict[tuple, object]:
    """{(object pk, person pk): when last chased} in one query."""
    if not pairs:
        return {}
    types = {ContentType.objects.get_for_model(obj).pk for obj, _ in pairs}
    rows = (
        Notification.objects.filter(
            kind=kind.outbox_kind,
            content_type_id__in=types,
            object_id__in={str(obj.pk) for obj, _ in pairs},
            recipient_id__in={person.pk for _, person in pairs},
        )
        .values("object_id", "recipient_id")
        .annotate(at=Max("created_at"))
        .order_by()
    )
    return {(row["object_id"], row["recipient_id"]): row["at"] for row in rows}


def preview(kind: Kind, parent) -> list[dict]:
    """Who a chase would reach now, and when each was last chased."""
    pairs = kind.outstanding(parent)
    chased = last_chased(kind, pairs)
    now = timezone.now()
    rows = []
    for obj, person in pairs:
        at = chased.get((str(obj.pk), person.pk))
        rows.append(
            {
                "obj": obj,
                "person": person,
                "last_chased": at,
                "too_soon": bool(at and now - at < WINDOW),
            }
        )
    return rows


@dataclass
class Result:
    sent: list
    too_soon: list


@transaction.atomic
def chase_send(*, kind: Kind, parent, actor) -> Result:
    """Email everyone still outstanding who was not chased in the last 24 hours."""
    kind.lock(parent)
    result = Result(sent=[], too_soon=[])
    today = timezone.localdate()
    context = {
        "ask": kind.ask,
        "about": kind.title(parent),
        "chaser": actor,
    }
    for row in preview(kind, parent):
        if row["too_soon"]:
            result.too_soon.append(row["person"])
            continue
        note = notify(
            DueReminder(
                kind=kind.outbox_kind,
                obj=row["obj"],
                recipient=row["person"],
                occurrence=f"chase:{today.isoformat()}",
                template="chase",
                context=context,
            )
        )
        (result.sent if note else result.too_soon).append(row["person"])
    return result
