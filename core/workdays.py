"""Working days: weekends and England and Wales bank holidays are skipped."""

from datetime import date, timedelta
from functools import cache

import holidays


@cache
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def working_day_on_or_after(day: date) -> date:
    """`day`, or the next working day when it is a weekend or bank holiday."""
    return day if is_working_day(day) else add_working_days(day, 1)


def add_working_days(day: date, n: int) -> date:
    """`n` working days after (or, when negative, before) `day`."""
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    while remaining:
        day += timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
