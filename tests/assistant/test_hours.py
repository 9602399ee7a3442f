from datetime import UTC, date, datetime

import pytest

from api.settings import Settings
from assistant.errors import ConfigError
from assistant.hours import BusinessHours

HOURS = BusinessHours.parse("Mon-Fri 08:00-12:00, 13:00-20:00; Sat 09:00-17:00", "Europe/Amsterdam", frozenset({date(2026, 12, 25)}))


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("moment", "is_open"),
    [
        (utc(2026, 11, 27, 9, 0), True),  # Friday 10:00 in Amsterdam
        (utc(2026, 11, 27, 11, 30), False),  # Friday 12:30: the lunch break
        (utc(2026, 11, 27, 19, 0), False),  # Friday 20:00: closed at 20:00 sharp
        (utc(2026, 11, 28, 15, 59), True),  # Saturday 16:59
        (utc(2026, 11, 29, 12, 0), False),  # Sunday
        (utc(2026, 12, 25, 10, 0), False),  # a Friday, but a holiday
    ],
)
def test_open_in_the_stores_own_time_zone(moment, is_open):
    assert HOURS.is_open(moment) is is_open


def test_the_next_opening_skips_sundays_and_holidays():
    assert HOURS.next_opening(utc(2026, 11, 28, 18, 0)).isoformat() == "2026-11-30T08:00:00+01:00"  # Sat 19:00 -> Mon
    assert HOURS.next_opening(utc(2026, 11, 27, 11, 30)).isoformat() == "2026-11-27T13:00:00+01:00"  # after lunch
    assert HOURS.next_opening(utc(2026, 12, 24, 20, 0)).isoformat() == "2026-12-26T09:00:00+01:00"  # Christmas Day closed
    # the clocks go back on 25 October 2026: Monday opens at 08:00 winter time
    assert HOURS.next_opening(utc(2026, 10, 24, 18, 0)).isoformat() == "2026-10-26T08:00:00+01:00"


@pytest.mark.parametrize(
    ("start", "end", "minutes"),
    [
        (utc(2026, 11, 27, 18, 30), utc(2026, 11, 30, 7, 30), 540),  # Friday 19:30 to Monday 08:30: 30 min, Saturday's 8 h, 30 min
        (utc(2026, 11, 27, 10, 0), utc(2026, 11, 27, 12, 30), 90),  # Friday 11:00-13:30: the lunch break stops it
        (utc(2026, 11, 28, 7, 0), utc(2026, 11, 28, 17, 0), 480),  # Saturday 08:00-18:00: open 09:00-17:00
        (utc(2026, 12, 24, 18, 0), utc(2026, 12, 26, 8, 0), 60),  # Christmas Eve 19:00 to Boxing Day 09:00, 25th closed
        (utc(2026, 10, 24, 14, 30), utc(2026, 10, 26, 7, 30), 60),  # Sat 16:30 (summer time) to Mon 08:30 (winter time)
        (utc(2026, 11, 29, 10, 0), utc(2026, 11, 29, 12, 0), 0),  # Sunday
    ],
)
def test_only_opening_hours_count_as_waiting(start, end, minutes):
    assert HOURS.open_seconds(start, end) == minutes * 60


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("Mon-Fry 08:00-20:00", "'Mon-Fry' in 'Mon-Fry 08:00-20:00' is not a day"),
        ("Mon-Fri 8-20", "cannot read 'Mon-Fri 8-20'"),
        ("Mon 20:00-08:00", "closes before it opens"),
        ("Mon 25:00-26:00", "is not a time range"),
    ],
)
def test_hours_that_cannot_be_read_say_what_to_write(spec, message):
    with pytest.raises(ConfigError, match=message):
        BusinessHours.parse(spec)


def test_settings_refuse_bad_hours_or_zone_at_start_and_read_holidays():
    with pytest.raises(ConfigError, match="not a time zone"):
        Settings(business_hours="Mon-Fri 08:00-20:00", timezone="Mars/Olympus")
    with pytest.raises(ConfigError, match="not a time zone"):  # the insights' days need it too
        Settings(timezone="Europe/Amsterdm")
    settings = Settings(business_hours="Sun 10:00-24:00", timezone="Asia/Tokyo", holidays="2026-12-31, 2027-01-01")
    assert settings.hours().holidays == {date(2026, 12, 31), date(2027, 1, 1)} and Settings().hours() is None
    assert settings.hours().is_open(utc(2026, 11, 29, 14, 59))  # Sunday 23:59 in Tokyo
