"""Downloads of a conference's documents.

The plan, the invitations and the agenda are numbered: a POST issues one (stored in the
enterprise's Documents list) and answers with its file; asking again while nothing changed (for
the PDF, say) answers with the same document, never a new number. The delegate list and the
attendance sheet are numbered lists ("01/DS-..."), issued the same way on GET. The minutes
are issued when the conference closes and the resolution when it is published; their GET serves
the stored file, as does the report of each six-monthly review (issued when the review is recorded;
`?review=<id>` names it). `?format=pdf` (or the form field `format=pdf`) asks for a PDF where
LibreOffice is installed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from litestar import Controller, Request, Response, get, post

from labour_democracy.conferences import review as review_stage
from labour_democracy.conferences.documents import invitations, plan
from labour_democracy.conferences.permissions import MANAGE_CONFERENCES, VIEW_CONFERENCES
from labour_democracy.conferences.tables import Conference
from labour_democracy.core.errors import Conflict, NotFound
from labour_democracy.core.permissions import VIEW_ROSTER
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.documents import pdf
from labour_democracy.documents import services as document_services
from labour_democracy.documents.controllers import DOCX_TYPE, content_disposition, download_name
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import gettext as _
from labour_democracy.web import forms
from labour_democracy.web.forms import read_form
from labour_democracy.web.params import Context, FromQuery, Id
from labour_democracy.web.responses import flash, redirect

MANAGE = {"permission": MANAGE_CONFERENCES}


def _conference_page(context: EnterpriseContext, conference_id: int) -> str:
    return f"/enterprises/{context.enterprise_id}/conferences/{conference_id}"


def _file(content: bytes, media_type: str, filename: str) -> Response:
    return Response(
        content,
        status_code=200,
        media_type=media_type,
        headers={
            "Content-Disposition": content_disposition(filename),
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


async def _send(
    request: Request,
    context: EnterpriseContext,
    conference_id: int,
    content: bytes,
    filename: str,
    as_pdf: bool,
) -> Response:
    """The .docx, or its PDF; without LibreOffice, back to the conference with the reason."""
    if not as_pdf:
        return _file(content, DOCX_TYPE, f"{filename}.docx")
    try:
        converted = await pdf.to_pdf(content)
    except pdf.PdfUnavailable as error:
        flash(request, str(error), "error")
        return redirect(request, _conference_page(context, conference_id))
    return _file(converted, "application/pdf", f"{filename}.pdf")


async def _send_issued(
    request: Request,
    context: EnterpriseContext,
    conference_id: int,
    document: IssuedDocument,
    as_pdf: bool,
) -> Response:
    name = download_name(document, "docx").removesuffix(".docx")
    return await _send(request, context, conference_id, document.content, name, as_pdf)


class ConferenceDocumentController(Controller):
    path = "/enterprises/{enterprise_id:int}/conferences/{conference_id:int}/documents"

    @post("/plan", opt=MANAGE, status_code=200)
    async def plan(self, request: Request, context: Context, conference_id: Id) -> Response:
        return await _issue(request, context, conference_id, plan.issue_plan)

    @post("/invitations", opt=MANAGE, status_code=200)
    async def invitations(self, request: Request, context: Context, conference_id: Id) -> Response:
        return await _issue(request, context, conference_id, invitations.issue_invitations)

    @post("/agenda", opt=MANAGE, status_code=200)
    async def agenda(self, request: Request, context: Context, conference_id: Id) -> Response:
        return await _issue(request, context, conference_id, plan.issue_agenda)

    @get("/delegate-list", opt={"permission": VIEW_ROSTER})
    async def delegate_list(
        self, request: Request, context: Context, conference_id: Id, format: FromQuery[str] = ""
    ) -> Response:
        document = await invitations.delegate_list(context, conference_id)
        return await _send_issued(request, context, conference_id, document, format == "pdf")

    @get("/attendance-sheet", opt={"permission": VIEW_ROSTER})
    async def attendance_sheet(
        self, request: Request, context: Context, conference_id: Id, format: FromQuery[str] = ""
    ) -> Response:
        document = await invitations.attendance_sheet(context, conference_id)
        return await _send_issued(request, context, conference_id, document, format == "pdf")

    @get("/minutes", opt={"permission": VIEW_CONFERENCES})
    async def minutes(
        self, request: Request, context: Context, conference_id: Id, format: FromQuery[str] = ""
    ) -> Response:
        conference = await get_owned(context, Conference, conference_id)
        return await _send_closing(request, context, conference, conference.minutes, format)

    @get("/resolution", opt={"permission": VIEW_CONFERENCES})
    async def resolution(
        self, request: Request, context: Context, conference_id: Id, format: FromQuery[str] = ""
    ) -> Response:
        conference = await get_owned(context, Conference, conference_id)
        return await _send_closing(request, context, conference, conference.resolution, format)

    @get("/review-report", opt={"permission": VIEW_CONFERENCES})
    async def review_report(
        self,
        request: Request,
        context: Context,
        conference_id: Id,
        review: FromQuery[str] = "",
        format: FromQuery[str] = "",
    ) -> Response:
        """The report of a six-monthly review (`?review=<id>`), issued when it was recorded."""
        if not review.strip():
            flash(request, _("Choose the review whose report you want."), "error")
            return redirect(request, _conference_page(context, conference_id))
        try:
            review_id = forms.convert(review, int)
        except forms.FieldError:
            raise NotFound from None  # no number names no review
        row = await review_stage.review(context, conference_id, review_id)
        if row.document is None:
            flash(
                request,
                _("Not issued yet: a review's report comes with recording the review."),
                "error",
            )
            return redirect(request, _conference_page(context, conference_id))
        document = await document_services.get_document(context, row.document)
        return await _send_issued(request, context, conference_id, document, format == "pdf")


async def _issue(
    request: Request,
    context: EnterpriseContext,
    conference_id: int,
    issuer: Callable[[EnterpriseContext, int], Awaitable[IssuedDocument]],
) -> Response:
    as_pdf = (await read_form(request)).get("format") == "pdf"
    try:
        document = await issuer(context, conference_id)
    except Conflict as error:
        flash(request, str(error), "error")
        return redirect(request, _conference_page(context, conference_id))
    return await _send_issued(request, context, conference_id, document, as_pdf)


async def _send_closing(
    request: Request,
    context: EnterpriseContext,
    conference: Conference,
    document_id: int | None,
    format: str,
) -> Response:
    """The minutes (issued at closing) or the resolution (issued at publishing, once its
    commitments are recorded)."""
    if document_id is None:
        flash(
            request,
            _(
                "Not issued yet: the minutes come with closing the conference, the resolution "
                "with publishing it."
            ),
            "error",
        )
        return redirect(request, _conference_page(context, conference.id))
    document = await document_services.get_document(context, document_id)
    return await _send_issued(request, context, conference.id, document, format == "pdf")


ROUTES = [ConferenceDocumentController]
