"""Pages of the document engine: the list of issued documents and their downloads."""

from __future__ import annotations

import unicodedata
from urllib.parse import quote

from litestar import Controller, Request, Response, get
from litestar.response import Template

from labour_democracy.core.permissions import VIEW_DOCUMENTS
from labour_democracy.documents import pdf, registry, services
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.web.params import Context, FromQuery, Id
from labour_democracy.web.responses import flash, is_htmx, redirect, render

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_UNSAFE_IN_FILENAMES = set('\\/:*?"<>|;')


def download_name(document: IssuedDocument, extension: str) -> str:
    """ "01-TB-SHVN Về việc ....docx": the reference first, so files sort by number."""
    text = f"{document.reference.replace('/', '-')} {document.title}"
    text = "".join(" " if c in _UNSAFE_IN_FILENAMES or not c.isprintable() else c for c in text)
    return " ".join(text.split())[:120].rstrip(" .") + f".{extension}"


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    plain = "".join(c for c in folded if unicodedata.category(c) != "Mn")
    return "".join(c if c.isascii() and c.isprintable() and c not in '%\\"' else "_" for c in plain)


def content_disposition(filename: str) -> str:
    """An attachment header every browser reads: an ASCII name, and the exact name per RFC 5987
    (`filename*`), which browsers prefer when they understand it."""
    return f"attachment; filename=\"{_ascii(filename)}\"; filename*=UTF-8''{quote(filename)}"


def _file(content: bytes, media_type: str, filename: str) -> Response:
    return Response(
        content=content,
        media_type=media_type,
        headers={
            "Content-Disposition": content_disposition(filename),
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


class DocumentController(Controller):
    path = "/enterprises/{enterprise_id:int}/documents"

    @get("/", opt={"permission": VIEW_DOCUMENTS})
    async def index(
        self,
        request: Request,
        context: Context,
        kind: FromQuery[str | None] = None,
        page: FromQuery[int] = 1,
    ) -> Template:
        listing = await services.list_documents(context, page, kind or None)
        return render(
            request,
            "docs_pages/_document_rows.html" if is_htmx(request) else "docs_pages/documents.html",
            ectx=context,
            listing=listing,
            kind=kind or "",
            kinds=registry.kind_choices(await services.document_kinds(context)),
            kind_label=registry.kind_label,
            pdf_available=pdf.is_available(),
        )

    @get("/{document_id:int}/docx", opt={"permission": VIEW_DOCUMENTS})
    async def docx(self, context: Context, document_id: Id) -> Response:
        document = await services.get_document(context, document_id)
        return _file(document.content, DOCX_TYPE, download_name(document, "docx"))

    @get("/{document_id:int}/pdf", opt={"permission": VIEW_DOCUMENTS})
    async def pdf(self, request: Request, context: Context, document_id: Id) -> Response:
        document = await services.get_document(context, document_id)
        try:
            content = await pdf.to_pdf(document.content)
        except pdf.PdfUnavailable as error:
            # Back to the list with the reason; the .docx stays one click away.
            flash(request, str(error), "error")
            return redirect(request, f"/enterprises/{context.enterprise_id}/documents")
        return _file(content, "application/pdf", download_name(document, "pdf"))


ROUTES = [DocumentController]
