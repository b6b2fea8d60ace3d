"""What standards reminders are due (R6–R8 in docs/reminders.md). Pure reads.

Each reminder names an occurrence that is stable for as long as it applies
(e.g. "review-30d:2027-03-01"), so the outbox records it once however often or
late the scan runs. A review date or consultation window that moves gives new
occurrences, which is what should happen.
"""

from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from django.contrib.auth import get_user_model

from core import roles
from core.leads import reminder_leads
from core.leadtimes import lead_time_due, lead_times
from core.models import NotificationPreference
from core.reminders import DueReminder, register
from network.models import MemberTrust
from standards import services
from standards.models import StandardVersion

# R8 is sent on the close date; a scan that was down for a few days catches up
# within this window, but historic consultations never start sending.
CLOSED_CATCH_UP_DAYS = 7
User = get_user_model()


def _coordinators() -> list:
    return list(roles.coordinators())


def _owner_and_coordinators(version: StandardVersion, coordinators) -> list:
    people = {u.pk: u for u in coordinators}
    owner = version.standard.owner
    if owner.is_active:
        people.setdefault(owner.pk, owner)
    return list(people.values())


def _months_between(start: date, end: date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (1 if end.day < start.day else 0)


def review_occurrence(
    version: StandardVersion, today: date, leads: tuple[int, ...] | None = None
) -> str | None:
    """R6: before the review date at the lead times coordinators set (default −90
    and −30 days), on the day, then monthly while due."""
    review = version.review_date
    if review is None:
        return None
    if today >= review:
        return f"review-due:{review}:m{_months_between(review, today)}"
    lead = lead_time_due(review, today, leads or lead_times("R6"))
    return f"review-{lead}d:{review}" if lead is not None else None


def review_reminders(today: date, coordinators) -> Iterator[DueReminder]:
    versions = StandardVersion.objects.current().select_related("standard__owner")
    leads = lead_times("R6")
    for version in versions:
        occurrence = review_occurrence(version, today, leads)
        if occurrence is None:
            continue
        for person in _owner_and_coordinators(version, coordinators):
            yield DueReminder(
                kind="R6-standard-review",
                obj=version,
                recipient=person,
                occurrence=occurrence,
                template="standards_review_due",
                context={"version": version, "overdue": today >= version.review_date},
                mandatory=person.is_coordinator,
            )


def consultation_occurrence(
    version: StandardVersion, today: date, leads: tuple[int, ...] | None = None
) -> str | None:
    """R7: on opening, then before it closes at the lead times coordinators set
    (default 7 days and 1 day)."""
    opens, closes = version.consultation_opens, version.consultation_closes
    if not opens <= today <= closes:
        return None
    lead = lead_time_due(closes, today, leads or lead_times("R7"))
    return f"closes-{lead}d:{closes}" if lead is not None else f"opened:{opens}"


def _peer_workers_opted_in() -> list:
    """Peer workers who chose to hear about consultations (R7 "who opted in")."""
    chose = NotificationPreference.objects.filter(category="consultations").exclude(
        choice=NotificationPreference.Choice.OFF
    )
    return list(
        User.objects.filter(
            is_active=True,
            role=User.Role.PEER_WORKER,
            pk__in=chose.values("user_id"),
        )
    )


def _opening_for_peers(version, occurrence, peers) -> Iterator[DueReminder]:
    for peer in peers:
        yield DueReminder(
            kind="R7-consultation-open",
            obj=version,
            recipient=peer,
            occurrence=occurrence,
            template="standards_consultation_open",
            context={"version": version, "opening": True, "individual": True},
        )


def consultation_reminders(today: date) -> Iterator[DueReminder]:
    versions = StandardVersion.objects.filter(
        status=StandardVersion.Status.CONSULTATION
    ).select_related("standard")
    active = MemberTrust.objects.filter(status=MemberTrust.Status.ACTIVE)
    leads = [
        lead
        for people in reminder_leads(active.values_list("pk", flat=True)).values()
        for lead in people
    ]
    peers = _peer_workers_opted_in()
    closing_days = lead_times("R7")
    for version in versions:
        occurrence = consultation_occurrence(version, today, closing_days)
        if occurrence is None:
            continue
        if occurrence.startswith("opened"):
            yield from _opening_for_peers(version, occurrence, peers)
        responded = set(version.responses.values_list("trust_id", flat=True))
        for lead in leads:
            # Nudges stop once the trust has responded; the opening notice does not.
            if not occurrence.startswith("opened") and lead.trust_id in responded:
                continue
            yield DueReminder(
                kind="R7-consultation-open",
                obj=version,
                recipient=lead,
                occurrence=occurrence,
                template="standards_consultation_open",
                context={"version": version, "opening": occurrence.startswith("o")},
            )


def closed_reminders(today: date, coordinators) -> Iterator[DueReminder]:
    """R8: on the close date, to the owner and coordinators, with a summary."""
    versions = StandardVersion.objects.filter(
        consultation_closes__lte=today,
        consultation_closes__gt=today - timedelta(days=CLOSED_CATCH_UP_DAYS),
    ).select_related("standard__owner")
    trusts = MemberTrust.objects.current().count()
    for version in versions:
        responses = version.responses.all()
        summary = {
            "trusts_responded": responses.exclude(trust=None).count(),
            "trusts_total": trusts,
            "individuals": responses.filter(trust=None).count(),
        }
        for person in _owner_and_coordinators(version, coordinators):
            yield DueReminder(
                kind="R8-consultation-closed",
                obj=version,
                recipient=person,
                occurrence=f"closed:{version.consultation_closes}",
                template="standards_consultation_closed",
                context={"version": version, **summary},
                mandatory=person.is_coordinator,
            )


def due_reminders(today: date) -> Iterable[DueReminder]:
    coordinators = _coordinators()
    yield from review_reminders(today, coordinators)
    yield from consultation_reminders(today)
    yield from closed_reminders(today, coordinators)


# What the outbox scan sends and what the nightly job changes (core.reminders).
register("standards", due_reminders, date_rules=services.apply_date_rules)
