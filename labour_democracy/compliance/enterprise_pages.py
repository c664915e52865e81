"""One enterprise's standing, as the federation and the enterprise itself see it: each
obligation with its source (reported or recorded, with the link to the evidence), the
federation's reminders (the message HR and the union read in the app), visits and calls; and
the federation's forms to report a fact, remind and note a contact."""

from __future__ import annotations

from litestar import Controller, Request, Response, get, post
from litestar.response import Template

from labour_democracy.compliance import actions, dashboard, facts, obligations
from labour_democracy.compliance.permissions import ACT_ON_ENTERPRISE, VIEW_STANDING
from labour_democracy.compliance.schemas import ContactForm, FactForm, RemindForm
from labour_democracy.compliance.tables import ContactKind, Fact, RegisterEntry
from labour_democracy.core.labels import label
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today
from labour_democracy.web.params import Context
from labour_democracy.web.responses import render
from labour_democracy.web.submit import submit

ACT = {"permission": ACT_ON_ENTERPRISE}


def _base(context: EnterpriseContext) -> str:
    return f"/enterprises/{context.enterprise_id}/compliance"


def year_asked(request: Request) -> int:
    raw = request.query_params.get("year") or ""
    year = int(raw) if raw.isdigit() else today().year
    return min(max(year, 2000), today().year)


async def standing(context: EnterpriseContext, year: int) -> dict:
    """The enterprise's entry, and each obligation's state and fact for `year`."""
    v = await dashboard.enterprise_view(context.enterprise.province, year)
    states = (await dashboard.standings([context.enterprise_id], v)).get(context.enterprise_id, {})
    rows = {
        row["obligation"]: row
        for row in await Fact.select().where(
            (Fact.enterprise == context.enterprise_id) & (Fact.year == year)
        )
    }
    entry = (
        await RegisterEntry.select()
        .where(RegisterEntry.enterprise == context.enterprise_id)
        .first()
    )
    return {
        "entry": entry,
        "lines": [
            {
                "obligation": o,
                "threshold": v.thresholds[o.key],
                "state": states.get(o.key, ""),
                "fact": rows.get(o.key),
            }
            for o in obligations.declared()
        ],
    }


async def _page(request: Request, context: EnterpriseContext, values=None, errors=None):
    year = year_asked(request)
    return render(
        request,
        "compliance/enterprise.html",
        status_code=422 if errors else 200,
        ectx=context,
        year=year,
        standing=await standing(context, year),
        contacts=await actions.contacts(context.enterprise_id),
        can_act=context.can(ACT_ON_ENTERPRISE),
        obligations=obligations.declared(),
        by_key=obligations.by_key(),
        obligation_choices=[(o.key, _(o.label)) for o in obligations.declared()],
        kind_choices=[(k.value, label(k)) for k in (ContactKind.VISIT, ContactKind.CALL)],
        values=values or {"year": year, "on": today().isoformat()},
        errors=errors or {},
    )


class EnterpriseComplianceController(Controller):
    path = "/enterprises/{enterprise_id:int}/compliance"

    @get("/", opt={"permission": VIEW_STANDING})
    async def page(self, request: Request, context: Context) -> Template:
        return await _page(request, context)

    @post("/facts", opt=ACT)
    async def report_fact(self, request: Request, context: Context) -> Response:
        return await submit(
            request,
            FactForm,
            lambda form: facts.report(
                context,
                obligation=form.obligation,
                year=form.year,
                met=form.met,
                on=form.on,
                note=form.note,
                received=form.received,
                resolved=form.resolved,
            ),
            form=lambda values, errors: _page(request, context, values, errors),
            done=_base(context),
            success=_("The reported fact was saved."),
        )

    @post("/remind", opt=ACT)
    async def remind(self, request: Request, context: Context) -> Response:
        return await submit(
            request,
            RemindForm,
            lambda form: actions.remind(context, form.year),
            form=lambda values, errors: _page(request, context, values, errors),
            done=_base(context),
            success=_("The reminder was sent to the enterprise's HR and union."),
        )

    @post("/contacts", opt=ACT)
    async def contact(self, request: Request, context: Context) -> Response:
        return await submit(
            request,
            ContactForm,
            lambda form: actions.note_contact(context, form.kind, form.on, form.note),
            form=lambda values, errors: _page(request, context, values, errors),
            done=_base(context),
            success=_("The contact was noted."),
        )


ROUTES = [EnterpriseComplianceController]
