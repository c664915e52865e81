"""Pages to import the roster from a spreadsheet and to export it to Excel."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.datastructures import UploadFile
from litestar.response import Template

from labour_democracy.core import roster_export
from labour_democracy.core.errors import Invalid
from labour_democracy.core.permissions import MANAGE_ORG_UNITS, MANAGE_ROSTER, VIEW_ROSTER
from labour_democracy.core.roster_import import applying, limits, preview, uploading
from labour_democracy.core.roster_import.fields import FIELD_LABELS, REQUIRED_FOR_NEW, Field
from labour_democracy.core.roster_import.mapping import ImportOptions, options_from_form
from labour_democracy.core.roster_import.report import ImportRejected, Report
from labour_democracy.core.schemas import RosterQuery
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.i18n import format_number
from labour_democracy.i18n import gettext as _
from labour_democracy.web.forms import form_values, parse, read_form
from labour_democracy.web.params import Context, FromQuery, Id
from labour_democracy.web.responses import flash, is_htmx, redirect, render
from labour_democracy.web.submit import submit

REPORT_PROBLEMS_SHOWN = 200


def _upload_page(request: Request, context: EnterpriseContext, errors: dict[str, str]) -> Template:
    return render(
        request,
        "core/roster_import.html",
        status_code=422 if errors else 200,
        ectx=context,
        enterprise=context.enterprise,
        errors=errors,
        max_megabytes=limits.MAX_UPLOAD_BYTES // (1024 * 1024),
        max_rows=limits.MAX_ROWS,
    )


def _form_of(options: ImportOptions) -> dict[str, Any]:
    values: dict[str, Any] = {
        f"map_{field}": "" if index is None else str(index)
        for field, index in options.mapping.items()
    }
    values["sheet"] = options.sheet or ""
    values["create_units"] = "on" if options.create_units else ""
    return values


async def _mapping_page(
    request: Request,
    context: EnterpriseContext,
    upload_id: int,
    *,
    options: ImportOptions | None = None,
    sheet: str | None = None,
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    report: Report | None = None,
    rejected: bool = False,
    fragment: bool = False,
) -> Template:
    errors = dict(errors or {})
    try:
        prepared = await preview.prepare(context, upload_id, options, sheet)
    except Invalid as error:  # the chosen sheet cannot be read: show the first one instead
        prepared = await preview.prepare(context, upload_id)
        errors = {**error.errors, **errors}
    errors = {**prepared.errors, **errors}
    failed = bool(errors) or bool(report and report.rows_with_problems)
    no_header = _("(no header)")
    column_options = [
        (column.index, f"{column.letter} — {column.header or no_header}")
        for column in prepared.columns
    ]
    separators = {",": _("commas"), ";": _("semicolons"), "\t": _("tabs")}
    return render(
        request,
        "core/roster_import_preview.html" if fragment else "core/roster_import_mapping.html",
        status_code=422 if failed else 200,
        ectx=context,
        enterprise=context.enterprise,
        prepared=prepared,
        values=values if values is not None else _form_of(prepared.options),
        errors=errors,
        report=report,
        rejected=rejected,
        fragment=fragment,
        column_options=column_options,
        separator=separators.get(prepared.sheet.delimiter or "", ""),
        problems_shown=REPORT_PROBLEMS_SHOWN,
        fields=list(Field),
        field_labels=FIELD_LABELS,
        required_fields=(Field.EMPLOYEE_CODE, *REQUIRED_FOR_NEW),
        can_create_units=context.can(MANAGE_ORG_UNITS),
    )


def _summary(summary: applying.ImportSummary) -> str:
    message = _(
        "The roster was imported: {added} added, {updated} updated, {unchanged} unchanged."
    ).format(
        added=format_number(summary.added),
        updated=format_number(summary.updated),
        unchanged=format_number(summary.unchanged),
    )
    if summary.units_created:
        message += " " + _("{n} new units were created.").format(
            n=format_number(summary.units_created)
        )
    return message + " " + _("Workers who were not in the file were left as they were.")


class RosterFileController(Controller):
    """The roster to and from spreadsheets: upload, mapping and import; export."""

    path = "/enterprises/{enterprise_id:int}/workers"

    @get("/import", opt={"permission": MANAGE_ROSTER})
    async def upload_page(self, request: Request, context: Context) -> Template:
        return _upload_page(request, context, {})

    @post(
        "/import",
        opt={"permission": MANAGE_ROSTER},
        request_max_body_size=limits.UPLOAD_BODY_LIMIT,
    )
    async def upload(self, request: Request, context: Context) -> Response:
        if too_large := uploading.body_too_large(request.headers.get("content-length")):
            return _upload_page(request, context, too_large)

        async def upload(data: dict[str, Any]) -> int:
            chosen = data.get("file")
            if not isinstance(chosen, UploadFile):
                raise Invalid({"file": _("Choose a .xlsx or .csv file.")})
            return await uploading.upload(context, chosen.filename or "", await chosen.read())

        return await submit(
            request,
            None,  # a file, read as sent
            upload,
            form=lambda _values, errors: _upload_page(request, context, errors),
            done=lambda upload_id: redirect(
                request, f"/enterprises/{context.enterprise_id}/workers/import/{upload_id}"
            ),
        )

    @get("/import/{upload_id:int}", opt={"permission": MANAGE_ROSTER})
    async def mapping_page(
        self,
        request: Request,
        context: Context,
        upload_id: Id,
        sheet: FromQuery[str | None] = None,
    ) -> Template:
        return await _mapping_page(request, context, upload_id, sheet=sheet)

    @post("/import/{upload_id:int}", opt={"permission": MANAGE_ROSTER})
    async def submit(self, request: Request, context: Context, upload_id: Id) -> Response:
        """One form, three buttons: update the preview, check every row, or import.

        Not the shared round trip: each button answers differently (a preview, a report of
        every row, or the import), and a refusal keeps the report beside the form."""
        data = await read_form(request)
        action = data.get("action")
        values = form_values(data)
        try:
            options = options_from_form(data)
        except Invalid as error:
            sheet = str(data.get("sheet") or "") or None
            return await _mapping_page(
                request, context, upload_id, sheet=sheet, values=values, errors=error.errors
            )
        page: dict[str, Any] = {"options": options, "values": values}
        if action == "import":
            try:
                summary = await applying.run_import(context, upload_id, options)
            except ImportRejected as rejected:
                return await _mapping_page(
                    request, context, upload_id, report=rejected.report, rejected=True, **page
                )
            except Invalid as error:
                return await _mapping_page(request, context, upload_id, errors=error.errors, **page)
            flash(request, _summary(summary))
            return redirect(request, f"/enterprises/{context.enterprise_id}/workers?status=all")
        if action == "check":
            try:
                report = await applying.check(context, upload_id, options)
            except Invalid as error:
                return await _mapping_page(request, context, upload_id, errors=error.errors, **page)
            return await _mapping_page(request, context, upload_id, report=report, **page)
        return await _mapping_page(request, context, upload_id, fragment=is_htmx(request), **page)

    @get("/export.xlsx", opt={"permission": VIEW_ROSTER})
    async def export(self, request: Request, context: Context) -> Response:
        try:
            query = parse(RosterQuery, dict(request.query_params))
        except Invalid:  # filters in the address, not a form: a bad one shows everything
            query = RosterQuery()
        content, filename = await roster_export.export_roster(context, query)
        return Response(
            content,
            media_type=roster_export.XLSX_MEDIA_TYPE,
            headers={"content-disposition": f'attachment; filename="{filename}"'},
        )
