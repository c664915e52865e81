"""The page of the committees' first meetings: the executive committee elects its chair and
vice-chairs, the inspection committee its chair, round by round (officers.py)."""

from __future__ import annotations

from litestar import Controller, Request, Response, get, post
from litestar.response import Template

from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today
from labour_democracy.unions import founding, officers, rules
from labour_democracy.unions import labels as _labels  # noqa: F401  (words for the enums)
from labour_democracy.unions.permissions import RUN_FOUNDING, VIEW_UNION
from labour_democracy.unions.schemas import MeetingForm, RoundForm, RoundResultForm
from labour_democracy.unions.tables import UnionStatus
from labour_democracy.voting.labels import describe_rule
from labour_democracy.web.params import Context
from labour_democracy.web.responses import render
from labour_democracy.web.submit import submit


def _here(context: EnterpriseContext) -> str:
    return f"/enterprises/{context.enterprise_id}/union/officers"


class OfficersController(Controller):
    path = "/enterprises/{enterprise_id:int}/union/officers"

    @get("/", opt={"permission": VIEW_UNION})
    async def index(self, request: Request, context: Context) -> Template:
        return await _page(request, context, {}, {})

    @post("/meeting", opt={"permission": RUN_FOUNDING})
    async def meeting(self, request: Request, context: Context) -> Response:
        return await _step(
            request,
            context,
            MeetingForm,
            officers.plan_meeting,
            _("The committee's first meeting was recorded: draw the first round."),
        )

    @post("/round", opt={"permission": RUN_FOUNDING})
    async def round(self, request: Request, context: Context) -> Response:
        return await _step(
            request,
            context,
            RoundForm,
            officers.start_round,
            _("The round is drawn: count it on the vote's page, then record its result here."),
        )

    @post("/result", opt={"permission": RUN_FOUNDING})
    async def result(self, request: Request, context: Context) -> Response:
        return await _step(
            request,
            context,
            RoundResultForm,
            officers.record_round,
            _("The round's result was recorded."),
        )


async def _step(request, context, schema, action, success: str) -> Response:
    return await submit(
        request,
        schema,
        lambda form: action(context, form),
        form=lambda values, errors: _page(request, context, values, errors),
        done=_here(context),
        success=success,
        conflict=_here(context),
    )


async def _page(request: Request, context: EnterpriseContext, values: dict, errors: dict):
    union = await founding.current_union(context.enterprise_id)
    meetings = await officers.meeting_views(union) if union is not None else []
    rule = rules.OFFICER_MAJORITY
    return render(
        request,
        "unions/officers.html",
        ectx=context,
        union=union,
        meetings=meetings,
        # A union entered as already recognised, whose congress the app never held.
        founded_before=union is not None
        and union.election_ballot is None
        and union.status == UnionStatus.RECOGNISED,
        electing=union is not None and union.status == UnionStatus.CONGRESS,
        rule=describe_rule(rule, officers.PURPOSE),
        rule_source=_(rule.source),
        values=values,
        today_iso=today().isoformat(),
        errors=errors,
        can_found=context.can(RUN_FOUNDING),
    )


ROUTES = [OfficersController]
