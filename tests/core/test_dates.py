"""How the service writes times."""


def test_times_are_written_as_people_say_them():
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    from core.dates import clock

    assert clock(time(17, 0)) == "5pm"
    assert clock(time(9, 30)) == "9:30am"
    assert clock(time(12, 0)) == "midday"
    assert clock(time(0, 0)) == "midnight"
    # An instant is shown in UK time: 13:00 UTC in July is 2pm in London.
    assert clock(datetime(2027, 7, 9, 13, 0, tzinfo=ZoneInfo("UTC"))) == "2pm"


def test_written_dates_match_the_date_filter():
    from datetime import date, datetime, timedelta
    from zoneinfo import ZoneInfo

    from django.template import Context, Template

    from core.dates import long_date, short_date

    def date_filter(value, fmt):  # in a template, which shows UK time
        return Template("{{ value|date:fmt }}").render(
            Context({"value": value, "fmt": fmt})
        )

    for offset in range(0, 366, 7):
        day = date(2027, 1, 1) + timedelta(days=offset)
        assert long_date(day) == date_filter(day, "j F Y")
        assert short_date(day) == date_filter(day, "j M Y")
    # 23:30 UTC on 31 May is 1 June in London.
    instant = datetime(2027, 5, 31, 23, 30, tzinfo=ZoneInfo("UTC"))
    assert long_date(instant) == date_filter(instant, "j F Y") == "1 June 2027"
    assert short_date(None) == long_date(None) == ""
