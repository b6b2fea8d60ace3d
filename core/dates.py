"""Dates shared by every app: month arithmetic, and bounds for dates that
arrive in a URL (filters, as-at dates, quarters).

Anything outside them is a clear validation message, never a 500: a date
near year 1 or 9999 overflows as soon as a report steps a quarter or a day
past it. Every date field a page or API filter reads from the query string
takes `query_date_bounds` as a validator.
"""

import calendar
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateformat import format as format_date

# Before the first peer support worker posts in the region's records, and far
# enough ahead for any plan, review or booking date.
EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)


def _human(day: date) -> str:
    return format_date(day, "j F Y")


def bounds_message() -> str:
    return f"Enter a date between {_human(EARLIEST)} and {_human(LATEST)}"


def query_date_bounds(value: date) -> None:
    """Validator for a date read from a URL."""
    if value is not None and not EARLIEST <= value <= LATEST:
        raise ValidationError(bounds_message(), code="out_of_range")


def year_in_bounds(year: int) -> bool:
    """For values that carry only a year (a quarter such as 2025-Q2)."""
    return EARLIEST.year <= year <= LATEST.year


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), clamped to the month's last day:
    31 January + 1 month is 28 (or 29) February, 29 February + 12 months is 28
    February."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day) -> str:
    """'9 January 2027': the `date:"j F Y"` filter's words, for pages that
    write many dates (the filter costs some 50 times more); '' for None. A
    datetime is shown in UK time."""
    return _day_month_year(day, month_letters=None)


def short_date(day) -> str:
    """'9 Jan 2027': the `date:"j M Y"` filter's words; '' for None."""
    return _day_month_year(day, month_letters=3)


def _day_month_year(day, month_letters: int | None) -> str:
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = timezone.localtime(day)
    return f"{day.day} {MONTHS[day.month - 1][:month_letters]} {day.year}"


def clock(when) -> str:
    """A time as people say it: '5pm', '9:30am', 'midday', 'midnight'. A
    datetime is shown in UK time; a time of day is taken as it is."""
    if isinstance(when, datetime):
        when = timezone.localtime(when)
    if when.minute == 0 and when.hour in (0, 12):
        return "midnight" if when.hour == 0 else "midday"
    return when.strftime("%-I:%M%p" if when.minute else "%-I%p").lower()
