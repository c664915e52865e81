"""Pages of the grassroots union: the public application form, the union's page (founding
steps), applications, the register, fees, and the upper-level union's pages."""

from __future__ import annotations

from typing import Any

import segno
from litestar import Controller, Request, Response, get, post
from litestar.response import Template

from labour_democracy.core import enterprises
from labour_democracy.core.errors import Invalid
from labour_democracy.core.labels import label
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Enterprise, Gender
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today
from labour_democracy.settings import get_settings
from labour_democracy.unions import (
    congress,
    dissolution,
    federation,
    founding,
    membership,
    overview,
    recognition,
    rules,
)
from labour_democracy.unions import labels as _labels  # noqa: F401  (words for the enums)
from labour_democracy.unions.permissions import (
    KEEP_REGISTER,
    RUN_FOUNDING,
    UPPER_UNION,
    VIEW_FEES,
    VIEW_UNION,
)
from labour_democracy.unions.schemas import (
    ApplicationForm,
    AttendanceForm,
    CampaignForm,
    CongressForm,
    ImportForm,
    LeaveForm,
    MemberForm,
    RecognitionForm,
    ReviewForm,
    RosterImportForm,
    TrackForm,
)
from labour_democracy.web.params import (
    Context,
    CurrentActor,
    FromPath,
    FromQuery,
    Id,
    client_address,
)
from labour_democracy.web.responses import render
from labour_democracy.web.submit import submit

PUBLIC = {"public": True}
GENDERS = [(g.value, g.value) for g in Gender]


def _base(context: EnterpriseContext) -> str:
    return f"/enterprises/{context.enterprise_id}/union"


# The public application page ------------------------------------------------------------------


class PublicUnionController(Controller):
    """Workers apply to join, without an account, from the QR poster; nothing of the
    applications is ever shown here or to the employer."""

    path = "/p/{token:str}/union"

    @get("/", opt=PUBLIC)
    async def form(self, request: Request, token: FromPath[str]) -> Template:
        enterprise = await enterprises.by_public_token(token)
        return await _public_form(request, enterprise, {"nationality": "VN"}, {})

    @post("/", opt=PUBLIC)
    async def send(self, request: Request, token: FromPath[str]) -> Response:
        enterprise = await enterprises.by_public_token(token)
        return await submit(
            request,
            ApplicationForm,
            lambda form: founding.apply(enterprise, form, client_address(request)),
            form=lambda values, errors: _public_form(request, enterprise, values, errors),
            done=lambda code: render(
                request, "unions/public_sent.html", enterprise=enterprise, code=code
            ),
        )

    @post("/check", opt=PUBLIC)
    async def check(self, request: Request, token: FromPath[str]) -> Response:
        enterprise = await enterprises.by_public_token(token)

        def page(found, values: dict, errors: dict) -> Template:
            return render(
                request,
                "unions/public_check.html",
                enterprise=enterprise,
                found=found,
                values=values,
                errors=errors,
            )

        return await submit(
            request,
            TrackForm,
            lambda form: founding.track(enterprise, form.code, client_address(request)),
            form=lambda values, errors: page(None, values, errors),
            done=lambda found: page(found, {}, {}),
        )


async def _public_form(request: Request, enterprise: Enterprise, values: dict, errors: dict):
    return render(
        request,
        "unions/public_form.html",
        enterprise=enterprise,
        campaign=await founding.campaign_open(enterprise),
        values=values,
        errors=errors,
        genders=GENDERS,
    )


async def public_section(enterprise: Enterprise) -> dict[str, Any] | None:
    """The workers' page shows the application link while a union is being founded."""
    union = await founding.campaign_open(enterprise)
    return {"union": union} if union is not None else None


# The union's pages ----------------------------------------------------------------------------


class UnionController(Controller):
    path = "/enterprises/{enterprise_id:int}/union"

    @get("/", opt={"permission": VIEW_UNION})
    async def index(self, request: Request, context: Context) -> Template:
        return await _index(request, context, {}, {})

    @post("/campaign", opt={"permission": RUN_FOUNDING})
    async def campaign(self, request: Request, context: Context) -> Response:
        return await submit(
            request,
            CampaignForm,
            lambda form: founding.start_campaign(context, form),
            form=lambda values, errors: _index(request, context, values, errors),
            done=_base(context),
            success=_("The campaign committee was formed and its decision drafted."),
            conflict=_base(context),
        )

    @get("/poster", opt={"permission": RUN_FOUNDING})
    async def poster(self, request: Request, context: Context) -> Template:
        url = f"{get_settings().base_url}/p/{context.enterprise.public_token}/union"
        return render(
            request,
            "unions/poster.html",
            ectx=context,
            enterprise=context.enterprise,
            url=url,
            qr=segno.make_qr(url, error="m").svg_inline(scale=8, title=url),
        )

    @get("/applications", opt={"permission": RUN_FOUNDING})
    async def applications(self, request: Request, context: Context) -> Template:
        return await _applications(request, context, None, {}, {})

    @post("/applications/{union_application_id:int}", opt={"permission": RUN_FOUNDING})
    async def review(
        self, request: Request, context: Context, union_application_id: Id
    ) -> Response:
        return await submit(
            request,
            ReviewForm,
            lambda form: founding.review(context, union_application_id, form),
            form=lambda values, errors: _applications(
                request, context, union_application_id, values, errors
            ),
            done=f"{_base(context)}/applications",
            success=_("The application was reviewed."),
        )

    @post("/congress", opt={"permission": RUN_FOUNDING})
    async def plan_congress(self, request: Request, context: Context) -> Response:
        return await _step(
            request, context, CongressForm, congress.plan_congress, _("The congress was planned.")
        )

    @post("/congress/attendance", opt={"permission": RUN_FOUNDING})
    async def attendance(self, request: Request, context: Context) -> Response:
        return await _step(
            request,
            context,
            AttendanceForm,
            congress.take_attendance,
            _("Attendance was taken and the election drawn: count it on the vote's page."),
        )

    @post("/congress/election", opt={"permission": RUN_FOUNDING})
    async def election(self, request: Request, context: Context) -> Response:
        return await _step(
            request,
            context,
            None,
            lambda c, _f: congress.record_election(c),
            _("The elected committees were recorded."),
        )

    @post("/dossier", opt={"permission": RUN_FOUNDING})
    async def dossier(self, request: Request, context: Context) -> Response:
        return await _step(
            request,
            context,
            None,
            lambda c, _f: recognition.send_dossier(c),
            _("The dossier was issued for the upper-level union."),
        )

    @get("/members", opt={"permission": KEEP_REGISTER})
    async def members(
        self, request: Request, context: Context, page: FromQuery[int] = 1
    ) -> Template:
        return await _members(request, context, page, {}, {})

    @post("/members", opt={"permission": KEEP_REGISTER})
    async def add_member(self, request: Request, context: Context) -> Response:
        return await submit(
            request,
            MemberForm,
            lambda form: membership.add_member(context, form),
            form=lambda values, errors: _members(request, context, 1, values, errors),
            done=f"{_base(context)}/members",
            success=_("The member was added to the register."),
            conflict=f"{_base(context)}/members",
        )

    @post("/members/import", opt={"permission": KEEP_REGISTER})
    async def import_members(self, request: Request, context: Context) -> Response:
        return await submit(
            request,
            ImportForm,
            lambda form: membership.import_members(context, form),
            form=lambda values, errors: _members(request, context, 1, values, errors),
            done=f"{_base(context)}/members",
            success=_("The members were imported."),
            conflict=f"{_base(context)}/members",
        )

    @post("/members/from-roster", opt={"permission": KEEP_REGISTER})
    async def from_roster(self, request: Request, context: Context) -> Response:
        return await submit(
            request,
            RosterImportForm,
            lambda form: membership.import_marked_on_roster(context, form.joined_on),
            form=lambda values, errors: _members(request, context, 1, values, errors),
            done=f"{_base(context)}/members",
            success=_("The members were imported."),
            conflict=f"{_base(context)}/members",
        )

    @post("/members/{union_member_id:int}/leave", opt={"permission": KEEP_REGISTER})
    async def leave(self, request: Request, context: Context, union_member_id: Id) -> Response:
        return await submit(
            request,
            LeaveForm,
            lambda form: membership.leave(context, union_member_id, form),
            form=lambda values, errors: _members(request, context, 1, values, errors),
            done=f"{_base(context)}/members",
            success=_("The register was updated."),
            conflict=f"{_base(context)}/members",
        )

    @get("/fees", opt={"permission": VIEW_FEES})
    async def fees(self, request: Request, context: Context) -> Template:
        values = dict(request.query_params)
        errors: dict[str, str] = {}
        schedule = None
        try:
            schedule = overview.fee_schedule(context.enterprise, values)
        except Invalid as error:
            errors = error.errors
        return render(
            request,
            "unions/fees.html",
            ectx=context,
            values=values,
            errors=errors,
            schedule=schedule,
            settings=overview.settings_shown(),
        )


async def _step(request, context, schema, action, success: str) -> Response:
    """One step of the founding, from a form of the union's page."""
    return await submit(
        request,
        schema,
        lambda form: action(context, form),
        form=lambda values, errors: _index(request, context, values, errors),
        done=_base(context),
        success=success,
        conflict=_base(context),
    )


async def _index(request: Request, context: EnterpriseContext, values: dict, errors: dict):
    view = await overview.union_view(context)
    defaults = await overview.form_defaults(context, view)
    return render(
        request,
        "unions/index.html",
        ectx=context,
        view=view,
        accepted_options=[
            (
                a.id,
                a.full_name,
                label(a.eligibility) if a.worker else _("not matched to the roster"),
            )
            for a in view.accepted
        ],
        congress_agenda=rules.CONGRESS_AGENDA,
        campaign_action=_base(context) + "/campaign",
        values={**defaults, **values},
        errors=errors,
        can_found=context.can(RUN_FOUNDING),
        can_register=context.can(KEEP_REGISTER),
        can_fees=context.can(VIEW_FEES),
        is_upper=context.can(UPPER_UNION),
        settings=overview.settings_shown(),
    )


async def _applications(request, context, current: int | None, values: dict, errors: dict):
    return render(
        request,
        "unions/applications.html",
        ectx=context,
        applications=await founding.applications(context),
        current=current,
        values=values,
        errors=errors,
    )


async def _members(request, context, page: int, values: dict, errors: dict):
    return render(
        request,
        "unions/members.html",
        ectx=context,
        members=await membership.members(context, page),
        counts=await membership.counts(context.enterprise_id),
        closed=dissolution.is_closed(await founding.current_union(context.enterprise_id)),
        page=max(page, 1),
        per_page=membership.PER_PAGE,
        values={"joined_on": today().isoformat(), "left_on": today().isoformat(), **values},
        errors=errors,
    )


# The upper-level union ------------------------------------------------------------------------


class FederationUnionController(Controller):
    """The provincial federation: who needs a union, the campaign committee it appoints, the
    recognition it decides. Outside /enterprises/{id}, so a federation officer's only writes
    are here; each checks the enterprise is in the officer's province."""

    path = "/federation/unions"

    @get("/", opt={"permission": UPPER_UNION})
    async def index(
        self,
        request: Request,
        actor: CurrentActor,
        threshold: FromQuery[str | None] = None,
        page: FromQuery[int] = 1,
    ) -> Template:
        minimum = federation.threshold_of(threshold)
        rows, total = await federation.without_union(actor, minimum, page)
        return render(
            request,
            "unions/federation.html",
            rows=rows,
            total=total,
            page=max(page, 1),
            per_page=federation.PER_PAGE,
            threshold=minimum,
            pending=await federation.pending_recognition(actor),
            founding_minimum=int(rules.FOUNDING_MINIMUM.value),
            settings=overview.settings_shown(),
        )

    @get("/{union_enterprise_id:int}", opt={"permission": UPPER_UNION})
    async def enterprise(
        self, request: Request, actor: CurrentActor, union_enterprise_id: Id
    ) -> Template:
        context = await federation.upper_union_context(actor, union_enterprise_id)
        return await _upper_page(request, context, {}, {})

    @post("/{union_enterprise_id:int}/campaign", opt={"permission": UPPER_UNION})
    async def campaign(
        self, request: Request, actor: CurrentActor, union_enterprise_id: Id
    ) -> Response:
        context = await federation.upper_union_context(actor, union_enterprise_id)
        here = f"/federation/unions/{union_enterprise_id}"
        return await submit(
            request,
            CampaignForm,
            lambda form: founding.start_campaign(context, form),
            form=lambda values, errors: _upper_page(request, context, values, errors),
            done=here,
            success=_("The campaign committee was appointed and its decision drafted."),
            conflict=here,
        )

    @post("/{union_enterprise_id:int}/recognition", opt={"permission": UPPER_UNION})
    async def recognise(
        self, request: Request, actor: CurrentActor, union_enterprise_id: Id
    ) -> Response:
        context = await federation.upper_union_context(actor, union_enterprise_id)
        here = f"/federation/unions/{union_enterprise_id}"
        return await submit(
            request,
            RecognitionForm,
            lambda form: recognition.recognise(context, form),
            form=lambda values, errors: _upper_page(request, context, values, errors),
            done=here,
            success=_("The union is recognised: it now represents the enterprise's workers."),
            conflict=here,
        )


async def _upper_page(request: Request, context: EnterpriseContext, values: dict, errors: dict):
    view = await overview.union_view(context)
    defaults = await overview.form_defaults(context, view)
    defaults["recognised_on"] = today().isoformat()
    return render(
        request,
        "unions/upper.html",
        ectx=context,
        view=view,
        values={**defaults, **values},
        errors=errors,
        settings=overview.settings_shown(),
        campaign_action=f"/federation/unions/{context.enterprise_id}/campaign",
    )


ROUTES = [PublicUnionController, UnionController, FederationUnionController]
