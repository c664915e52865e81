"""The notice of a member list version (Danh sách thành viên đại diện đối thoại, Decree 145
Art. 38(3)), issued when the list is published and again after a replacement.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from labour_democracy.core.errors import Invalid
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.core.tables import Enterprise, Gender
from labour_democracy.db import write_transaction
from labour_democracy.dialogue import queries
from labour_democracy.dialogue.documents import wording
from labour_democracy.dialogue.tables import WORKER_SIDES, Member, MemberList, Side
from labour_democracy.documents import layout
from labour_democracy.documents import services as issuing
from labour_democracy.documents.engine import short_date
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today

MEMBER_LIST = "dialogue/member_list.docx"
MEMBER_LIST_KIND = "dialogue_member_list"


def member_list_context(
    enterprise: Enterprise,
    member_list: MemberList,
    members: list[Member],
    replaced: dict[int, Member],
    head: issuing.Letterhead,
    on: dt.date,
) -> dict[str, Any]:
    """The notice publishing a list version (Decree 145 Art. 38(3))."""
    groups = []
    for side in (Side.EMPLOYER, *WORKER_SIDES):
        rows = []
        for member in (m for m in members if m.side == side):
            notes = []
            if member.legal_representative:
                notes.append("Người đại diện theo pháp luật")
            if member.signs_for_side and side != Side.EMPLOYER:
                notes.append("Ký biên bản đối thoại")
            if member.id in replaced:
                notes.append(f"Thay {replaced[member.id].full_name}")
            rows.append(
                {
                    "number": len(rows) + 1,
                    "name": member.full_name,
                    "gender": wording.GENDERS.get(member.gender, ""),
                    "title": member.title or "",
                    "note": "; ".join(notes),
                }
            )
        if rows:
            label = (
                wording.SIDE_NAMES[side]
                if side == Side.EMPLOYER
                else f"Bên người lao động: {wording.side_name(enterprise, side)}"
            )
            groups.append(
                {"heading": f"{len(groups) + 1}. {label} ({len(rows)} người)", "members": rows}
            )
    workers = [m for m in members if m.side != Side.EMPLOYER]
    women = sum(1 for m in workers if m.gender == Gender.FEMALE)
    body = [
        f"Căn cứ Điều 38 {wording.DECREE};",
        # The union names its members of the worker side (Decree 145 Art. 37(4)).
        *([wording.UNION_LAW_BASIS] if any(m.side == Side.UNION for m in members) else []),
        f"Căn cứ Quy chế dân chủ ở cơ sở tại nơi làm việc của {enterprise.name};",
        f"{enterprise.name} thông báo danh sách thành viên đại diện đối thoại tại nơi làm việc "
        f"áp dụng từ ngày {short_date(member_list.valid_from)} như sau:",
    ]
    closing = [
        f"Bên người lao động có {len(workers)} thành viên, trong đó {women} nữ.",
        "Danh sách được xác định lại ít nhất 02 năm một lần; việc thay thế thành viên giữa hai "
        f"lần được công khai tại nơi làm việc (khoản 3 Điều 38 {wording.DECREE}).",
    ]
    return layout.standard_context(
        issuer=head.issuer,
        place=head.place,
        date=on,
        doc_type="THÔNG BÁO",
        summary="Danh sách thành viên đại diện đối thoại tại nơi làm việc",
        body=body,
        signer_title=head.signer_title,
        signer_name=head.signer_name,
        recipients=[wording.PUBLIC_RECIPIENTS, "Các thành viên có tên trên", "Lưu: VT, HCNS."],
        groups=groups,
        closing=closing,
    )


async def issue_member_list(
    context: EnterpriseContext, member_list_id: int, on: dt.date | None = None
) -> IssuedDocument:
    """Number and store the notice of a list version and link it to the version; the caller
    marks the version published."""
    async with write_transaction():
        member_list = await get_owned(context, MemberList, member_list_id)
        issued_on = on or today()
        members = await queries.active_members(member_list.id, issued_on)
        if not members:
            raise Invalid(_("The list has no members yet."))
        replaced = await _replacements(members)
        head = await issuing.letterhead(context)
        document = await issuing.issue(
            context,
            kind=MEMBER_LIST_KIND,
            type_code="TB",
            title="Danh sách thành viên đại diện đối thoại tại nơi làm việc",
            template=MEMBER_LIST,
            document_context=member_list_context(
                context.enterprise, member_list, members, replaced, head, issued_on
            ),
            on=issued_on,
        )
        await MemberList.update({MemberList.document: document.id}).where(
            MemberList.id == member_list.id
        )
    return document


async def _replacements(members: list[Member]) -> dict[int, Member]:
    """Each current member who replaced someone, with the member replaced."""
    ids = [m.id for m in members]
    if not ids:
        return {}
    old = await Member.objects().where(Member.replaced_by.is_in(ids))
    return {m.replaced_by: m for m in old}
