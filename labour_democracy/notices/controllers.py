"""Pages for official notices: the list, the form that issues one, and each notice."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.response import Template

from labour_democracy.core.permissions import ISSUE_NOTICE, VIEW_DOCUMENTS
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.documents import pdf
from labour_democracy.i18n import gettext as _
from labour_democracy.notices import services
from labour_democracy.notices.schemas import NoticeForm
from labour_democracy.web.params import Context, FromQuery, Id
from labour_democracy.web.responses import is_htmx, redirect, render
from labour_democracy.web.submit import submit


class NoticeController(Controller):
    path = "/enterprises/{enterprise_id:int}/notices"

    @get("/", opt={"permission": VIEW_DOCUMENTS})
    async def index(self, request: Request, context: Context, page: FromQuery[int] = 1) -> Template:
        return render(
            request,
            "notices/_notice_rows.html" if is_htmx(request) else "notices/index.html",
            ectx=context,
            listing=await services.list_notices(context, page),
            can_issue=context.can(ISSUE_NOTICE),
        )

    @get("/new", opt={"permission": ISSUE_NOTICE})
    async def new(self, request: Request, context: Context) -> Template:
        return _form(request, context, await services.form_defaults(context), {})

    @post("/new", opt={"permission": ISSUE_NOTICE})
    async def create(self, request: Request, context: Context) -> Response:
        return await submit(
            request,
            NoticeForm,
            lambda form: services.create_notice(context, form),
            form=lambda values, errors: _form(request, context, values, errors),
            done=lambda notice_id: redirect(
                request, f"/enterprises/{context.enterprise_id}/notices/{notice_id}"
            ),
            success=_("The notice was issued. Download it below to print, sign and post."),
        )

    @get("/{notice_id:int}", opt={"permission": VIEW_DOCUMENTS})
    async def detail(self, request: Request, context: Context, notice_id: Id) -> Template:
        notice = await services.get_notice(context, notice_id)
        return render(
            request,
            "notices/notice.html",
            ectx=context,
            notice=notice,
            paragraphs=[line for line in notice["body"].splitlines() if line.strip()],
            recipients=notice["recipients"].splitlines(),
            pdf_available=pdf.is_available(),
        )


def _form(
    request: Request, context: EnterpriseContext, values: dict[str, Any], errors: dict[str, str]
) -> Template:
    return render(
        request,
        "notices/form.html",
        ectx=context,
        values=values,
        errors=errors,
    )


ROUTES = [NoticeController]
