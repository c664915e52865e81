"""The enterprise's working calendar as stored: its weekly rest days (on the enterprise) and the
days added or removed, by an administrator for everyone or by the enterprise for itself. Loads
a `calendar.WorkingWeek` for the pure rules of core/calendar.py, and lists a year's days off."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from labour_democracy.core import audit, calendar
from labour_democracy.core.errors import Forbidden, Invalid, NotFound
from labour_democracy.core.permissions import ADMINISTER, EDIT_ENTERPRISE, Actor
from labour_democracy.core.schemas import CalendarDayForm
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import CalendarDay, Enterprise
from labour_democracy.db import write_transaction
from labour_democracy.i18n import gettext as _

NOTE_LIMIT = 255
# The years the pinned `holidays` version is known to date correctly (tests pin them).
FIRST_YEAR, LAST_YEAR = 2020, 2035


async def week_for(enterprise: Enterprise | int | None) -> calendar.WorkingWeek:
    """The enterprise's week: its rest days, the administrator's days and then its own (its
    own win on the same date)."""
    if enterprise is None:
        return calendar.DEFAULT_WEEK
    if isinstance(enterprise, int):
        enterprise = await Enterprise.objects().where(Enterprise.id == enterprise).first()
        if enterprise is None:
            return calendar.DEFAULT_WEEK
    rows = (
        await CalendarDay.select(
            CalendarDay.enterprise, CalendarDay.day, CalendarDay.day_off, CalendarDay.note
        )
        .where(CalendarDay.enterprise.is_null() | (CalendarDay.enterprise == enterprise.id))
        .order_by(CalendarDay.id)
    )
    by_day: dict[dt.date, dict] = {}
    for row in sorted(rows, key=lambda r: r["enterprise"] is not None):
        by_day[row["day"]] = row
    return calendar.WorkingWeek(
        rest_days=calendar.parse_rest_days(enterprise.weekly_rest_days),
        added=tuple((d, r["note"]) for d, r in sorted(by_day.items()) if r["day_off"]),
        removed=tuple((d, r["note"]) for d, r in sorted(by_day.items()) if not r["day_off"]),
    )


@dataclass(frozen=True)
class YearDay:
    day: dt.date
    kind: str  # calendar.HOLIDAY / SUBSTITUTE / ADDED, or "removed", or "swap"
    name: str
    replaces: dt.date | None = None
    row_id: int | None = None  # the stored change, when one made this day
    own: bool = False  # the change is the enterprise's own (else the administrator's)


async def year_days(enterprise_id: int | None, year: int) -> list[YearDay]:
    """The year's days off for the enterprise (or for everyone), with the changes made and the
    civil-service swap days that are not days off unless added."""
    if enterprise_id is None:
        week = await _global_week()
    else:
        week = await week_for(enterprise_id)
    rows = await CalendarDay.select().where(
        (CalendarDay.day >= dt.date(year, 1, 1)) & (CalendarDay.day <= dt.date(year, 12, 31))
    )
    mine = {
        r["day"]: r
        for r in rows
        if r["enterprise"] is None or (enterprise_id and r["enterprise"] == enterprise_id)
    }
    result = []
    for day, off in calendar.days_off(year, week).items():
        row = mine.get(day) if off.kind == calendar.ADDED else None
        result.append(
            YearDay(
                day,
                off.kind,
                off.name,
                off.replaces,
                row["id"] if row else None,
                bool(row and row["enterprise"]),
            )
        )
    for day, note in week.removed:
        if day.year == year:
            row = mine[day]
            result.append(YearDay(day, "removed", note, None, row["id"], bool(row["enterprise"])))
    taken = {item.day for item in result}
    for day, name in calendar.civil_service_swap_days(year).items():
        if day not in taken:
            result.append(YearDay(day, "swap", name))
    return sorted(result, key=lambda item: item.day)


async def _global_week() -> calendar.WorkingWeek:
    rows = await CalendarDay.select().where(CalendarDay.enterprise.is_null())
    return calendar.WorkingWeek(
        added=tuple(sorted((r["day"], r["note"]) for r in rows if r["day_off"])),
        removed=tuple(sorted((r["day"], r["note"]) for r in rows if not r["day_off"])),
    )


def _check(form: CalendarDayForm) -> str:
    errors: dict[str, str] = {}
    note = " ".join((form.note or "").split())
    if not note:
        errors["note"] = _("Say why this day changes, e.g. the decision that orders it.")
    elif len(note) > NOTE_LIMIT:
        errors["note"] = _("At most {n} characters.").format(n=NOTE_LIMIT)
    if not FIRST_YEAR <= form.day.year <= LAST_YEAR:
        errors["day"] = _("Choose a day between {first} and {last}.").format(
            first=FIRST_YEAR, last=LAST_YEAR
        )
    elif not form.day_off and calendar.holiday_name(form.day) is None:
        errors["day"] = _("This day is not a public holiday: there is nothing to remove.")
    if errors:
        raise Invalid(errors)
    return note


async def add_day(actor: Actor, enterprise_id: int | None, form: CalendarDayForm) -> int:
    note = _check(form)
    if await CalendarDay.exists().where(
        (CalendarDay.day == form.day)
        & (
            CalendarDay.enterprise.is_null()
            if enterprise_id is None
            else CalendarDay.enterprise == enterprise_id
        )
    ):
        raise Invalid({"day": _("This day is already changed; delete that change first.")})
    async with write_transaction():
        row = CalendarDay(
            enterprise=enterprise_id,
            day=form.day,
            day_off=form.day_off,
            note=note,
            created_by=actor.id,
        )
        await row.save()
        await audit.record(
            actor, "calendar.day_added", "calendar_day", row.id, enterprise_id, off=form.day_off
        )
    return row.id


async def add_enterprise_day(context: EnterpriseContext, form: CalendarDayForm) -> int:
    if not context.can(EDIT_ENTERPRISE):
        raise Forbidden
    return await add_day(context.actor, context.enterprise_id, form)


async def add_national_day(actor: Actor, form: CalendarDayForm) -> int:
    if not ADMINISTER.allows(actor.roles):
        raise Forbidden
    return await add_day(actor, None, form)


async def delete_enterprise_day(context: EnterpriseContext, row_id: int) -> None:
    if not context.can(EDIT_ENTERPRISE):
        raise Forbidden
    await _delete_day(context.actor, context.enterprise_id, row_id)


async def delete_national_day(actor: Actor, row_id: int) -> None:
    if not ADMINISTER.allows(actor.roles):
        raise Forbidden
    await _delete_day(actor, None, row_id)


async def _delete_day(actor: Actor, enterprise_id: int | None, row_id: int) -> None:
    clause = (CalendarDay.id == row_id) & (
        CalendarDay.enterprise.is_null()
        if enterprise_id is None
        else CalendarDay.enterprise == enterprise_id
    )
    if not await CalendarDay.exists().where(clause):
        raise NotFound
    async with write_transaction():
        await CalendarDay.delete().where(clause)
        await audit.record(actor, "calendar.day_deleted", "calendar_day", row_id, enterprise_id)
