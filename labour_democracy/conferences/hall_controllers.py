"""The conference hall: check-in at the door (QR scan, typed code or name search), the
projector's live quorum for staff, and the hall's screens, which need no account."""

from __future__ import annotations

from litestar import Controller, Request, Response, get, post
from litestar.response import Template

from labour_democracy.conferences import checkin, queries
from labour_democracy.conferences import delegates as delegates_stage
from labour_democracy.conferences.controllers import button, form_int, page_path
from labour_democracy.conferences.labels import describe
from labour_democracy.conferences.permissions import CHECK_IN, VIEW_CONFERENCES
from labour_democracy.conferences.tables import ConferenceStatus
from labour_democracy.core.errors import Conflict, Invalid
from labour_democracy.i18n import gettext as _
from labour_democracy.web.forms import read_form
from labour_democracy.web.params import Context, FromPath, FromQuery, Id
from labour_democracy.web.responses import HTMX_STOP_POLLING, is_htmx, render


class CheckInController(Controller):
    path = "/enterprises/{enterprise_id:int}/conferences"

    @get("/{conference_id:int}/checkin", opt={"permission": CHECK_IN})
    async def checkin_page(
        self,
        request: Request,
        context: Context,
        conference_id: Id,
        code: FromQuery[str | None] = None,
        q: FromQuery[str | None] = None,
    ) -> Template:
        conference = await queries.get_conference(context, conference_id)
        found = (
            await delegates_stage.delegates(context, conference_id, q) if q and q.strip() else None
        )
        return render(
            request,
            "conferences/_search_results.html" if is_htmx(request) else "conferences/checkin.html",
            ectx=context,
            conference=conference,
            title=queries.label(conference),
            code=code or "",
            q=q or "",
            found=found[:20] if found is not None else None,
            attendance=await checkin.attendance(conference),
            result=None,
            error=None,
        )

    @post("/{conference_id:int}/checkin", opt={"permission": CHECK_IN})
    async def check_in(self, request: Request, context: Context, conference_id: Id) -> Template:
        """The door's hot path: from HTMX it answers only the result and the count."""
        data = await read_form(request)
        result, error = None, None
        try:
            delegate_id = form_int(data, "delegate_id") if data.get("delegate_id") else None
            result = await checkin.check_in(
                context,
                conference_id,
                code=None if delegate_id else str(data.get("code") or ""),
                delegate_id=delegate_id,
            )
        except Invalid as refused:
            error = "; ".join(refused.errors.values())
        except Conflict as refused:
            error = str(refused)
        conference = (
            result.conference if result else await queries.get_conference(context, conference_id)
        )
        values = {
            "ectx": context,
            "conference": conference,
            "attendance": await checkin.attendance(conference),
            "result": result,
            "error": error,
        }
        if is_htmx(request):
            # A refusal is the answer the door needs, not a failed request: htmx swaps it in.
            return render(request, "conferences/_checkin_result.html", **values)
        return render(
            request,
            "conferences/checkin.html",
            status_code=200 if result else 422,
            title=queries.label(conference),
            code="" if result else str(data.get("code") or ""),
            q="",
            found=None,
            **values,
        )

    @post("/{conference_id:int}/checkin/undo", opt={"permission": CHECK_IN})
    async def undo_check_in(
        self, request: Request, context: Context, conference_id: Id
    ) -> Response:
        return await button(
            request,
            lambda data: checkin.undo_check_in(
                context, conference_id, form_int(data, "delegate_id")
            ),
            page_path(context, conference_id, "/checkin"),
            _("The check-in was undone."),
        )

    @get("/{conference_id:int}/projector", opt={"permission": VIEW_CONFERENCES})
    async def projector(self, request: Request, context: Context, conference_id: Id) -> Template:
        conference = await queries.get_conference(context, conference_id)
        return _stop_when_over(
            request,
            conference,
            render(
                request,
                "conferences/_attendance.html"
                if is_htmx(request)
                else "conferences/projector.html",
                ectx=context,
                conference=conference,
                title=queries.label(conference),
                attendance=await checkin.attendance(conference),
                describe=describe,
                screen_url=(
                    f"/p/{context.enterprise.public_token}/conferences/{conference_id}/screen"
                ),
            ),
        )


class HallScreenController(Controller):
    """The attendance for the hall's screens, without an account: a screen in a meeting hall
    should not hold an HR session. It shows only the title and the count; the address carries
    the enterprise's public token. Each answer comes from the in-process cache (services)."""

    path = "/p/{token:str}/conferences/{conference_id:int}/screen"

    @get("/", opt={"public": True})
    async def screen(
        self, request: Request, token: FromPath[str], conference_id: FromPath[int]
    ) -> Template:
        conference = await checkin.screen_conference(token, conference_id)
        return _stop_when_over(
            request,
            conference,
            render(
                request,
                "conferences/_attendance.html" if is_htmx(request) else "conferences/screen.html",
                conference=conference,
                title=queries.label(conference),
                attendance=await checkin.attendance(conference),
                describe=describe,
                url=request.url.path,
            ),
        )


def _stop_when_over(request: Request, conference, page: Template) -> Template:
    """A closed conference's attendance no longer changes: the poll's answer stops the poll."""
    if is_htmx(request) and conference.status in (
        ConferenceStatus.CLOSED,
        ConferenceStatus.PUBLISHED,
    ):
        page.status_code = HTMX_STOP_POLLING
    return page


ROUTES = [CheckInController, HallScreenController]
