"""The notice of a dialogue's main contents (Thông báo nội dung chính, Decree 145 Art. 39(5)):
its lines, also shown on the workers' public page, and issuing it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.db import write_transaction
from labour_democracy.dialogue.documents import wording
from labour_democracy.dialogue.documents.record import (
    DialogueRecord,
    actions,
    load_record,
    require_held,
)
from labour_democracy.dialogue.tables import Dialogue, Side
from labour_democracy.documents import layout
from labour_democracy.documents import services as issuing
from labour_democracy.documents.engine import short_date
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import today

PUBLICATION = "dialogue/publication_notice.docx"
PUBLICATION_KIND = "dialogue_publication"


def publication_lines(record: DialogueRecord) -> list[str]:
    """The main contents of a dialogue (Decree 145 Art. 39(5)): the body of the notice, and the
    text the enterprise's public page shows."""
    dialogue = record.dialogue
    employer_present = sum(1 for m in record.side(Side.EMPLOYER) if m.id in record.present)
    if dialogue.authorised_person and not record.legal_representative_present:
        employer_present += 1
    lines = [
        f"Ngày {short_date(wording.held_on(dialogue))}, tại {dialogue.place or '—'}, "
        f"{record.enterprise.name} đã tổ chức {wording.kind_phrase(dialogue)} "
        f"({wording.title(dialogue)}) với "
        f"sự tham gia của {employer_present} thành viên bên người sử dụng lao động và "
        f"{record.workers_present}/{len(record.worker_members)} thành viên bên người lao động."
    ]
    lines += [line for line in (dialogue.summary or "").splitlines() if line.strip()]
    agreed = [i for i in record.items if i.agreed is True]
    open_items = [i for i in record.items if i.agreed is not True]
    lines.append("1. Các nội dung hai bên đã thống nhất:")
    lines += [
        f"- {i.title}" + (f": {i.agreed_text.strip()}" if (i.agreed_text or "").strip() else "")
        for i in agreed
    ] or ["Không có."]
    lines.append("2. Các nội dung hai bên chưa thống nhất, tiếp tục trao đổi:")
    lines += [f"- {i.title}" for i in open_items] or ["Không có."]
    lines.append("3. Các việc cần thực hiện:")
    todo = actions(record.items)
    lines += [
        f"- {a['text'].rstrip('.;, ')}"
        + (f"; người thực hiện: {a['owner']}" if a["owner"] else "")
        + (f"; thời hạn: {a['due']}" if a["due"] else "")
        + "."
        for a in todo
    ] or ["Không có."]
    if record.minutes_reference:
        lines.append(f"Chi tiết tại Biên bản đối thoại số {record.minutes_reference}.")
    return lines


def publication_context(
    record: DialogueRecord, head: issuing.Letterhead, on: dt.date
) -> dict[str, Any]:
    body = [
        f"Căn cứ khoản 5 Điều 39 {wording.DECREE}, {record.enterprise.name} thông báo tới "
        "người lao động nội dung chính của cuộc đối thoại tại nơi làm việc như sau:",
        *publication_lines(record),
        "Các tổ chức đại diện người lao động và nhóm đại diện đối thoại của người lao động "
        "thông tin tới người lao động là thành viên của mình.",
    ]
    recipients = [wording.PUBLIC_RECIPIENTS]
    recipients += [wording.side_name(record.enterprise, side) for side in record.worker_sides]
    return layout.standard_context(
        issuer=head.issuer,
        place=head.place,
        date=on,
        doc_type="THÔNG BÁO",
        summary=f"Nội dung chính của cuộc {wording.summary(record.dialogue)[0].lower()}"
        + wording.summary(record.dialogue)[1:],
        body=body,
        signer_authority="",
        signer_title=head.signer_title,
        signer_name=head.signer_name,
        recipients=[*recipients, "Lưu: VT, HCNS."],
    )


async def issue_publication_notice(
    context: EnterpriseContext, dialogue_id: int, on: dt.date | None = None
) -> IssuedDocument:
    """Number and store the notice of the main contents, dated `on` (today), and link it to
    the dialogue. The caller records the publication date (Decree 145 Art. 39(5))."""
    async with write_transaction():
        dialogue = await get_owned(context, Dialogue, dialogue_id)
        require_held(dialogue)
        record = await load_record(context.enterprise, dialogue)
        head = await issuing.letterhead(context)
        issued_on = on or today()
        document = await issuing.issue(
            context,
            kind=PUBLICATION_KIND,
            type_code="TB",
            title=f"Thông báo nội dung chính: {wording.title(dialogue)}",
            template=PUBLICATION,
            document_context=publication_context(record, head, issued_on),
            on=issued_on,
        )
        await Dialogue.update({Dialogue.publication_document: document.id}).where(
            Dialogue.id == dialogue.id
        )
    return document
