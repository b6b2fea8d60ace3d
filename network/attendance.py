"""Report W13: each member trust's attendance at the year's held meetings.

A trust attended a meeting if anyone there for it attended; otherwise it sent
apologies if anyone for it did; otherwise, if it was invited, it was absent.
Meetings a trust was not invited to do not count against its rate."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models.functions import ExtractYear
from django.utils import timezone

from network.models import Meeting, MeetingAttendance, MemberTrust

ATTENDED, APOLOGIES, ABSENT, NOT_INVITED = "Attended", "Apologies", "Absent", ""


@dataclass
class TrustRow:
    trust: MemberTrust
    cells: list[str] = field(default_factory=list)

    @property
    def invited(self) -> int:
        return sum(1 for c in self.cells if c != NOT_INVITED)

    @property
    def attended(self) -> int:
        return self.cells.count(ATTENDED)

    @property
    def rate(self) -> int | None:
        """Whole per cent of the meetings it was invited to; None if none."""
        if not self.invited:
            return None
        return round(100 * self.attended / self.invited)


@dataclass
class AttendanceTable:
    year: int
    meetings: list[Meeting]
    rows: list[TrustRow]


def report_years() -> list[int]:
    held = Meeting.objects.filter(status=Meeting.Status.HELD)
    years = held.annotate(y=ExtractYear("starts_at")).values_list("y", flat=True)
    return sorted(set(years) | {timezone.localdate().year}, reverse=True)


def attendance_table(year: int) -> AttendanceTable:
    meetings = list(
        Meeting.objects.filter(
            status=Meeting.Status.HELD,
            starts_at__gte=_start_of(year),
            starts_at__lt=_start_of(year + 1),
        ).order_by("starts_at")
    )
    outcome: dict[tuple[int, int], str] = {}
    rows = MeetingAttendance.objects.filter(
        meeting__in=meetings, trust__isnull=False
    ).values_list("meeting_id", "trust_id", "attended", "response")
    for meeting_id, trust_id, attended, response in rows:
        key = (trust_id, meeting_id)
        now = ATTENDED if attended else APOLOGIES if response == "apologies" else ABSENT
        outcome[key] = _best(outcome.get(key), now)
    trust_ids = {trust_id for trust_id, _ in outcome}
    trusts = (
        MemberTrust.objects.filter(pk__in=trust_ids) | MemberTrust.objects.current()
    )
    table = []
    for trust in trusts.distinct().order_by("short_name"):
        cells = [outcome.get((trust.pk, m.pk), NOT_INVITED) for m in meetings]
        table.append(TrustRow(trust, cells))
    return AttendanceTable(year, meetings, table)


def _best(old: str | None, new: str) -> str:
    order = [ABSENT, APOLOGIES, ATTENDED]
    return new if old is None else max(old, new, key=order.index)


def _start_of(year: int) -> datetime:
    return timezone.make_aware(datetime(year, 1, 1))


def default_year(today: date | None = None) -> int:
    return (today or timezone.localdate()).year
