"""The written reply to a dialogue request (a công văn agreeing time and place, Decree 145
Art. 40(2)), from the side that received the request, and issuing it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from labour_democracy.core.errors import Forbidden, Invalid
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.core.tables import Enterprise
from labour_democracy.db import write_transaction
from labour_democracy.dialogue import permissions, queries
from labour_democracy.dialogue.documents import wording
from labour_democracy.dialogue.tables import (
    WORKER_SIDES,
    DialogueRequest,
    Member,
    RequestSide,
    Side,
)
from labour_democracy.documents import layout, rules
from labour_democracy.documents import services as issuing
from labour_democracy.documents.engine import short_date
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today
from labour_democracy.unions import documents as union_documents
from labour_democracy.unions import founding

REQUEST_REPLY = "dialogue/request_reply.docx"
REQUEST_REPLY_KIND = "dialogue_request_reply"
# A reply to an employer's request comes from the worker side, numbered in its own sequence.
WORKER_SIDE_ISSUER = "CĐCS"


def _signer_for(members: list[Member], side: Side) -> Member | None:
    return next((m for m in members if m.side == side and m.signs_for_side), None)


def request_reply_context(
    enterprise: Enterprise,
    request: DialogueRequest,
    head: issuing.Letterhead,
    members: list[Member],
    on: dt.date,
    upper_union: str | None = None,
) -> dict[str, Any]:
    """The letter agreeing time and place (Decree 145 Art. 40(2)), from the side that received
    the request: the employer answers the workers, the worker side answers the employer. The
    union's letter carries `upper_union` above its name and signs "TM. BAN CHẤP HÀNH" (issue 11,
    point 7)."""
    if request.replied_on is None:
        raise Invalid(_("Record the reply (the time and place agreed) first."))
    missing = {}
    if request.reply_at is None:
        missing["reply_at"] = _("Enter the time agreed for the dialogue.")
    if not (request.reply_place or "").strip():
        missing["reply_place"] = _("Enter the place agreed for the dialogue.")
    if missing:
        raise Invalid(missing)
    by_workers = request.side == RequestSide.WORKERS
    if by_workers:
        issuer, receiver = head.issuer, enterprise.name
        addressee = request.requested_by or "Các thành viên đại diện đối thoại bên người lao động"
        title, name = head.signer_title, head.signer_name
        authority, superior, basis = "", None, f"Điều 40 {wording.DECREE}"
    else:
        worker_side = next(
            (s for s in WORKER_SIDES if any(m.side == s for m in members)), Side.UNION
        )
        receiver = wording.side_name(enterprise, worker_side)
        issuer = receiver
        addressee = request.requested_by or f"Ban Giám đốc {enterprise.name}"
        signer = _signer_for(members, worker_side)
        union = worker_side == Side.UNION
        authority = "TM. BAN CHẤP HÀNH" if union else f"TM. {receiver}"
        superior = upper_union if union else None
        basis = f"Điều 40 {wording.DECREE}"
        if union:  # the union answers for the workers (law.md §9)
            basis = f"{rules.TRADE_UNION_LAW} và {basis}"
        title, name = (signer.title or "", signer.full_name) if signer else ("", "")
    moment = wording.local(request.reply_at)
    body = [
        f"Ngày {short_date(request.submitted_on)}, {receiver} nhận được đề nghị đối thoại tại nơi "
        f"làm việc của {request.requested_by or 'bên yêu cầu'} với nội dung: "
        f"{' '.join(request.reason.split())}",
        f"Căn cứ {basis}, {receiver} đồng ý tổ chức đối thoại như sau:",
        f"- Thời gian: {wording.time(moment)}, ngày {short_date(moment)}.",
        f"- Địa điểm: {request.reply_place.strip()}.",
        "- Thành phần: các thành viên đại diện đối thoại của hai bên theo danh sách đã công khai.",
        *[line for line in (request.reply_text or "").splitlines() if line.strip()],
        "Trân trọng./.",
    ]
    return layout.standard_context(
        superior_body=superior,
        issuer=issuer,
        place=head.place,
        date=on,
        doc_type="",
        summary="Trả lời đề nghị đối thoại tại nơi làm việc",
        body=body,
        signer_authority=authority,
        signer_title=title,
        signer_name=name,
        recipients=["Như trên", "Lưu: VT."],
        addressee=addressee,
    )


async def issue_request_reply(
    context: EnterpriseContext, request_id: int, on: dt.date | None = None
) -> IssuedDocument:
    """Number and store the written reply to a dialogue request and link it to the request.
    A reply to the employer is numbered in the worker side's own sequence ("01/CĐCS").
    Forbidden unless the actor speaks for the side that received the request."""
    async with write_transaction():
        request = await get_owned(context, DialogueRequest, request_id)
        if not permissions.reply_side_allowed(context, RequestSide(request.side)):
            raise Forbidden
        members = await queries.active_members(request.member_list, request.replied_on)
        head = await issuing.letterhead(context)
        issued_on = on or request.replied_on or today()
        document_context = request_reply_context(
            context.enterprise, request, head, members, issued_on, await _upper_union(context)
        )
        document = await issuing.issue(
            context,
            kind=REQUEST_REPLY_KIND,
            type_code="",
            title="Trả lời đề nghị đối thoại tại nơi làm việc",
            template=REQUEST_REPLY,
            document_context=document_context,
            issuer=None if request.side == RequestSide.WORKERS else WORKER_SIDE_ISSUER,
            on=issued_on,
        )
        await DialogueRequest.update({DialogueRequest.reply_document: document.id}).where(
            DialogueRequest.id == request.id
        )
    return document


async def _upper_union(context: EnterpriseContext) -> str:
    """The upper-level union printed above the grassroots union's name."""
    body = await union_documents.union_issuer(context)
    if body is not None and body.superior:
        return body.superior
    return await founding.default_upper_union(context.enterprise)
