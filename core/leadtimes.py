"""Reminder lead times (docs/reminders.md): defaults here, changeable by coordinators."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from core.models import ReminderLeadTime


@dataclass(frozen=True)
class LeadTime:
    key: str
    label: str
    default: tuple[int, ...]  # days before the date, largest first


LEAD_TIMES = [
    LeadTime(
        "R1",
        "Meeting reminders to invitees: call for papers, papers due, joining "
        "details (the invitation goes when the meeting is scheduled)",
        (14, 7, 1),
    ),
    LeadTime(
        "R12",
        "Before each network or steering group meeting: the action summary to the "
        "chair and coordinators, and each action owner's due or stale items",
        (7,),
    ),
    LeadTime(
        "R5", "Terms of reference review (also on the day, then weekly)", (60, 30)
    ),
    LeadTime("R6", "Standard review date (also on the day, then monthly)", (90, 30)),
    LeadTime("R7", "Consultation closing (to trusts without a response)", (7, 1)),
    LeadTime(
        "R9", "Action item due (overdue ones: the day after, then weekly)", (14, 3)
    ),
    LeadTime("R13", "Quarterly workforce return due", (7, 1)),
    LeadTime("R15", "Fixed-term funding ending", (90, 30)),
    LeadTime("R18", "Training booking deadline", (14, 3)),
    LeadTime("R19", "Training start", (7, 1)),
]
BY_KEY = {lead.key: lead for lead in LEAD_TIMES}
MAX_DAYS = 365
# An open action with no progress update for longer than this many weeks has
# gone quiet: it shows at least amber. Kept with the lead times (same table,
# its own key) because coordinators set it on the same page.
STALE_KEY = "STALE"
STALE_DEFAULT_WEEKS = 8
MAX_STALE_WEEKS = 52


def parse_days(text: str) -> tuple[int, ...]:
    """'14, 3' → (14, 3); raises ValueError with a message a person can act on."""
    parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
    if not parts:
        raise ValueError("Enter at least one number of days")
    try:
        days = sorted({int(p) for p in parts}, reverse=True)
    except ValueError:
        raise ValueError("Enter whole numbers of days, separated by commas") from None
    if days[-1] < 0 or days[0] > MAX_DAYS:
        raise ValueError(f"Each number of days must be between 0 and {MAX_DAYS}")
    return tuple(days)


def lead_times(key: str) -> tuple[int, ...]:
    """The lead times in force for one reminder type, largest first."""
    saved = (
        ReminderLeadTime.objects.filter(key=key).values_list("days", flat=True).first()
    )
    if saved:
        try:
            return parse_days(saved)
        except ValueError:
            pass  # a bad stored value must not stop reminders: use the default
    return BY_KEY[key].default


def parse_weeks(text: str) -> int:
    """'8' → 8; raises ValueError with a message a person can act on."""
    try:
        weeks = int(str(text).strip())
    except ValueError:
        raise ValueError("Enter a whole number of weeks, like 8") from None
    if not 1 <= weeks <= MAX_STALE_WEEKS:
        raise ValueError(f"The number of weeks must be between 1 and {MAX_STALE_WEEKS}")
    return weeks


def stale_weeks() -> int:
    """Weeks without a progress update after which an open action has gone quiet."""
    saved = (
        ReminderLeadTime.objects.filter(key=STALE_KEY)
        .values_list("days", flat=True)
        .first()
    )
    try:
        return parse_weeks(saved) if saved else STALE_DEFAULT_WEEKS
    except ValueError:
        return STALE_DEFAULT_WEEKS  # a bad stored value must not break pages


def lead_time_due(target: date, today: date, leads: Sequence[int]) -> int | None:
    """Which lead time applies today before `target`, or None.

    With (14, 3): from 14 days before until 4 days before → 14; from 3 days
    before until the day itself → 3. A late scan still finds the right one.
    """
    remaining = (target - today).days
    if remaining < 0:
        return None
    applicable = [d for d in sorted(leads) if d >= remaining]
    return applicable[0] if applicable else None
