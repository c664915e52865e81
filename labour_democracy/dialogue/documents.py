"""The dialogue's documents, in Vietnamese whatever the page's language: the minutes (Biên bản
đối thoại tại nơi làm việc), the notice of its main contents (Thông báo nội dung chính), the
written reply to a request (a công văn) and the notice of a member list (Danh sách thành viên
đại diện đối thoại). Decree 145/2020/NĐ-CP Arts. 38-41; Decree 30/2020 layout.

Each `issue_*` numbers and stores one document and links it to its record, inside the
caller's write transaction when there is one; the caller has checked its own permission.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Emu, Mm

from labour_democracy.core.errors import Forbidden, Invalid
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.core.tables import Enterprise, Gender, Representation
from labour_democracy.db import write_transaction
from labour_democracy.dialogue import rules, services
from labour_democracy.dialogue.tables import (
    WORKER_SIDES,
    AgendaItem,
    Attendance,
    Dialogue,
    DialogueKind,
    DialogueRequest,
    EventMatter,
    Member,
    MemberList,
    RequestSide,
    Side,
)
from labour_democracy.documents import layout
from labour_democracy.documents import services as documents
from labour_democracy.documents.engine import short_date
from labour_democracy.documents.registry import DocumentTemplate
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import LOCAL_TIMEZONE, N_, format_percentage, language, today
from labour_democracy.i18n import gettext as _
from labour_democracy.manifest import DocumentKind

MINUTES = "dialogue/minutes.docx"
PUBLICATION = "dialogue/publication_notice.docx"
REQUEST_REPLY = "dialogue/request_reply.docx"
MEMBER_LIST = "dialogue/member_list.docx"
MINUTES_KIND = "dialogue_minutes"
PUBLICATION_KIND = "dialogue_publication"
REQUEST_REPLY_KIND = "dialogue_request_reply"
MEMBER_LIST_KIND = "dialogue_member_list"
# A reply to an employer's request comes from the worker side, numbered in its own sequence.
WORKER_SIDE_ISSUER = "CĐCS"

DECREE = "Nghị định số 145/2020/NĐ-CP"
SIDE_NAMES = {
    Side.EMPLOYER: "Bên người sử dụng lao động",
    Side.UNION: "Công đoàn cơ sở",
    Side.WORKERS_ORGANISATION: "Tổ chức của người lao động tại doanh nghiệp",
    Side.DIALOGUE_GROUP: "Nhóm đại diện đối thoại của người lao động",
}
# Labour Code 2019 Art. 63(2)(c) and Decree 145 Art. 41: the matters and their articles.
MATTERS = {
    EventMatter.PERFORMANCE_RULES: (
        "quy chế đánh giá mức độ hoàn thành công việc",
        "điểm a khoản 1 Điều 36",
    ),
    EventMatter.REDUNDANCY: (
        "cho thôi việc do thay đổi cơ cấu, công nghệ hoặc vì lý do kinh tế",
        "Điều 42",
    ),
    EventMatter.LABOUR_USAGE_PLAN: ("phương án sử dụng lao động", "Điều 44"),
    EventMatter.WAGE_SCALE: ("thang lương, bảng lương, định mức lao động", "Điều 93"),
    EventMatter.BONUS_RULES: ("quy chế thưởng", "Điều 104"),
    EventMatter.INTERNAL_RULES: ("nội quy lao động", "Điều 118"),
    EventMatter.SUSPENSION: ("tạm đình chỉ công việc", "Điều 128"),
}
_GENDERS = {Gender.MALE: "Nam", Gender.FEMALE: "Nữ", Gender.OTHER: "Khác"}
_PUBLIC_RECIPIENTS = "Toàn thể người lao động (niêm yết tại nơi làm việc)"


# Templates --------------------------------------------------------------------------------------


def _heading_paragraph(document: Document, text: str) -> None:
    layout.paragraph(document, text, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, space_before=6)


def _lines(document: Document, name: str) -> None:
    layout.tag(document, f"for text in {name}")
    layout.body_paragraph(document, "{{ text }}")
    layout.tag(document, "endfor")


def _signature_rows(document: Document) -> None:
    """The signers two by two, each with authority, title, room to sign and name."""
    half = Emu(layout.TEXT_WIDTH // 2)
    table = layout.borderless_table(document, (half, half))
    loop_start = table.rows[0]
    cells = table.add_row()
    loop_end = table.add_row()
    layout.paragraph(loop_start.cells[0], "{%tr for pair in signature_rows %}", size=2)
    layout.paragraph(loop_end.cells[0], "{%tr endfor %}", size=2)
    for index, cell in enumerate(cells.cells):
        signer = f"pair[{index}]"
        layout.paragraph(cell, "{{ " + signer + ".authority }}", bold=True, space_before=12)
        layout.paragraph(cell, "{{ " + signer + ".title }}", italic=True)
        for _line in range(4):  # room for the signature
            layout.paragraph(cell)
        layout.paragraph(cell, "{{ " + signer + ".name }}", bold=True)


def build_minutes() -> Document:
    """Decree 30/2020 minutes: heading, title, the course of the dialogue, a signature for the
    employer and for each worker representative organisation or group (Decree 145 Art. 39(4))."""
    document = layout.new_document()
    layout.add_heading(document)
    layout.add_title(document)
    _lines(document, "intro")
    _heading_paragraph(document, "I. THÀNH PHẦN THAM DỰ")
    _heading_paragraph(document, "1. Bên người sử dụng lao động")
    layout.add_list_table(
        document,
        [
            ("STT", "{{ item.number }}", Mm(13)),
            ("Họ và tên", "{{ item.name }}", Mm(60)),
            ("Chức vụ", "{{ item.title }}", Mm(62)),
            ("Tham dự", "{{ item.presence }}", Mm(30)),
        ],
        "employer_members",
        size=12,
    )
    _heading_paragraph(document, "2. Bên người lao động")
    layout.add_list_table(
        document,
        [
            ("STT", "{{ item.number }}", Mm(13)),
            ("Họ và tên", "{{ item.name }}", Mm(50)),
            ("Đại diện cho", "{{ item.side }}", Mm(45)),
            ("Chức vụ", "{{ item.title }}", Mm(32)),
            ("Tham dự", "{{ item.presence }}", Mm(25)),
        ],
        "worker_members",
        size=12,
    )
    _lines(document, "quorum")
    _heading_paragraph(document, "II. NỘI DUNG ĐỐI THOẠI")
    layout.tag(document, "for item in items")
    layout.body_paragraph(document, "{{ item.heading }}", bold=True)
    layout.tag(document, "for text in item.lines")
    layout.body_paragraph(document, "{{ text }}")
    layout.tag(document, "endfor")
    layout.tag(document, "endfor")
    _heading_paragraph(document, "III. CÁC VIỆC CẦN THỰC HIỆN")
    layout.tag(document, "if actions")
    layout.add_list_table(
        document,
        [
            ("STT", "{{ item.number }}", Mm(13)),
            ("Nội dung", "{{ item.text }}", Mm(82)),
            ("Người thực hiện", "{{ item.owner }}", Mm(42)),
            ("Thời hạn", "{{ item.due }}", Mm(28)),
        ],
        "actions",
        size=12,
    )
    layout.tag(document, "else")
    layout.body_paragraph(document, "Không có.")
    layout.tag(document, "endif")
    _lines(document, "closing")
    _signature_rows(document)
    return document


def build_publication_notice() -> Document:
    return layout.standard_template()


def build_request_reply() -> Document:
    def body(document: Document) -> None:
        layout.paragraph(document, "Kính gửi: {{ addressee }}", space_after=12)
        layout.add_body(document)

    return layout.standard_template(body, letter=True)


def build_member_list() -> Document:
    def body(document: Document) -> None:
        layout.add_body(document)
        layout.tag(document, "for group in groups")
        _heading_paragraph(document, "{{ group.heading }}")
        layout.add_list_table(
            document,
            [
                ("STT", "{{ item.number }}", Mm(13)),
                ("Họ và tên", "{{ item.name }}", Mm(52)),
                ("Giới tính", "{{ item.gender }}", Mm(20)),
                ("Chức vụ", "{{ item.title }}", Mm(40)),
                ("Ghi chú", "{{ item.note }}", Mm(40)),
            ],
            "group.members",
            size=12,
        )
        layout.tag(document, "endfor")
        _lines(document, "closing")

    return layout.standard_template(body)


# What a dialogue's documents are made of ---------------------------------------------------------


@dataclass(frozen=True)
class Signatory:
    authority: str
    title: str
    name: str


@dataclass
class DialogueRecord:
    """A dialogue with its members, who was present, and its agenda: what the minutes and the
    publication notice print."""

    enterprise: Enterprise
    dialogue: Dialogue
    members: list[Member]  # the members of its list version who were not replaced before it
    present: set[int]  # member ids
    items: list[AgendaItem]
    minutes_reference: str = ""
    worker_sides: list[Side] = field(init=False)

    def __post_init__(self) -> None:
        self.worker_sides = [s for s in WORKER_SIDES if any(m.side == s for m in self.members)]

    def side(self, side: Side) -> list[Member]:
        return [m for m in self.members if m.side == side]

    @property
    def worker_members(self) -> list[Member]:
        return [m for m in self.members if m.side != Side.EMPLOYER]

    @property
    def workers_present(self) -> int:
        return sum(1 for m in self.worker_members if m.id in self.present)

    @property
    def legal_representative(self) -> Member | None:
        return next((m for m in self.side(Side.EMPLOYER) if m.legal_representative), None)

    @property
    def legal_representative_present(self) -> bool:
        member = self.legal_representative
        return member is not None and member.id in self.present


def side_name(record_enterprise: Enterprise, side: Side) -> str:
    """The organisation's own name where the enterprise records it ("Công đoàn cơ sở Công ty
    TNHH May Sông Hồng"), else the law's word for that kind of organisation or group."""
    named = {
        Side.UNION: Representation.GRASSROOTS_UNION,
        Side.WORKERS_ORGANISATION: Representation.WORKERS_ORGANISATION,
    }
    body = (record_enterprise.representative_body or "").strip()
    if body and named.get(side) == record_enterprise.representation:
        return body
    return SIDE_NAMES[side]


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
            _("no member present signs for {side}").format(side=_(side_label(side)))
            for side in missing.sides
        ]
        raise Invalid(
            _(
                "The minutes cannot be issued without the signatories the law requires "
                "(Decree 145/2020, Art. 39(4)): {missing}."
            ).format(missing="; ".join(reasons))
        )
    for side, signer in side_signers.items():
        signers.append(
            Signatory(
                f"ĐẠI DIỆN {side_name(record.enterprise, side).upper()}",
                signer.title or "",
                signer.full_name,
            )
        )
    return signers


def side_label(side: Side) -> str:
    """The English msgid naming a side, translated where shown."""
    return {
        Side.EMPLOYER: N_("the employer side"),
        Side.UNION: N_("the grassroots union"),
        Side.WORKERS_ORGANISATION: N_("the workers' organisation"),
        Side.DIALOGUE_GROUP: N_("the workers' dialogue group"),
    }[side]


def kind_phrase(dialogue: Dialogue) -> str:
    """ "đối thoại định kỳ tại nơi làm việc", ... in the words of Labour Code Art. 63(2)."""
    if dialogue.kind == DialogueKind.PERIODIC:
        return "đối thoại định kỳ tại nơi làm việc"
    if dialogue.kind == DialogueKind.REQUESTED:
        return "đối thoại tại nơi làm việc theo yêu cầu"
    matter = MATTERS.get(dialogue.matter)
    return f"đối thoại tại nơi làm việc về {matter[0]}" if matter else "đối thoại tại nơi làm việc"


def _legal_basis(dialogue: Dialogue) -> str:
    if dialogue.kind == DialogueKind.PERIODIC:
        return f"Căn cứ Điều 63, Điều 64 Bộ luật Lao động năm 2019 và Điều 39 {DECREE};"
    if dialogue.kind == DialogueKind.REQUESTED:
        return f"Căn cứ Điều 63 Bộ luật Lao động năm 2019 và Điều 40 {DECREE};"
    matter = MATTERS.get(dialogue.matter)
    article = f"{matter[1]}, " if matter else ""
    return f"Căn cứ {article}Điều 63 Bộ luật Lao động năm 2019 và Điều 41 {DECREE};"


def _local(moment: dt.datetime | None) -> dt.datetime | None:
    return moment.astimezone(LOCAL_TIMEZONE) if moment else None


def _time(moment: dt.datetime) -> str:
    return f"{moment:%H} giờ {moment:%M}"


def held_on(dialogue: Dialogue) -> dt.date:
    start = _local(dialogue.started_at) or _local(dialogue.scheduled_at)
    return dialogue.held_on or start.date()


def _summary(dialogue: Dialogue) -> str:
    phrase = kind_phrase(dialogue)
    phrase = phrase[0].upper() + phrase[1:]
    if dialogue.kind == DialogueKind.PERIODIC:
        return f"{phrase} năm {held_on(dialogue).year}"
    return f"{phrase} ngày {short_date(held_on(dialogue))}"


def _share(present: int, total: int) -> str:
    with language("vi"):
        return format_percentage(present / total, 2) if total else "—"


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
        [f"Đại diện lao động nữ tham gia (khoản 4 Điều 38 {DECREE}): {women}."] if women else []
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
            f"({basis} {DECREE}).",
        ]
    workers += f", đạt {_share(present, total)} (yêu cầu trên 70%)."
    reached = rules.quorum_met(
        record.legal_representative_present or bool(authorised), present, total
    )
    verdict = (
        f"Cuộc đối thoại {'đủ' if reached else 'không đủ'} điều kiện tiến hành theo khoản 4 "
        f"Điều 39 {DECREE}."
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
            row["side"] = side_name(record.enterprise, Side(member.side))
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


def actions(items: Iterable[AgendaItem]) -> list[dict]:
    """The agreed points to carry out, with their owner and due date (issue 5 §9)."""
    rows = []
    for item in items:
        if item.agreed is not True:
            continue
        rows.append(
            {
                "number": len(rows) + 1,
                "text": (item.agreed_text or "").strip() or item.title,
                "owner": item.owner or "",
                "due": short_date(item.due_on) if item.due_on else "",
            }
        )
    return rows


def minutes_context(record: DialogueRecord, head: documents.Letterhead) -> dict[str, Any]:
    dialogue = record.dialogue
    signers = minutes_signatories(record)
    day = held_on(dialogue)
    start = _local(dialogue.started_at) or _local(dialogue.scheduled_at)
    intro = [_legal_basis(dialogue)]
    intro.append(
        f"Hôm nay, vào lúc {_time(start)} ngày {short_date(day)}, tại {dialogue.place or '—'}, "
        f"{record.enterprise.name} tổ chức {kind_phrase(dialogue)}: {dialogue.title}."
    )
    if dialogue.chair or dialogue.secretary:
        intro.append(
            f"Chủ trì: {dialogue.chair or '—'}. Thư ký: {dialogue.secretary or '—'}.".strip()
        )
    end = _local(dialogue.ended_at)
    closing = []
    if end:
        closing.append(f"Cuộc đối thoại kết thúc vào lúc {_time(end)} cùng ngày.")
    closing.append(
        "Biên bản đã được đọc lại cho các thành viên tham dự cùng nghe, thống nhất và ký tên "
        "dưới đây. Nội dung chính của cuộc đối thoại được công khai tại nơi làm việc trong thời "
        f"hạn 03 ngày làm việc (khoản 5 Điều 39 {DECREE})."
    )
    pairs = [signers[i : i + 2] for i in range(0, len(signers), 2)]
    blank = {"authority": "", "title": "", "name": ""}
    return layout.standard_context(
        issuer=head.issuer,
        place=head.place,
        date=day,
        doc_type="BIÊN BẢN",
        summary=_summary(dialogue),
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


def publication_lines(record: DialogueRecord) -> list[str]:
    """The main contents of a dialogue (Decree 145 Art. 39(5)): the body of the notice, and the
    text the enterprise's public page shows."""
    dialogue = record.dialogue
    employer_present = sum(1 for m in record.side(Side.EMPLOYER) if m.id in record.present)
    if dialogue.authorised_person and not record.legal_representative_present:
        employer_present += 1
    lines = [
        f"Ngày {short_date(held_on(dialogue))}, tại {dialogue.place or '—'}, "
        f"{record.enterprise.name} đã tổ chức {kind_phrase(dialogue)} ({dialogue.title}) với "
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
    record: DialogueRecord, head: documents.Letterhead, on: dt.date
) -> dict[str, Any]:
    body = [
        f"Căn cứ khoản 5 Điều 39 {DECREE}, {record.enterprise.name} thông báo tới người lao "
        "động nội dung chính của cuộc đối thoại tại nơi làm việc như sau:",
        *publication_lines(record),
        "Các tổ chức đại diện người lao động và nhóm đại diện đối thoại của người lao động "
        "thông tin tới người lao động là thành viên của mình.",
    ]
    recipients = [_PUBLIC_RECIPIENTS]
    recipients += [side_name(record.enterprise, side) for side in record.worker_sides]
    return layout.standard_context(
        issuer=head.issuer,
        place=head.place,
        date=on,
        doc_type="THÔNG BÁO",
        summary=f"Nội dung chính của cuộc {_summary(record.dialogue)[0].lower()}"
        + _summary(record.dialogue)[1:],
        body=body,
        signer_authority="",
        signer_title=head.signer_title,
        signer_name=head.signer_name,
        recipients=[*recipients, "Lưu: VT, HCNS."],
    )


# Loading -----------------------------------------------------------------------------------------


async def load_record(enterprise: Enterprise, dialogue: Dialogue) -> DialogueRecord:
    """Everything the minutes and the publication print about `dialogue` (already scoped)."""
    start = _local(dialogue.started_at) or _local(dialogue.scheduled_at)
    day = dialogue.held_on or (start.date() if start else None)
    members = await services.active_members(dialogue.member_list, day)
    present = {
        row["member"]
        for row in await Attendance.select(Attendance.member).where(
            (Attendance.dialogue == dialogue.id) & Attendance.present.eq(True)
        )
    }
    items = (
        await AgendaItem.objects()
        .where(AgendaItem.dialogue == dialogue.id)
        .order_by(AgendaItem.position)
        .order_by(AgendaItem.id)
    )
    reference = ""
    if dialogue.minutes_document:
        row = (
            await IssuedDocument.select(IssuedDocument.reference)
            .where(IssuedDocument.id == dialogue.minutes_document)
            .first()
        )
        reference = row["reference"] if row else ""
    return DialogueRecord(enterprise, dialogue, members, present, list(items), reference)


def _require_held(dialogue: Dialogue) -> None:
    if dialogue.held_on is None:
        raise Invalid(_("Record the dialogue (the day it was held and who attended) first."))


# Issuing -----------------------------------------------------------------------------------------


async def issue_minutes(context: EnterpriseContext, dialogue_id: int) -> IssuedDocument:
    """Number and store the minutes, and link them to the dialogue. Refuses (Invalid) a
    dialogue not yet recorded or without the signatories Decree 145 Art. 39(4) requires."""
    async with write_transaction():
        dialogue = await get_owned(context, Dialogue, dialogue_id)
        _require_held(dialogue)
        record = await load_record(context.enterprise, dialogue)
        head = await documents.letterhead(context)
        document = await documents.issue(
            context,
            kind=MINUTES_KIND,
            type_code="BB",
            title=f"Biên bản {kind_phrase(dialogue)}: {dialogue.title}",
            template=MINUTES,
            document_context=minutes_context(record, head),
            on=held_on(dialogue),
        )
        await Dialogue.update({Dialogue.minutes_document: document.id}).where(
            Dialogue.id == dialogue.id
        )
    return document


async def issue_publication_notice(
    context: EnterpriseContext, dialogue_id: int, on: dt.date | None = None
) -> IssuedDocument:
    """Number and store the notice of the main contents, dated `on` (today), and link it to
    the dialogue. The caller records the publication date (Decree 145 Art. 39(5))."""
    async with write_transaction():
        dialogue = await get_owned(context, Dialogue, dialogue_id)
        _require_held(dialogue)
        record = await load_record(context.enterprise, dialogue)
        head = await documents.letterhead(context)
        issued_on = on or today()
        document = await documents.issue(
            context,
            kind=PUBLICATION_KIND,
            type_code="TB",
            title=f"Thông báo nội dung chính: {dialogue.title}",
            template=PUBLICATION,
            document_context=publication_context(record, head, issued_on),
            on=issued_on,
        )
        await Dialogue.update({Dialogue.publication_document: document.id}).where(
            Dialogue.id == dialogue.id
        )
    return document


def _signer_for(members: list[Member], side: Side) -> Member | None:
    return next((m for m in members if m.side == side and m.signs_for_side), None)


def request_reply_context(
    enterprise: Enterprise,
    request: DialogueRequest,
    head: documents.Letterhead,
    members: list[Member],
    on: dt.date,
) -> dict[str, Any]:
    """The letter agreeing time and place (Decree 145 Art. 40(2)), from the side that received
    the request: the employer answers the workers, the worker side answers the employer."""
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
        authority = ""
    else:
        worker_side = next(
            (s for s in WORKER_SIDES if any(m.side == s for m in members)), Side.UNION
        )
        receiver = side_name(enterprise, worker_side)
        issuer = receiver
        addressee = request.requested_by or f"Ban Giám đốc {enterprise.name}"
        signer = _signer_for(members, worker_side)
        authority = f"TM. {receiver}"
        title, name = (signer.title or "", signer.full_name) if signer else ("", "")
    moment = _local(request.reply_at)
    body = [
        f"Ngày {short_date(request.submitted_on)}, {receiver} nhận được đề nghị đối thoại tại nơi "
        f"làm việc của {request.requested_by or 'bên yêu cầu'} với nội dung: "
        f"{' '.join(request.reason.split())}",
        f"Căn cứ Điều 40 {DECREE}, {receiver} đồng ý tổ chức đối thoại như sau:",
        f"- Thời gian: {_time(moment)}, ngày {short_date(moment)}.",
        f"- Địa điểm: {request.reply_place.strip()}.",
        "- Thành phần: các thành viên đại diện đối thoại của hai bên theo danh sách đã công khai.",
        *[line for line in (request.reply_text or "").splitlines() if line.strip()],
        "Trân trọng./.",
    ]
    return layout.standard_context(
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
        if not services.reply_side_allowed(context, RequestSide(request.side)):
            raise Forbidden
        members = await services.active_members(request.member_list, request.replied_on)
        head = await documents.letterhead(context)
        issued_on = on or request.replied_on or today()
        document_context = request_reply_context(
            context.enterprise, request, head, members, issued_on
        )
        document = await documents.issue(
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


def member_list_context(
    enterprise: Enterprise,
    member_list: MemberList,
    members: list[Member],
    replaced: dict[int, Member],
    head: documents.Letterhead,
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
                    "gender": _GENDERS.get(member.gender, ""),
                    "title": member.title or "",
                    "note": "; ".join(notes),
                }
            )
        if rows:
            label = (
                SIDE_NAMES[side]
                if side == Side.EMPLOYER
                else f"Bên người lao động: {side_name(enterprise, side)}"
            )
            groups.append(
                {"heading": f"{len(groups) + 1}. {label} ({len(rows)} người)", "members": rows}
            )
    workers = [m for m in members if m.side != Side.EMPLOYER]
    women = sum(1 for m in workers if m.gender == Gender.FEMALE)
    body = [
        f"Căn cứ Điều 38 {DECREE};",
        f"Căn cứ Quy chế dân chủ ở cơ sở tại nơi làm việc của {enterprise.name};",
        f"{enterprise.name} thông báo danh sách thành viên đại diện đối thoại tại nơi làm việc "
        f"áp dụng từ ngày {short_date(member_list.valid_from)} như sau:",
    ]
    closing = [
        f"Bên người lao động có {len(workers)} thành viên, trong đó {women} nữ.",
        "Danh sách được xác định lại ít nhất 02 năm một lần; việc thay thế thành viên giữa hai "
        f"lần được công khai tại nơi làm việc (khoản 3 Điều 38 {DECREE}).",
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
        recipients=[_PUBLIC_RECIPIENTS, "Các thành viên có tên trên", "Lưu: VT, HCNS."],
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
        members = await services.active_members(member_list.id, issued_on)
        if not members:
            raise Invalid(_("The list has no members yet."))
        replaced = await _replacements(members)
        head = await documents.letterhead(context)
        document = await documents.issue(
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


# Samples for `check-templates` ------------------------------------------------------------------


def sample_enterprise() -> Enterprise:
    return Enterprise(
        _ignore_missing=True,
        id=1,
        name="Công ty TNHH May Sông Hồng",
        symbol="SHVN",
        legal_representative="Nguyễn Văn An",
        legal_representative_title="Giám đốc",
        representation=Representation.GRASSROOTS_UNION,
        representative_body="Công đoàn cơ sở Công ty TNHH May Sông Hồng",
    )


def sample_members() -> list[Member]:
    people = [
        (Side.EMPLOYER, "Nguyễn Văn An", Gender.MALE, "Giám đốc", True, False),
        (Side.EMPLOYER, "Trần Thị Bích", Gender.FEMALE, "Trưởng phòng Nhân sự", False, False),
        (Side.EMPLOYER, "Lê Văn Cường", Gender.MALE, "Quản đốc", False, False),
        (Side.UNION, "Phạm Thị Dung", Gender.FEMALE, "Chủ tịch Công đoàn", False, True),
        (Side.UNION, "Hoàng Văn Em", Gender.MALE, "Tổ trưởng", False, False),
        (Side.UNION, "Vũ Thị Giang", Gender.FEMALE, "Công nhân may", False, False),
        (Side.DIALOGUE_GROUP, "Đỗ Thị Hoa", Gender.FEMALE, "Công nhân", False, True),
    ]
    return [
        Member(
            id=index,
            member_list=1,
            side=side,
            full_name=name,
            gender=gender,
            title=title,
            legal_representative=legal,
            signs_for_side=signs,
            position=index,
        )
        for index, (side, name, gender, title, legal, signs) in enumerate(people, start=1)
    ]


def sample_record() -> DialogueRecord:
    dialogue = Dialogue(
        id=1,
        enterprise=1,
        kind=DialogueKind.PERIODIC,
        title="Đối thoại định kỳ 6 tháng đầu năm 2026",
        scheduled_at=dt.datetime(2026, 6, 15, 1, 30, tzinfo=dt.UTC),
        started_at=dt.datetime(2026, 6, 15, 1, 30, tzinfo=dt.UTC),
        ended_at=dt.datetime(2026, 6, 15, 4, 0, tzinfo=dt.UTC),
        place="Hội trường tầng 2",
        held_on=dt.date(2026, 6, 15),
        chair="Nguyễn Văn An",
        secretary="Trần Thị Bích",
        authorised_person="",
        summary="",
    )
    items = [
        AgendaItem(
            id=1,
            dialogue=1,
            position=1,
            title="Tiền ăn giữa ca",
            employer_position="Tăng lên 30.000 đồng từ tháng 7.",
            worker_position="Đề nghị 35.000 đồng.",
            agreed=True,
            agreed_text="Tăng lên 32.000 đồng từ ngày 01/7/2026.",
            owner="Phòng Hành chính - Nhân sự",
            due_on=dt.date(2026, 7, 1),
        ),
        AgendaItem(
            id=2,
            dialogue=1,
            position=2,
            title="Làm thêm giờ ngày thứ Bảy",
            employer_position="Duy trì như hiện nay.",
            worker_position="Giảm xuống 2 thứ Bảy mỗi tháng.",
            agreed=False,
            agreed_text="",
        ),
    ]
    members = sample_members()
    return DialogueRecord(
        sample_enterprise(), dialogue, members, {m.id for m in members if m.id != 6}, items
    )


def _sample_head() -> documents.Letterhead:
    return documents.Letterhead(
        "CÔNG TY TNHH MAY SÔNG HỒNG", "Bắc Ninh", "Nguyễn Văn An", "Giám đốc"
    )


def _numbered(context: dict[str, Any], reference: str) -> dict[str, Any]:
    context["header"]["reference"] = reference
    return {**context, "reference": reference, "number": 1}


def _sample_minutes() -> dict[str, Any]:
    return _numbered(minutes_context(sample_record(), _sample_head()), "01/BB-SHVN")


def _sample_publication() -> dict[str, Any]:
    record = sample_record()
    record.minutes_reference = "01/BB-SHVN"
    context = publication_context(record, _sample_head(), dt.date(2026, 6, 17))
    return _numbered(context, "05/TB-SHVN")


def _sample_request_reply() -> dict[str, Any]:
    request = DialogueRequest(
        id=1,
        enterprise=1,
        side=RequestSide.WORKERS,
        requested_by="Ban Chấp hành Công đoàn cơ sở Công ty TNHH May Sông Hồng",
        reason="Điều kiện làm việc tại xưởng may số 2 trong mùa nắng nóng.",
        submitted_on=dt.date(2026, 5, 4),
        reply_due_on=dt.date(2026, 5, 11),
        replied_on=dt.date(2026, 5, 8),
        reply_at=dt.datetime(2026, 5, 20, 7, 0, tzinfo=dt.UTC),
        reply_place="Phòng họp số 1",
        reply_text="",
    )
    context = request_reply_context(
        sample_enterprise(), request, _sample_head(), sample_members(), dt.date(2026, 5, 8)
    )
    return _numbered(context, "12/SHVN")


def _sample_member_list() -> dict[str, Any]:
    member_list = MemberList(id=1, enterprise=1, valid_from=dt.date(2026, 1, 5))
    context = member_list_context(
        sample_enterprise(), member_list, sample_members(), {}, _sample_head(), dt.date(2026, 1, 5)
    )
    return _numbered(context, "01/TB-SHVN")


# Declared in the module's manifest.
TEMPLATES = (
    DocumentTemplate(MINUTES, build_minutes, _sample_minutes),
    DocumentTemplate(PUBLICATION, build_publication_notice, _sample_publication),
    DocumentTemplate(REQUEST_REPLY, build_request_reply, _sample_request_reply),
    DocumentTemplate(MEMBER_LIST, build_member_list, _sample_member_list),
)
KINDS = (
    DocumentKind(MINUTES_KIND, N_("Dialogue minutes")),
    DocumentKind(PUBLICATION_KIND, N_("Dialogue main contents notice")),
    DocumentKind(REQUEST_REPLY_KIND, N_("Reply to a dialogue request")),
    DocumentKind(MEMBER_LIST_KIND, N_("Dialogue member list")),
)
