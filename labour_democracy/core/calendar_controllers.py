"""Pages of the working calendar: an enterprise's year of days off (its weekly rest days, the
holidays, the substitute days of Labour Code Art. 111(3), the days it added or removed) and the
administrator's changes that hold for every enterprise (/admin/calendar)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.response import Template

from labour_democracy.core import calendar, labels, working_calendar
from labour_democracy.core.permissions import ADMINISTER, EDIT_ENTERPRISE
from labour_democracy.core.schemas import CalendarDayForm
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today
from labour_democracy.web.params import Context, CurrentActor, FromQuery, Id
from labour_democracy.web.responses import flash, redirect, render
from labour_democracy.web.submit import submit


def _year(year: int | None) -> int:
    if year is None or not working_calendar.FIRST_YEAR <= year <= working_calendar.LAST_YEAR:
        return today().year
    return year


async def _page(
    request: Request,
    year: int,
    context: EnterpriseContext | None,
    values: dict[str, Any],
    errors: dict[str, str],
) -> Template:
    enterprise_id = context.enterprise_id if context else None
    rest = (
        labels.rest_days_label(context.enterprise.weekly_rest_days or calendar.DEFAULT_REST_DAYS)
        if context
        else ""
    )
    return render(
        request,
        "core/calendar.html",
        status_code=422 if errors else 200,
        ectx=context,
        enterprise=context.enterprise if context else None,
        base=f"/enterprises/{enterprise_id}/calendar" if context else "/admin/calendar",
        year=year,
        days=await working_calendar.year_days(enterprise_id, year),
        rest_days=rest,
        can_manage=context.can(EDIT_ENTERPRISE) if context else True,
        values=values or {"day_off": "true"},
        errors=errors,
    )


class CalendarController(Controller):
    path = "/enterprises/{enterprise_id:int}/calendar"

    @get("/")
    async def index(
        self, request: Request, context: Context, year: FromQuery[int | None] = None
    ) -> Template:
        return await _page(request, _year(year), context, {}, {})

    @post("/", opt={"permission": EDIT_ENTERPRISE})
    async def add(self, request: Request, context: Context) -> Response:
        base = f"/enterprises/{context.enterprise_id}/calendar"
        return await submit(
            request,
            CalendarDayForm,
            lambda form: working_calendar.add_enterprise_day(context, form),
            form=lambda values, errors: _page(request, today().year, context, values, errors),
            done=base,
            success=_("The day was saved; deadlines count with it from now on."),
        )

    @post("/{calendar_day_id:int}/delete", opt={"permission": EDIT_ENTERPRISE})
    async def delete(self, request: Request, context: Context, calendar_day_id: Id) -> Response:
        await working_calendar.delete_enterprise_day(context, calendar_day_id)
        flash(request, _("The change was deleted."))
        return redirect(request, f"/enterprises/{context.enterprise_id}/calendar")


class AdminCalendarController(Controller):
    path = "/admin/calendar"
    opt = {"permission": ADMINISTER}

    @get("/")
    async def index(self, request: Request, year: FromQuery[int | None] = None) -> Template:
        return await _page(request, _year(year), None, {}, {})

    @post("/")
    async def add(self, request: Request, actor: CurrentActor) -> Response:
        return await submit(
            request,
            CalendarDayForm,
            lambda form: working_calendar.add_national_day(actor, form),
            form=lambda values, errors: _page(request, today().year, None, values, errors),
            done="/admin/calendar",
            success=_("The day was saved; deadlines count with it from now on."),
        )

    @post("/{day_id:int}/delete")
    async def delete(self, request: Request, actor: CurrentActor, day_id: Id) -> Response:
        await working_calendar.delete_national_day(actor, day_id)
        flash(request, _("The change was deleted."))
        return redirect(request, "/admin/calendar")


ROUTES = [CalendarController, AdminCalendarController]
