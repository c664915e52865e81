"""The follow-up page: every action agreed at dialogues and conferences, with filters."""

from __future__ import annotations

from litestar import Controller, Request, Response, get, post
from litestar.response import Template

from labour_democracy.core.errors import Invalid
from labour_democracy.core.permissions import VIEW
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.followups import labels, services
from labour_democracy.followups.permissions import MANAGE_FOLLOWUPS
from labour_democracy.followups.schemas import CompleteForm, DropForm, FollowUpQuery, NoteForm
from labour_democracy.followups.tables import FollowUpStatus
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today
from labour_democracy.web.forms import parse
from labour_democracy.web.params import Context, Id
from labour_democracy.web.responses import is_htmx, render
from labour_democracy.web.submit import submit

MANAGE = {"permission": MANAGE_FOLLOWUPS}


def _base(context: EnterpriseContext) -> str:
    return f"/enterprises/{context.enterprise_id}/followups"


class FollowUpController(Controller):
    path = "/enterprises/{enterprise_id:int}/followups"

    @get("/", opt={"permission": VIEW})
    async def index(self, request: Request, context: Context) -> Template:
        try:
            query = parse(FollowUpQuery, dict(request.query_params))
        except Invalid:  # filters in the address, not a form: a bad one shows everything
            query = FollowUpQuery()
        return await _index(request, context, query, None, {}, {})

    @post("/{followup_id:int}/done", opt=MANAGE)
    async def done(self, request: Request, context: Context, followup_id: Id) -> Response:
        return await submit(
            request,
            CompleteForm,
            lambda form: services.complete(context, followup_id, form.done_on, form.note or ""),
            form=_refused(request, context, followup_id),
            done=_base(context),
            success=_("The action is marked as done."),
            conflict=_base(context),
        )

    @post("/{followup_id:int}/drop", opt=MANAGE)
    async def drop(self, request: Request, context: Context, followup_id: Id) -> Response:
        return await submit(
            request,
            DropForm,
            lambda form: services.drop(context, followup_id, form.reason),
            form=_refused(request, context, followup_id),
            done=_base(context),
            success=_("The action was dropped; the reason is kept with it."),
            conflict=_base(context),
        )

    @post("/{followup_id:int}/note", opt=MANAGE)
    async def note(self, request: Request, context: Context, followup_id: Id) -> Response:
        return await submit(
            request,
            NoteForm,
            lambda form: services.add_note(context, followup_id, form.note),
            form=_refused(request, context, followup_id),
            done=_base(context),
            success=_("The note was added."),
        )


def _refused(request, context, followup_id):
    """The list again, the refused action's form open with its input and errors."""
    return lambda values, errors: _index(
        request, context, FollowUpQuery(), followup_id, values, errors
    )


async def _index(request, context, query, failed_id, values, errors) -> Template:
    year = today().year
    return render(
        request,
        "followups/_rows.html" if is_htmx(request) and not errors else "followups/index.html",
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
