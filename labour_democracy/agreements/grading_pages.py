"""The federation's page of grading criteria (Guidance 1580/HD-TLĐ): a province's officer sets
its province's cut-offs. Thin: parse, call, render (the rules of the criteria are in
criteria.py)."""

from __future__ import annotations

from litestar import Controller, Request, Response, get, post
from litestar.response import Template

from labour_democracy.agreements import criteria
from labour_democracy.agreements.permissions import SET_GRADING
from labour_democracy.agreements.schemas import GradingForm
from labour_democracy.i18n import gettext as _
from labour_democracy.web.params import CurrentActor, FromQuery
from labour_democracy.web.responses import redirect, render
from labour_democracy.web.submit import submit


async def _grading_page(request, actor, province_id: int | None, values, errors) -> Template:
    province = await criteria.chosen_province(actor, province_id)
    frame = await criteria.frame_for(province["id"])
    return render(
        request,
        "agreements/grading.html",
        province=province,
        frame=frame,
        default=frame.set_on is None,
        provinces=await criteria.province_choices(actor),
        values={**criteria.form_values(frame), **values, "province": province["id"]},
        errors=errors,
        grades=criteria.GRADES,
    )


class GradingController(Controller):
    """A province's criteria for grading agreements, set by its federation officer."""

    path = "/agreements/grading"

    @get("/", opt={"permission": SET_GRADING})
    async def show(
        self, request: Request, actor: CurrentActor, province: FromQuery[int | None] = None
    ) -> Template:
        return await _grading_page(request, actor, province, {}, {})

    @post("/", opt={"permission": SET_GRADING})
    async def save(self, request: Request, actor: CurrentActor) -> Response:
        def again(values: dict, errors: dict):
            chosen = str(values.get("province") or "")
            wanted = int(chosen) if chosen.isdigit() else None
            return _grading_page(request, actor, wanted, values, errors)

        return await submit(
            request,
            GradingForm,
            lambda form: criteria.save(actor, form),
            form=again,
            done=lambda province_id: redirect(
                request, f"/agreements/grading?province={province_id}"
            ),
            success=_("The grading criteria were saved."),
        )
