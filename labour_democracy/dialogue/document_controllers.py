"""Downloads of the dialogue's documents, and the two that are drafted on demand: the minutes
and the reply to a request (issuing answers with the file; a refusal flashes its reason).

The notices of the main contents and of a member list are issued by the publishing flows
(`documents.issue_publication_notice`, `documents.issue_member_list`), which also record the
publication; here they are only downloaded.
"""

from __future__ import annotations

from litestar import Controller, Request, Response, get, post

from labour_democracy.core.errors import Forbidden, Invalid
from labour_democracy.core.permissions import VIEW_DOCUMENTS
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.dialogue.documents.minutes import issue_minutes
from labour_democracy.dialogue.documents.request_reply import issue_request_reply
from labour_democracy.dialogue.permissions import MANAGE_DIALOGUE, REQUEST_DIALOGUE
from labour_democracy.dialogue.tables import Dialogue, DialogueRequest, MemberList
from labour_democracy.documents.controllers import DOCX_TYPE, content_disposition, download_name
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import gettext as _
from labour_democracy.web.errors import error_response
from labour_democracy.web.params import Context, Id
from labour_democracy.web.responses import flash, redirect


def _file(document: IssuedDocument) -> Response:
    return Response(
        content=document.content,
        status_code=200,
        media_type=DOCX_TYPE,
        headers={
            "Content-Disposition": content_disposition(download_name(document, "docx")),
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


async def _stored(
    request: Request, context: EnterpriseContext, document_id: int | None, back: str
) -> Response:
    """The stored document, or back to `back` with a word when it is not issued yet."""
    if document_id is None:
        flash(request, _("This document has not been issued yet."), "error")
        return redirect(request, back)
    document = await get_owned(context, IssuedDocument, document_id)
    return _file(document)


def _refused(request: Request, error: Invalid, back: str) -> Response:
    flash(request, " ".join(error.errors.values()), "error")
    return redirect(request, back)


class DialogueDocumentController(Controller):
    path = "/enterprises/{enterprise_id:int}/dialogue"

    def _dialogue_page(self, context: EnterpriseContext, dialogue_id: int) -> str:
        return f"/enterprises/{context.enterprise_id}/dialogue/{dialogue_id}"

    @post("/{dialogue_id:int}/minutes", status_code=200, opt={"permission": MANAGE_DIALOGUE})
    async def issue_minutes(self, request: Request, context: Context, dialogue_id: Id) -> Response:
        try:
            document = await issue_minutes(context, dialogue_id)
        except Invalid as error:  # a button, not a form: the reason is flashed on the page
            return _refused(request, error, self._dialogue_page(context, dialogue_id))
        return _file(document)

    @get("/{dialogue_id:int}/minutes.docx", opt={"permission": VIEW_DOCUMENTS})
    async def minutes(self, request: Request, context: Context, dialogue_id: Id) -> Response:
        dialogue = await get_owned(context, Dialogue, dialogue_id)
        return await _stored(
            request, context, dialogue.minutes_document, self._dialogue_page(context, dialogue_id)
        )

    @get("/{dialogue_id:int}/publication.docx", opt={"permission": VIEW_DOCUMENTS})
    async def publication(self, request: Request, context: Context, dialogue_id: Id) -> Response:
        dialogue = await get_owned(context, Dialogue, dialogue_id)
        return await _stored(
            request,
            context,
            dialogue.publication_document,
            self._dialogue_page(context, dialogue_id),
        )

    @post("/requests/{request_id:int}/reply", status_code=200, opt={"permission": REQUEST_DIALOGUE})
    async def issue_reply(self, request: Request, context: Context, request_id: Id) -> Response:
        try:
            document = await issue_request_reply(context, request_id)
        except Forbidden:
            return error_response(
                request,
                403,
                _(
                    "Only the side that received the request drafts the reply: HR answers "
                    "the workers' requests, the union the employer's."
                ),
            )
        except Invalid as error:  # a button, not a form: the reason is flashed on the page
            back = f"/enterprises/{context.enterprise_id}/dialogue/requests/{request_id}"
            return _refused(request, error, back)
        return _file(document)

    @get("/requests/{request_id:int}/reply.docx", opt={"permission": VIEW_DOCUMENTS})
    async def reply(self, request: Request, context: Context, request_id: Id) -> Response:
        record = await get_owned(context, DialogueRequest, request_id)
        back = f"/enterprises/{context.enterprise_id}/dialogue/requests/{request_id}"
        return await _stored(request, context, record.reply_document, back)

    @get("/member-lists/{member_list_id:int}/notice.docx", opt={"permission": VIEW_DOCUMENTS})
    async def member_list(self, request: Request, context: Context, member_list_id: Id) -> Response:
        member_list = await get_owned(context, MemberList, member_list_id)
        back = f"/enterprises/{context.enterprise_id}/dialogue/member-lists/{member_list_id}"
        return await _stored(request, context, member_list.document, back)


ROUTES = [DialogueDocumentController]
