"""The Vietnamese working-day calendar, for every deadline counted in working days.

Labour Code 2019, Art. 112: the public holidays (New Year, Tết (lunar), Hùng Kings'
Commemoration (lunar 10/3), 30 April, 1 May, National Day 2 September and the day before or
after it) are days off; the government moves days off around them each year. The dates, lunar
ones included, come from the maintained `holidays` library (its Vietnam calendar carries the
announced substitute days), not from a table of ours. Weekends are Saturday and Sunday; an
enterprise whose week includes Saturday marks it as a working day (its own setting).
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import holidays


@cache
def _holidays(year: int) -> dict[dt.date, str]:
    return dict(holidays.country_holidays("VN", years=year))


def holiday_name(day: dt.date) -> str | None:
    """The public holiday or substitute day off on `day`, if any (library's English name)."""
    return _holidays(day.year).get(day)


def is_working_day(day: dt.date, saturday_works: bool = False) -> bool:
    if day.weekday() == 6 or (day.weekday() == 5 and not saturday_works):
        return False
    return holiday_name(day) is None


def add_working_days(start: dt.date, days: int, saturday_works: bool = False) -> dt.date:
    """The day `days` working days after `start` (before it when negative); `start` itself
    does not count. "Within 5 working days of the 2nd" ends on add_working_days(2nd, 5)."""
    step = 1 if days >= 0 else -1
    day, remaining = start, abs(days)
    while remaining:
        day += dt.timedelta(days=step)
        if is_working_day(day, saturday_works):
            remaining -= 1
    return day


def working_days_between(start: dt.date, end: dt.date, saturday_works: bool = False) -> int:
    """Working days after `start` up to and including `end` (negative if `end` is earlier)."""
    if end < start:
        return -working_days_between(end, start, saturday_works)
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if is_working_day(start + dt.timedelta(days=offset), saturday_works)
    )


def next_working_day(day: dt.date, saturday_works: bool = False) -> dt.date:
    """`day` itself if it is a working day, else the first working day after it."""
    while not is_working_day(day, saturday_works):
        day += dt.timedelta(days=1)
    return day
