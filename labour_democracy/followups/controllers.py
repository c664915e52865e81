"""The follow-up page: every action agreed at dialogues and conferences, with filters."""

from __future__ import annotations

from litestar import Controller, Request, Response, get, post
from litestar.response import Template

from labour_democracy.core.errors import Conflict, Invalid
from labour_democracy.core.permissions import VIEW
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.followups import labels, services
from labour_democracy.followups.permissions import MANAGE_FOLLOWUPS
from labour_democracy.followups.schemas import CompleteForm, DropForm, FollowUpQuery, NoteForm
from labour_democracy.followups.tables import FollowUpStatus
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today
from labour_democracy.web.forms import form_values, parse, read_form
from labour_democracy.web.params import Context, Id
from labour_democracy.web.responses import flash, is_htmx, redirect, render

MANAGE = {"permission": MANAGE_FOLLOWUPS}


def _base(context: EnterpriseContext) -> str:
    return f"/enterprises/{context.enterprise_id}/followups"


class FollowUpController(Controller):
    path = "/enterprises/{enterprise_id:int}/followups"

    @get("/", opt={"permission": VIEW})
    async def index(self, request: Request, context: Context) -> Template:
        try:
            query = parse(FollowUpQuery, dict(request.query_params))
        except Invalid:
            query = FollowUpQuery()
        return await _index(request, context, query, None, {}, {})

    @post("/{followup_id:int}/done", opt=MANAGE)
    async def done(self, request: Request, context: Context, followup_id: Id) -> Response:
        data = await read_form(request)
        try:
            form = parse(CompleteForm, data)
            await services.complete(context, followup_id, form.done_on, form.note or "")
        except Invalid as error:
            return await _index(
                request, context, FollowUpQuery(), followup_id, form_values(data), error.errors
            )
        except Conflict as error:
            flash(request, str(error), "error")
            return redirect(request, _base(context))
        flash(request, _("The action is marked as done."))
        return redirect(request, _base(context))

    @post("/{followup_id:int}/drop", opt=MANAGE)
    async def drop(self, request: Request, context: Context, followup_id: Id) -> Response:
        data = await read_form(request)
        try:
            await services.drop(context, followup_id, parse(DropForm, data).reason)
        except Invalid as error:
            return await _index(
                request, context, FollowUpQuery(), followup_id, form_values(data), error.errors
            )
        except Conflict as error:
            flash(request, str(error), "error")
            return redirect(request, _base(context))
        flash(request, _("The action was dropped; the reason is kept with it."))
        return redirect(request, _base(context))

    @post("/{followup_id:int}/note", opt=MANAGE)
    async def note(self, request: Request, context: Context, followup_id: Id) -> Response:
        data = await read_form(request)
        try:
            await services.add_note(context, followup_id, parse(NoteForm, data).note)
        except Invalid as error:
            return await _index(
                request, context, FollowUpQuery(), followup_id, form_values(data), error.errors
            )
        flash(request, _("The note was added."))
        return redirect(request, _base(context))


async def _index(request, context, query, failed_id, values, errors) -> Template:
    year = today().year
    return render(
        request,
        "followups/_rows.html" if is_htmx(request) and not errors else "followups/index.html",
        status_code=422 if errors and not is_htmx(request) else 200,
        ectx=context,
        listing=await services.search(context, query),
        query=query,
        source_kinds=labels.SOURCE_KINDS,
        statuses=list(FollowUpStatus),
        rate=await services.completion_rate(context, year),
        year=year,
        today=today(),
        failed_id=failed_id,
        values=values,
        errors=errors,
        can_manage=context.can(MANAGE_FOLLOWUPS),
    )


ROUTES = [FollowUpController]
