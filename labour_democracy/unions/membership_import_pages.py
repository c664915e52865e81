"""Pages to register members from a spreadsheet: upload, then one page with the columns
chosen, every row checked and a preview, and the button that registers them all."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.datastructures import UploadFile
from litestar.response import Template

from labour_democracy.core.errors import Conflict, Invalid
from labour_democracy.core.roster_import import limits, uploading
from labour_democracy.core.roster_import.mapping import mapping_from_form
from labour_democracy.core.roster_import.report import ImportRejected
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.i18n import format_number
from labour_democracy.i18n import gettext as _
from labour_democracy.unions import membership_import
from labour_democracy.unions.membership_import import FIELD_LABELS, MemberField
from labour_democracy.unions.permissions import KEEP_REGISTER
from labour_democracy.web.forms import form_values, read_form
from labour_democracy.web.params import Context, Id
from labour_democracy.web.responses import flash, redirect, render
from labour_democracy.web.submit import submit

PROBLEMS_SHOWN = 200


def _base(context: EnterpriseContext) -> str:
    return f"/enterprises/{context.enterprise_id}/union/members/upload"


def _upload_page(request: Request, context: EnterpriseContext, errors: dict) -> Template:
    return render(
        request,
        "unions/member_upload.html",
        status_code=422 if errors else 200,
        ectx=context,
        errors=errors,
        max_megabytes=limits.MAX_UPLOAD_BYTES // (1024 * 1024),
        max_rows=limits.MAX_ROWS,
    )


async def _import_page(
    request: Request,
    context: EnterpriseContext,
    upload_id: int,
    *,
    mapping: dict | None = None,
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    rejected: bool = False,
) -> Template:
    prepared = await membership_import.prepare(context, upload_id, mapping)
    errors = {**prepared.errors, **(errors or {})}
    report = prepared.evaluation.report if prepared.evaluation else None
    no_header = _("(no header)")
    return render(
        request,
        "unions/member_import.html",
        status_code=422 if errors or (report and report.rows_with_problems) else 200,
        ectx=context,
        enterprise=context.enterprise,
        prepared=prepared,
        report=report,
        rejected=rejected,
        values=values
        if values is not None
        else {f"map_{f}": "" if i is None else str(i) for f, i in prepared.mapping.items()},
        errors=errors,
        column_options=[
            (c.index, f"{c.letter} — {c.header or no_header}") for c in prepared.columns
        ],
        fields=list(MemberField),
        field_labels=FIELD_LABELS,
        problems_shown=PROBLEMS_SHOWN,
        upload_again=_base(context),
    )


class MemberImportController(Controller):
    """The union's register from a spreadsheet; the union's own, never the employer's."""

    path = "/enterprises/{enterprise_id:int}/union/members/upload"

    @get("/", opt={"permission": KEEP_REGISTER})
    async def upload_page(self, request: Request, context: Context) -> Template:
        return _upload_page(request, context, {})

    @post("/", opt={"permission": KEEP_REGISTER}, request_max_body_size=limits.UPLOAD_BODY_LIMIT)
    async def upload(self, request: Request, context: Context) -> Response:
        if too_large := uploading.body_too_large(request.headers.get("content-length")):
            return _upload_page(request, context, too_large)

        async def keep(data: dict[str, Any]) -> int:
            chosen = data.get("file")
            if not isinstance(chosen, UploadFile):
                raise Invalid({"file": _("Choose a .xlsx or .csv file.")})
            return await membership_import.upload(
                context, chosen.filename or "", await chosen.read()
            )

        return await submit(
            request,
            None,  # a file, read as sent
            keep,
            form=lambda _values, errors: _upload_page(request, context, errors),
            done=lambda upload_id: redirect(request, f"{_base(context)}/{upload_id}"),
            conflict=f"/enterprises/{context.enterprise_id}/union/members",
        )

    @get("/{member_upload_id:int}", opt={"permission": KEEP_REGISTER})
    async def preview(self, request: Request, context: Context, member_upload_id: Id) -> Response:
        try:
            return await _import_page(request, context, member_upload_id)
        except Conflict as error:  # the register closed (or not open yet) since the upload
            flash(request, str(error), "error")
            return redirect(request, f"/enterprises/{context.enterprise_id}/union/members")

    @post("/{member_upload_id:int}", opt={"permission": KEEP_REGISTER})
    async def save(self, request: Request, context: Context, member_upload_id: Id) -> Response:
        """One form, two buttons: check the rows again with the columns chosen, or register."""
        data = await read_form(request)
        values = form_values(data)
        try:
            mapping = mapping_from_form(data, MemberField)
        except Invalid as error:
            return await _import_page(
                request, context, member_upload_id, values=values, errors=error.errors
            )
        page: dict[str, Any] = {"mapping": mapping, "values": values}
        if data.get("action") != "import":
            return await _import_page(request, context, member_upload_id, **page)
        try:
            summary = await membership_import.run_import(context, member_upload_id, mapping)
        except ImportRejected:
            return await _import_page(request, context, member_upload_id, rejected=True, **page)
        except Invalid as error:
            return await _import_page(
                request, context, member_upload_id, errors=error.errors, **page
            )
        flash(
            request,
            _("{active} members were registered and {left} past memberships recorded.").format(
                active=format_number(summary.active), left=format_number(summary.left)
            ),
        )
        return redirect(request, f"/enterprises/{context.enterprise_id}/union/members")


ROUTES = [MemberImportController]
