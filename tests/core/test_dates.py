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
