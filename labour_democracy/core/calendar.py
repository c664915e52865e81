"""The working-day calendar of an enterprise, for every deadline counted in working days.

Labour Code (Bộ luật Lao động số 45/2019/QH14):
- Art. 111(1)-(2): each worker rests at least 24 consecutive hours a week; the employer fixes
  the weekly rest day(s) — Sunday or another fixed day — in its internal rules. So the rest
  days are the enterprise's setting (`WorkingWeek.rest_days`), not "the weekend".
- Art. 112(1): the public holidays (New Year, Tết, Hùng Kings' day, 30/4, 1/5, National Day and
  the day next to it). Their dates, lunar ones included, come from the `holidays` library
  (Vietnam calendar, pinned in pyproject.toml to a version that knows 2026 and 2027), read
  **without** its "observed" days, which assume a Monday-to-Friday week.
- Art. 111(3): a holiday of Art. 112(1) that falls on the enterprise's weekly rest day gives
  the next working day off (ngày nghỉ bù), counted for that enterprise's own week.
- Days the Government swaps for civil servants (e.g. 31/08/2026, worked back on 22/08/2026)
  are announced for state bodies; they are not days off for an enterprise unless it adds them.
- An administrator (for everyone) or the enterprise adds or removes a day, with a note
  (`WorkingWeek.added` / `removed`), e.g. 24/11 ordered by the Government but not in Art. 112.

The old calls keep working: a third argument or `saturday_works=` given as a bool means the
old flag (False: Saturday and Sunday off; True: Sunday only). New code passes a `WorkingWeek`,
which `core.working_calendar.week_for(enterprise)` loads with the enterprise's own days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import holidays

from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import ngettext

MONDAY, SATURDAY, SUNDAY = 0, 5, 6
SUNDAY_ONLY = frozenset({SUNDAY})
SATURDAY_AND_SUNDAY = frozenset({SATURDAY, SUNDAY})
# Labour Code Art. 111(2): Sunday or another fixed day of the week. The choices offered: Sunday
# only, Saturday and Sunday (the app's default, as before this setting existed), or one other
# day. Stored as the weekday numbers joined by commas ("5,6").
REST_DAY_CHOICES = ("6", "5,6", "0", "1", "2", "3", "4", "5")
DEFAULT_REST_DAYS = "5,6"

HOLIDAY, SUBSTITUTE, ADDED = "holiday", "substitute", "added"


def parse_rest_days(value: str | None) -> frozenset[int]:
    """ "5,6" -> {5, 6}; anything unreadable or empty falls back to Saturday and Sunday."""
    try:
        days = frozenset(int(part) for part in (value or "").split(",") if part.strip())
    except ValueError:
        return SATURDAY_AND_SUNDAY
    if not days or not days <= set(range(7)) or len(days) > 6:
        return SATURDAY_AND_SUNDAY
    return days


def rest_days_text(days: frozenset[int]) -> str:
    return ",".join(str(day) for day in sorted(days))


def rest_days_valid(value: str) -> bool:
    """One of the offered choices (Art. 111(1): at least one rest day a week)."""
    return value in REST_DAY_CHOICES


@dataclass(frozen=True)
class WorkingWeek:
    """An enterprise's working calendar (lịch làm việc): its weekly rest days (ngày nghỉ hằng
    tuần) and the days it (or the administrator, for everyone) added as days off or removed
    from the holidays."""

    rest_days: frozenset[int] = SATURDAY_AND_SUNDAY
    added: tuple[tuple[dt.date, str], ...] = ()
    removed: tuple[tuple[dt.date, str], ...] = ()

    @classmethod
    def from_flag(cls, saturday_works: bool) -> WorkingWeek:
        """The old setting: Saturday a working day or not (Sunday always a rest day)."""
        return cls(SUNDAY_ONLY if saturday_works else SATURDAY_AND_SUNDAY)


DEFAULT_WEEK = WorkingWeek()


def week_of(week: WorkingWeek | bool | None, saturday_works: bool | None = None) -> WorkingWeek:
    """The week a rule was given: a `WorkingWeek`, or the old Saturday flag (positional or
    `saturday_works=`), or nothing (Saturday and Sunday off)."""
    if isinstance(week, WorkingWeek):
        return week
    if week is None:
        week = bool(saturday_works)
    return WorkingWeek.from_flag(bool(week))


@dataclass(frozen=True)
class DayOff:
    """Why a day is not worked besides the weekly rest: a holiday (ngày nghỉ lễ, tết: its name),
    the substitute day for a holiday on a rest day (ngày nghỉ bù: the holiday it replaces), or a
    day added (its note)."""

    kind: str
    name: str
    replaces: dt.date | None = None


@cache
def _library(year: int) -> tuple[dict[dt.date, str], dict[dt.date, str]]:
    """The Art. 112 holidays of `year` (Vietnamese names) and the civil-service swap days."""
    names = holidays.country_holidays("VN", years=year, observed=False, language="vi")
    english = holidays.country_holidays("VN", years=year, observed=False, language="en_US")
    swaps = {day for day, name in english.items() if "substituted" in name.lower()}
    statutory = {day: name for day, name in names.items() if day not in swaps}
    return statutory, {day: names[day] for day in sorted(swaps)}


def statutory_holidays(year: int) -> dict[dt.date, str]:
    """Labour Code Art. 112(1): the public holidays of `year` as the library dates them."""
    return dict(_library(year)[0])


def civil_service_swap_days(year: int) -> dict[dt.date, str]:
    """Days off swapped for civil servants that year: not an enterprise's days off."""
    return dict(_library(year)[1])


def holiday_name(day: dt.date) -> str | None:
    """The public holiday on `day`, if any (Art. 112(1); swap days excluded)."""
    return _library(day.year)[0].get(day)


@cache
def _days_off(year: int, week: WorkingWeek) -> dict[dt.date, DayOff]:
    removed = {day for day, _note in week.removed}
    holidays_by_day: dict[dt.date, str] = {}
    for y in (year - 1, year):
        holidays_by_day.update(_library(y)[0])
    result: dict[dt.date, DayOff] = {
        day: DayOff(HOLIDAY, name) for day, name in holidays_by_day.items() if day not in removed
    }
    for day, note in week.added:
        if day not in result:
            result[day] = DayOff(ADDED, note)
    # Art. 111(3): a holiday on a weekly rest day gives the next working day off.
    for day in sorted(d for d, off in result.items() if off.kind == HOLIDAY):
        if day.weekday() not in week.rest_days:
            continue
        substitute = day + dt.timedelta(days=1)
        while substitute.weekday() in week.rest_days or substitute in result:
            substitute += dt.timedelta(days=1)
        result[substitute] = DayOff(SUBSTITUTE, result[day].name, replaces=day)
    return {day: off for day, off in result.items() if day.year == year}


def day_off(day: dt.date, week: WorkingWeek | bool | None = None) -> DayOff | None:
    """Why `day` is off besides the weekly rest, if it is."""
    return _days_off(day.year, week_of(week)).get(day)


def days_off(year: int, week: WorkingWeek | bool | None = None) -> dict[dt.date, DayOff]:
    """Every holiday, substitute day and added day off of `year` for this week, by date."""
    return dict(sorted(_days_off(year, week_of(week)).items()))


def is_working_day(
    day: dt.date, week: WorkingWeek | bool | None = None, *, saturday_works: bool | None = None
) -> bool:
    week = week_of(week, saturday_works)
    return day.weekday() not in week.rest_days and day_off(day, week) is None


def add_working_days(
    start: dt.date,
    days: int,
    week: WorkingWeek | bool | None = None,
    *,
    saturday_works: bool | None = None,
) -> dt.date:
    """The day `days` working days after `start` (before it when negative); `start` itself
    does not count. "Within 5 working days of the 2nd" ends on add_working_days(2nd, 5)."""
    week = week_of(week, saturday_works)
    step = 1 if days >= 0 else -1
    day, remaining = start, abs(days)
    while remaining:
        day += dt.timedelta(days=step)
        if is_working_day(day, week):
            remaining -= 1
    return day


def working_days_between(
    start: dt.date,
    end: dt.date,
    week: WorkingWeek | bool | None = None,
    *,
    saturday_works: bool | None = None,
) -> int:
    """Working days after `start` up to and including `end` (negative if `end` is earlier)."""
    week = week_of(week, saturday_works)
    if end < start:
        return -working_days_between(end, start, week)
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if is_working_day(start + dt.timedelta(days=offset), week)
    )


def next_working_day(
    day: dt.date, week: WorkingWeek | bool | None = None, *, saturday_works: bool | None = None
) -> dt.date:
    """`day` itself if it is a working day, else the first working day after it."""
    week = week_of(week, saturday_works)
    while not is_working_day(day, week):
        day += dt.timedelta(days=1)
    return day


@dataclass(frozen=True)
class Skipped:
    """The days a deadline passed over between its start and its due date."""

    days_off: tuple[tuple[dt.date, DayOff], ...]
    rest_days: int


def skipped(start: dt.date, due: dt.date, week: WorkingWeek | bool | None = None) -> Skipped:
    """Holidays, substitute days, added days and weekly rest days strictly between `start`
    and `due` (either order)."""
    week = week_of(week)
    first, last = sorted((start, due))
    offs: list[tuple[dt.date, DayOff]] = []
    rest = 0
    day = first + dt.timedelta(days=1)
    while day < last:
        off = day_off(day, week)
        if off is not None:
            offs.append((day, off))
        elif day.weekday() in week.rest_days:
            rest += 1
        day += dt.timedelta(days=1)
    return Skipped(tuple(offs), rest)


def _short(day: dt.date) -> str:
    return f"{day.day}/{day.month}"


def _joined(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return _("{items} and {last}").format(items=", ".join(parts[:-1]), last=parts[-1])


def explain(start: dt.date, due: dt.date, week: WorkingWeek | bool | None = None) -> str:
    """Why a deadline falls where it does, e.g. "skips 30/4, 1/5 and the substitute day off
    3/5 (and 4 weekly rest days)"; empty when it skipped nothing."""
    found = skipped(start, due, week)
    parts = [
        _("the substitute day off {date}").format(date=_short(day))
        if off.kind == SUBSTITUTE
        else _short(day)
        for day, off in found.days_off
    ]
    rest = (
        ngettext("{n} weekly rest day", "{n} weekly rest days", found.rest_days).format(
            n=found.rest_days
        )
        if found.rest_days
        else ""
    )
    if parts and rest:
        return _("skips {days} (and {rest})").format(days=_joined(parts), rest=rest)
    if parts:
        return _("skips {days}").format(days=_joined(parts))
    if rest:
        return _("skips {rest}").format(rest=rest)
    return ""
