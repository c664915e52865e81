"""The upper-level union's page to dissolve a grassroots union: the form (reason, date), then
the recorded decision. Beside the federation's other union pages, outside the enterprise's."""

from __future__ import annotations

from litestar import Controller, Request, Response, get, post
from litestar.response import Template

from labour_democracy.core.labels import label
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today
from labour_democracy.unions import dissolution, federation, founding, rules
from labour_democracy.unions.permissions import UPPER_UNION
from labour_democracy.unions.schemas import DissolutionForm
from labour_democracy.web.params import CurrentActor, Id
from labour_democracy.web.responses import render
from labour_democracy.web.submit import submit


async def _page(request: Request, context: EnterpriseContext, values: dict, errors: dict):
    union = await founding.current_union(context.enterprise_id)
    record = await dissolution.dissolution_of(union.id) if union is not None else None
    return render(
        request,
        "unions/dissolution.html",
        ectx=context,
        union=union,
        record=record,
        reasons=[(r.value, label(r)) for r in rules.DissolutionReason],
        reasons_source=_(rules.DISSOLUTION_REASONS_SOURCE),
        values={"dissolved_on": today().isoformat(), **values},
        errors=errors,
    )


class DissolutionController(Controller):
    path = "/federation/unions/{union_enterprise_id:int}/dissolution"

    @get("/", opt={"permission": UPPER_UNION})
    async def page(
        self, request: Request, actor: CurrentActor, union_enterprise_id: Id
    ) -> Template:
        context = await federation.upper_union_context(actor, union_enterprise_id)
        return await _page(request, context, {}, {})

    @post("/", opt={"permission": UPPER_UNION})
    async def dissolve(
        self, request: Request, actor: CurrentActor, union_enterprise_id: Id
    ) -> Response:
        context = await federation.upper_union_context(actor, union_enterprise_id)
        here = f"/federation/unions/{union_enterprise_id}/dissolution"
        return await submit(
            request,
            DissolutionForm,
            lambda form: dissolution.dissolve(context, form),
            form=lambda values, errors: _page(request, context, values, errors),
            done=here,
            success=_(
                "The union is dissolved and the decision drafted: the enterprise has no union "
                "from now on."
            ),
            conflict=here,
        )


ROUTES = [DissolutionController]
