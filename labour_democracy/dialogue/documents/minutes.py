"""The minutes of a dialogue (Biên bản đối thoại tại nơi làm việc, Decree 145 Art. 39(4)): who
signs them, the attendance and quorum lines, the course of each item, and issuing them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from labour_democracy.core.errors import Invalid
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.db import write_transaction
from labour_democracy.dialogue import rules
from labour_democracy.dialogue.documents import wording
from labour_democracy.dialogue.documents.record import (
    DialogueRecord,
    actions,
    load_record,
    require_held,
)
from labour_democracy.dialogue.tables import AgendaItem, Dialogue, DialogueKind, Member, Side
from labour_democracy.documents import layout
from labour_democracy.documents import services as issuing
from labour_democracy.documents.engine import short_date
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import gettext as _

MINUTES = "dialogue/minutes.docx"
MINUTES_KIND = "dialogue_minutes"


@dataclass(frozen=True)
class Signatory:
    authority: str
    title: str
    name: str


def minutes_signatories(record: DialogueRecord) -> list[Signatory]:
    """Who signs the minutes (`rules.minutes_missing_signers`, Decree 145/2020 Art. 39(4)), or
    Invalid naming who is missing. A side signs through a member its list marks as signing for
    it and who attended; the employer through its legal representative if present, else the
    authorised person recorded."""
    legal = record.legal_representative
    authorised = (record.dialogue.authorised_person or "").strip()
    signers: list[Signatory] = []
    if legal is not None and legal.id in record.present:
        signers.append(
            Signatory("ĐẠI DIỆN NGƯỜI SỬ DỤNG LAO ĐỘNG", legal.title or "", legal.full_name)
        )
    elif authorised:
        signers.append(
            Signatory("ĐẠI DIỆN NGƯỜI SỬ DỤNG LAO ĐỘNG", "Người được ủy quyền", authorised)
        )
    side_signers = {
        side: next(
            (m for m in record.side(side) if m.signs_for_side and m.id in record.present), None
        )
        for side in record.worker_sides
    }
    missing = rules.minutes_missing_signers(
        bool(signers), {side: signer is not None for side, signer in side_signers.items()}
    )
    if missing:
        reasons: list[str] = []
        if missing.employer:
            reasons.append(
                _(
                    "the employer's legal representative is not recorded as present, and no "
                    "authorised person is recorded"
                )
            )
        if missing.no_worker_side:
            reasons.append(_("the member list has no worker-side members"))
        reasons += [
            _("no member present signs for {side}").format(side=_(wording.side_label(side)))
            for side in missing.sides
        ]
        raise Invalid(
            _(
                "The minutes cannot be issued without the signatories the law requires "
                "(Decree 145/2020/NĐ-CP, Art. 39(4)): {missing}."
            ).format(missing="; ".join(reasons))
        )
    for side, signer in side_signers.items():
        signers.append(
            Signatory(
                f"ĐẠI DIỆN {wording.side_name(record.enterprise, side).upper()}",
                signer.title or "",
                signer.full_name,
            )
        )
    return signers


def quorum_lines(record: DialogueRecord) -> list[str]:
    """Who of each side attended, with the figures; for a periodic dialogue the quorum verdict of
    Decree 145 Art. 39(4), otherwise a line saying the democracy regulation decides who takes
    part (Arts. 40(3), 41(1)(d))."""
    legal = record.legal_representative
    authorised = (record.dialogue.authorised_person or "").strip()
    if record.legal_representative_present:
        employer = (
            f"Bên người sử dụng lao động: người đại diện theo pháp luật, {legal.full_name}, có mặt."
        )
    elif authorised:
        employer = (
            "Bên người sử dụng lao động: người đại diện theo pháp luật vắng mặt; "
            f"{authorised}, người được ủy quyền, có mặt."
        )
    else:
        employer = "Bên người sử dụng lao động: không có người đại diện theo pháp luật hoặc "
        employer += "người được ủy quyền có mặt."
    present, total = record.workers_present, len(record.worker_members)
    workers = f"Bên người lao động: {present}/{total} thành viên có mặt"
    women = (record.dialogue.womens_representative or "").strip()
    # Decree 145 Art. 38(4): the women workers' representative, when a topic concerns women.
    women_lines = (
        [f"Đại diện lao động nữ tham gia (khoản 4 Điều 38 {wording.DECREE}): {women}."]
        if women
        else []
    )
    if not rules.quorum_applies(record.dialogue.kind):
        basis = (
            "khoản 3 Điều 40"
            if record.dialogue.kind == DialogueKind.REQUESTED
            else ("điểm d khoản 1 Điều 41")
        )
        return [
            employer,
            f"{workers}.",
            *women_lines,
            "Thành phần tham gia đối thoại theo quy chế dân chủ ở cơ sở tại nơi làm việc "
            f"({basis} {wording.DECREE}).",
        ]
    workers += f", đạt {wording.share(present, total)} (yêu cầu trên 70%)."
    reached = rules.quorum_met(
        record.legal_representative_present or bool(authorised), present, total
    )
    verdict = (
        f"Cuộc đối thoại {'đủ' if reached else 'không đủ'} điều kiện tiến hành theo khoản 4 "
        f"Điều 39 {wording.DECREE}."
    )
    return [employer, workers, *women_lines, verdict]


def _member_rows(record: DialogueRecord, members: Iterable[Member], with_side: bool) -> list[dict]:
    rows = []
    for number, member in enumerate(members, start=1):
        row = {
            "number": number,
            "name": member.full_name,
            "title": member.title or "",
            "presence": "Có mặt" if member.id in record.present else "Vắng mặt",
        }
        if with_side:
            row["side"] = wording.side_name(record.enterprise, Side(member.side))
        rows.append(row)
    return rows


def _outcome(item: AgendaItem) -> str:
    if item.agreed is True:
        agreed = (item.agreed_text or "").strip()
        return f"Kết quả: hai bên thống nhất{': ' + agreed if agreed else '.'}"
    if item.agreed is False:
        return "Kết quả: hai bên chưa thống nhất."
    return "Kết quả: chưa kết luận."


def _item_lines(item: AgendaItem) -> list[str]:
    lines = [line for line in (item.details or "").splitlines() if line.strip()]
    lines.append(f"Ý kiến của bên người sử dụng lao động: {item.employer_position or '—'}")
    lines.append(f"Ý kiến của bên người lao động: {item.worker_position or '—'}")
    lines.append(_outcome(item))
    return lines


def minutes_context(record: DialogueRecord, head: issuing.Letterhead) -> dict[str, Any]:
    dialogue = record.dialogue
    signers = minutes_signatories(record)
    day = wording.held_on(dialogue)
    start = wording.local(dialogue.started_at) or wording.local(dialogue.scheduled_at)
    intro = [wording.legal_basis(dialogue)]
    if Side.UNION in record.worker_sides:  # the union's members sit and sign for the workers
        intro.append(wording.UNION_LAW_BASIS)
    intro.append(
        f"Hôm nay, vào lúc {wording.time(start)} ngày {short_date(day)}, "
        f"tại {dialogue.place or '—'}, "
        f"{record.enterprise.name} tổ chức {wording.kind_phrase(dialogue)}: "
        f"{wording.title(dialogue)}."
    )
    if dialogue.chair or dialogue.secretary:
        intro.append(
            f"Chủ trì: {dialogue.chair or '—'}. Thư ký: {dialogue.secretary or '—'}.".strip()
        )
    end = wording.local(dialogue.ended_at)
    closing = []
    if end and end.date() == day:
        closing.append(f"Cuộc đối thoại kết thúc vào lúc {wording.time(end)} cùng ngày.")
    elif end:
        closing.append(
            f"Cuộc đối thoại kết thúc vào lúc {wording.time(end)} ngày {short_date(end.date())}."
        )
    closing.append(
        "Biên bản đã được đọc lại cho các thành viên tham dự cùng nghe, thống nhất và ký tên "
        "dưới đây. Nội dung chính của cuộc đối thoại được công khai tại nơi làm việc trong thời "
        f"hạn 03 ngày làm việc (khoản 5 Điều 39 {wording.DECREE})."
    )
    closing.append(
        "Biên bản được lập thành 02 bản có giá trị như nhau: 01 bản lưu tại người sử dụng lao "
        "động, 01 bản gửi đại diện bên người lao động."
    )
    if dialogue.secretary:  # who wrote the minutes signs them too
        signers = [*signers, Signatory("THƯ KÝ", "", dialogue.secretary)]
    pairs = [signers[i : i + 2] for i in range(0, len(signers), 2)]
    blank = {"authority": "", "title": "", "name": ""}
    return layout.standard_context(
        issuer=head.issuer,
        place=head.place,
        date=day,
        doc_type="BIÊN BẢN",
        summary=wording.summary(dialogue),
        signer_title="",
        signer_name="",
        recipients=[],
        intro=intro,
        employer_members=_member_rows(record, record.side(Side.EMPLOYER), with_side=False),
        worker_members=_member_rows(record, record.worker_members, with_side=True),
        quorum=quorum_lines(record),
        items=[
            {"heading": f"{n}. {item.title}", "lines": _item_lines(item)}
            for n, item in enumerate(record.items, start=1)
        ],
        actions=actions(record.items),
        closing=closing,
        signature_rows=[[s.__dict__ for s in pair] + [blank] * (2 - len(pair)) for pair in pairs],
    )


async def issue_minutes(context: EnterpriseContext, dialogue_id: int) -> IssuedDocument:
    """Number and store the minutes, and link them to the dialogue. Refuses (Invalid) a
    dialogue not yet recorded or without the signatories Decree 145 Art. 39(4) requires."""
    async with write_transaction():
        dialogue = await get_owned(context, Dialogue, dialogue_id)
        require_held(dialogue)
        record = await load_record(context.enterprise, dialogue)
        head = await issuing.letterhead(context)
        document = await issuing.issue(
            context,
            kind=MINUTES_KIND,
            type_code="BB",
            title=f"Biên bản {wording.kind_phrase(dialogue)}: {wording.title(dialogue)}",
            template=MINUTES,
            document_context=minutes_context(record, head),
            on=wording.held_on(dialogue),
        )
        await Dialogue.update({Dialogue.minutes_document: document.id}).where(
            Dialogue.id == dialogue.id
        )
    return document
