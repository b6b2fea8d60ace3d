from datetime import date

from core.workdays import add_working_days, is_working_day, working_days_between


def test_bank_holidays_and_weekends_are_skipped():
    assert not is_working_day(date(2026, 12, 25))  # Christmas Day
    assert not is_working_day(date(2026, 8, 31))  # summer bank holiday (England)
    assert is_working_day(date(2026, 8, 3))  # Scotland's, not England's
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)
    assert add_working_days(date(2027, 1, 4), -1) == date(2026, 12, 31)
    assert working_days_between(date(2026, 4, 2), date(2026, 4, 7)) == 1  # Easter
