"""The conference's documents, in Vietnamese whatever the page's language: the plan (Kế hoạch),
the invitations (Giấy mời, one page per delegate with a personal check-in QR code), the agenda
(Chương trình), the delegate list and attendance sheet (Danh sách), the minutes (Biên bản) and
the resolution (Nghị quyết) with its validity stamp, and for a state-owned enterprise the report
of each six-monthly review of the resolution (Báo cáo sơ kết, Law 10/2022/QH15, Art. 70(3)).

Each is generated from what the conference records hold: the minutes and the resolution from
what happened (check-ins, the voting engine's sealed results, proposals and their answers,
follow-up actions), so their numbers cannot differ from the app's; the review report from the
resolution's commitments (follow-up actions) and what the review recorded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import secrets
import zipfile
from dataclasses import dataclass
from typing import Any

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Mm

from labour_democracy.conferences.permissions import MANAGE_CONFERENCES
from labour_democracy.conferences.tables import (
    AgendaItem,
    AgendaKind,
    Conference,
    ConferenceForm,
    ConferenceKind,
    Delegate,
    DelegateKind,
    ResolutionReview,
    StepStatus,
    TimelineStep,
    VoteMode,
)
from labour_democracy.core import rules as core_rules
from labour_democracy.core.errors import Conflict, Forbidden, NotFound
from labour_democracy.core.permissions import VIEW_ROSTER
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.documents import layout
from labour_democracy.documents import services as documents
from labour_democracy.documents.registry import DocumentTemplate
from labour_democracy.documents.rules import single_line
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.followups import services as followups
from labour_democracy.followups.tables import FollowUpStatus
from labour_democracy.i18n import LOCAL_TIMEZONE, N_, format_number, language, today
from labour_democracy.i18n import gettext as _
from labour_democracy.manifest import DocumentKind
from labour_democracy.settings import get_settings
from labour_democracy.suggestions import services as suggestions
from labour_democracy.suggestions.tables import SuggestionStatus, Topic
from labour_democracy.voting import rules as voting_rules
from labour_democracy.voting import services as voting
from labour_democracy.voting.documents import option_labels
from labour_democracy.voting.schemas import BallotResult, QuestionResult
from labour_democracy.voting.slips import qr_picture_run, qr_png
from labour_democracy.voting.tables import Ballot, BallotStatus
from labour_democracy.voting.tally import unseal

PLAN = "conferences/plan.docx"
INVITATION = "conferences/invitation.docx"
AGENDA = "conferences/agenda.docx"
DELEGATE_LIST = "conferences/delegate_list.docx"
ATTENDANCE_SHEET = "conferences/attendance_sheet.docx"
MINUTES = "conferences/minutes.docx"
RESOLUTION = "conferences/resolution.docx"
REVIEW_REPORT = "conferences/review_report.docx"

PLAN_KIND = "conference_plan"
INVITATION_KIND = "conference_invitations"
AGENDA_KIND = "conference_agenda"
MINUTES_KIND = "conference_minutes"
RESOLUTION_KIND = "conference_resolution"
REVIEW_REPORT_KIND = "conference_review_report"

_FORM_WORDS = {
    ConferenceForm.WHOLE: "hội nghị toàn thể người lao động",
    ConferenceForm.DELEGATES: "hội nghị đại biểu",
    ConferenceForm.EITHER: "hội nghị toàn thể hoặc hội nghị đại biểu",
}
_AGENDA_WORDS = {
    AgendaKind.INFO: "Báo cáo, thảo luận",
    AgendaKind.RESOLUTION: "Biểu quyết",
    AgendaKind.ELECTION: "Bầu cử",
}
_VOTE_WORDS = {
    VoteMode.SHOW_OF_HANDS: "giơ tay",
    VoteMode.NAMED: "bỏ phiếu có ghi tên",
    VoteMode.SECRET: "bỏ phiếu kín",
}
# The invitation's QR placeholder, with a random part so no text a person types can match it,
# and the run docxtpl writes around it.
_QR_TOKEN = secrets.token_hex(8)
_QR_RUN = re.compile(
    r"<w:r>(?:(?!</w:r>).)*?@@" + _QR_TOKEN + r"-(\d+)@@(?:(?!</w:r>).)*?</w:r>", re.DOTALL
)


# Builders ---------------------------------------------------------------------------------------


def _paragraphs(document, key: str, **style: Any) -> None:
    layout.tag(document, f"for text in {key}")
    layout.body_paragraph(document, "{{ text }}", **style)
    layout.tag(document, "endfor")


def _signers(document: Document, key: str, columns: int) -> None:
    """Side-by-side signatures (co-chairs, secretary), from the context list `key` of `columns`
    signers: each a title, the side they sign for, room to sign and a name, aligned across."""
    layout.paragraph(document, size=6)
    width = layout.TEXT_WIDTH // columns
    table = layout.borderless_table(document, [layout.Length(width)] * columns)
    for index, cell in enumerate(table.rows[0].cells):
        signer = f"{key}[{index}]"
        layout.paragraph(cell, "{{ " + signer + ".title }}", size=13, bold=True)
        layout.paragraph(cell, "{{ " + signer + ".side }}", size=12, italic=True)
        for _line in range(4):  # room for the signature
            layout.paragraph(cell)
        layout.paragraph(cell, "{{ " + signer + ".name }}", size=13, bold=True)


def build_plan() -> Document:
    def body(document: Document) -> None:
        layout.add_body(document)
        layout.add_list_table(
            document,
            [
                ("STT", "{{ item.number }}", Mm(12)),
                ("Nội dung công việc", "{{ item.title }}", Mm(70)),
                ("Phụ trách", "{{ item.owner }}", Mm(40)),
                ("Thời hạn", "{{ item.due }}", Mm(22)),
                ("Tình trạng", "{{ item.status }}", Mm(21)),
            ],
            "steps",
            size=12,
        )
        layout.paragraph(document, size=6)
        _paragraphs(document, "closing")

    return layout.standard_template(body)


def build_invitation() -> Document:
    """One page per delegate, each a whole Giấy mời in the Decree 30 layout (one number for the
    batch), with the delegate's check-in QR code; the QR placeholder becomes an image after
    rendering (see `_with_qr_codes`)."""
    document = layout.new_document()
    # Each page is a document of its own: no page numbers.
    header = document.sections[0].header.paragraphs[0]
    for element in list(header._p)[1:]:
        header._p.remove(element)
    layout.tag(document, "for item in delegates")
    layout.add_heading(document)
    layout.add_title(document)
    layout.paragraph(document, "Trân trọng kính mời: Ông/Bà {{ item.name }}", bold=True)
    layout.paragraph(document, "{{ item.unit }}", italic=True, space_after=6)
    layout.add_body(document)
    layout.paragraph(document, "{{ item.qr }}", space_before=6)
    layout.paragraph(document, "Mã điểm danh: {{ item.code }}", size=13, bold=True)
    layout.paragraph(document, "{{ checkin_hint }}", size=11, italic=True)
    layout.add_signature(document)
    layout.tag(document, "if not loop.last")
    layout.paragraph(document).add_run().add_break(WD_BREAK.PAGE)
    layout.tag(document, "endif")
    layout.tag(document, "endfor")
    return document


def build_agenda() -> Document:
    def body(document: Document) -> None:
        layout.add_body(document)
        layout.add_list_table(
            document,
            [
                ("STT", "{{ item.number }}", Mm(12)),
                ("Nội dung", "{{ item.title }}", Mm(113)),
                ("Hình thức", "{{ item.kind }}", Mm(40)),
            ],
            "items",
        )

    return layout.standard_template(body)


def build_delegate_list() -> Document:
    def body(document: Document) -> None:
        layout.add_body(document)
        layout.add_list_table(
            document,
            [
                ("STT", "{{ item.number }}", Mm(12)),
                ("Đơn vị", "{{ item.unit }}", Mm(40)),
                ("Họ và tên", "{{ item.name }}", Mm(50)),
                ("Mã NV", "{{ item.code }}", Mm(23)),
                ("Ghi chú", "{{ item.note }}", Mm(40)),
            ],
            "delegates",
            size=12,
        )
        layout.paragraph(document, size=6)
        _paragraphs(document, "totals")

    return layout.standard_template(body)


def build_attendance_sheet() -> Document:
    def body(document: Document) -> None:
        layout.add_body(document)
        layout.add_list_table(
            document,
            [
                ("STT", "{{ item.number }}", Mm(12)),
                ("Họ và tên", "{{ item.name }}", Mm(50)),
                ("Đơn vị", "{{ item.unit }}", Mm(42)),
                ("Điểm danh", "{{ item.checked_in }}", Mm(26)),
                ("Ký tên", "", Mm(35)),
            ],
            "delegates",
            size=12,
        )
        layout.paragraph(document, size=6)
        _paragraphs(document, "totals")

    return layout.standard_template(body)


def _section(document: Document, heading: str, key: str) -> None:
    layout.body_paragraph(document, heading, bold=True, first_line_indent=None)
    _paragraphs(document, key)


def build_minutes() -> Document:
    document = layout.new_document()
    layout.add_heading(document)
    layout.add_title(document)
    layout.add_body(document)
    _section(document, "I. THÀNH PHẦN VÀ SỐ LƯỢNG ĐẠI BIỂU", "attendance")
    layout.body_paragraph(
        document, "II. NỘI DUNG VÀ KẾT QUẢ BIỂU QUYẾT", bold=True, first_line_indent=None
    )
    layout.add_list_table(
        document,
        [
            ("STT", "{{ item.number }}", Mm(12)),
            ("Nội dung", "{{ item.title }}", Mm(70)),
            ("Kết quả biểu quyết", "{{ item.votes }}", Mm(53)),
            ("Kết luận", "{{ item.outcome }}", Mm(30)),
        ],
        "items",
        size=12,
    )
    layout.paragraph(document, size=6)
    _paragraphs(document, "item_details")
    layout.body_paragraph(
        document,
        "III. KIẾN NGHỊ CỦA NGƯỜI LAO ĐỘNG VÀ TRẢ LỜI CỦA NGƯỜI SỬ DỤNG LAO ĐỘNG",
        bold=True,
        first_line_indent=None,
    )
    layout.tag(document, "if proposals")
    layout.add_list_table(
        document,
        [
            ("STT", "{{ item.number }}", Mm(12)),
            ("Kiến nghị", "{{ item.text }}", Mm(78)),
            ("Trả lời", "{{ item.answer }}", Mm(75)),
        ],
        "proposals",
        size=12,
    )
    layout.tag(document, "else")
    layout.body_paragraph(document, "Không có kiến nghị nào được gửi tới hội nghị.")
    layout.tag(document, "endif")
    layout.paragraph(document, size=6)
    _paragraphs(document, "closing")
    _signers(document, "signers", 3)
    return document


def build_resolution() -> Document:
    document = layout.new_document()
    layout.add_heading(document)
    layout.add_title(document)
    _paragraphs(document, "bases", italic=True)
    layout.paragraph(document, "QUYẾT NGHỊ:", bold=True, space_before=6, space_after=6)
    layout.tag(document, "for article in articles")
    layout.body_paragraph(document, "{{ article.heading }}", bold=True)
    layout.tag(document, "for text in article.paragraphs")
    layout.body_paragraph(document, "{{ text }}")
    layout.tag(document, "endfor")
    layout.tag(document, "endfor")
    _signers(document, "signers", 2)
    layout.paragraph(document, size=6)
    layout.paragraph(document, "XÁC NHẬN TÍNH HỢP LỆ CỦA NGHỊ QUYẾT", bold=True, space_after=6)
    layout.add_list_table(
        document,
        [
            ("Nội dung", "{{ item.label }}", Mm(60)),
            ("Số liệu", "{{ item.value }}", Mm(45)),
            ("Căn cứ", "{{ item.source }}", Mm(60)),
        ],
        "validity",
        size=11,
    )
    layout.paragraph(document, size=6)
    layout.paragraph(
        document,
        layout.RECIPIENTS_TITLE,
        size=layout.RECIPIENTS_TITLE_SIZE,
        bold=True,
        italic=True,
        align=WD_ALIGN_PARAGRAPH.LEFT,
    )
    layout.tag(document, "for line in recipients")
    layout.paragraph(
        document, "- {{ line }}", size=layout.RECIPIENTS_SIZE, align=WD_ALIGN_PARAGRAPH.LEFT
    )
    layout.tag(document, "endfor")
    return document


def build_review_report() -> Document:
    """Báo cáo sơ kết: what the review covers, the commitments with their results and the
    counts, the review's own report, and how the workers are informed."""

    def body(document: Document) -> None:
        layout.add_body(document)
        layout.body_paragraph(
            document,
            "I. KẾT QUẢ THỰC HIỆN CÁC CAM KẾT CỦA NGHỊ QUYẾT",
            bold=True,
            first_line_indent=None,
        )
        layout.tag(document, "if commitments")
        layout.add_list_table(
            document,
            [
                ("STT", "{{ item.number }}", Mm(12)),
                ("Nội dung cam kết", "{{ item.title }}", Mm(62)),
                ("Phụ trách", "{{ item.owner }}", Mm(35)),
                ("Thời hạn", "{{ item.due }}", Mm(24)),
                ("Kết quả", "{{ item.result }}", Mm(32)),
            ],
            "commitments",
            size=12,
        )
        layout.paragraph(document, size=6)
        layout.tag(document, "endif")
        _paragraphs(document, "counts")
        _section(document, "II. KẾT QUẢ SƠ KẾT", "report")
        _paragraphs(document, "closing")

    return layout.standard_template(body)


# Words and numbers ------------------------------------------------------------------------------


def conference_name(conference: Conference) -> str:
    """ "Hội nghị người lao động năm 2026" (or "... bất thường năm 2026")."""
    extraordinary = conference.kind == ConferenceKind.EXTRAORDINARY
    return f"Hội nghị người lao động{' bất thường' if extraordinary else ''} năm {conference.year}"


def _time(value: dt.time) -> str:
    return f"{value.hour:02d} giờ {value.minute:02d}"


def _when(conference: Conference) -> str:
    return f"{_time(conference.starts_at)}, {_date_long(conference.held_on)}"


def _date_long(value: dt.date) -> str:
    return f"ngày {value.day:02d} tháng {value.month:02d} năm {value.year}"


def _date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _share(count: int, base: int) -> str:
    return f"{count * 100 / base:.2f} %".replace(".", ",") if base else "—"


def _local(moment: dt.datetime | None) -> dt.datetime | None:
    return moment.astimezone(LOCAL_TIMEZONE) if moment else None


@dataclass(frozen=True)
class Head(documents.Letterhead):
    """The letterhead, and the enterprise's name as written in sentences."""

    name: str = ""


async def _head(context: EnterpriseContext) -> Head:
    letterhead = await documents.letterhead(context)
    return Head(**dataclasses.asdict(letterhead), name=context.enterprise.name)


_BASE_WORDS = {
    voting_rules.Base.ELECTORATE: "số {who} được triệu tập",
    voting_rules.Base.PRESENT: "số {who} có mặt",
    voting_rules.Base.VALID: "số phiếu hợp lệ",
}


def attendees(conference: Conference) -> str:
    """Who attends: every worker at a whole-workforce conference, else delegates."""
    return "người lao động" if conference.form == ConferenceForm.WHOLE else "đại biểu"


def _rule_text(encoded: str, source: str, who: str) -> tuple[str, str]:
    """A stored rule in the words of a conference ("ít nhất 2/3 số đại biểu được triệu tập"),
    and its legal source in Vietnamese."""
    rule = voting_rules.Rule.decode(encoded, source)
    with language("vi"):
        translated = _(source)
    if rule.numerator == 0:
        return "không yêu cầu", translated
    comparator = "trên" if rule.comparator is voting_rules.Comparator.GREATER else "ít nhất"
    base = _BASE_WORDS[rule.base].format(who=who)
    return f"{comparator} {rule.numerator}/{rule.denominator} {base}", translated


# Reading what happened --------------------------------------------------------------------------


@dataclass(frozen=True)
class DelegateRow:
    name: str
    code: str
    unit: str
    kind: str
    role: str
    checkin_code: str
    checked_in_at: dt.datetime | None


@dataclass(frozen=True)
class ItemOutcome:
    """An agenda item and, when it was decided, its ballot's sealed result."""

    position: int
    title: str
    kind: str
    vote_mode: str
    result: BallotResult | None
    labels: dict[int, str]


async def _conference(context: EnterpriseContext, conference_id: int) -> Conference:
    return await get_owned(context, Conference, conference_id)


async def _delegates(conference_id: int) -> list[DelegateRow]:
    """The convened delegates: ex-officio first, then by unit and name."""
    rows = (
        await Delegate.select(
            Delegate.worker.full_name.as_alias("name"),
            Delegate.worker.employee_code.as_alias("code"),
            Delegate.worker.search_name.as_alias("search_name"),
            Delegate.org_unit.name.as_alias("unit"),
            Delegate.kind,
            Delegate.ex_officio_role,
            Delegate.checkin_code,
            Delegate.checked_in_at,
        )
        .where(Delegate.conference == conference_id)
        .order_by(Delegate.id)
    )
    rows.sort(
        key=lambda r: (
            r["kind"] != DelegateKind.EX_OFFICIO,
            core_rules.fold(r["unit"] or ""),
            r["search_name"],
        )
    )
    return [
        DelegateRow(
            name=row["name"],
            code=row["code"],
            unit=row["unit"] or "",
            kind=row["kind"],
            role=row["ex_officio_role"],
            checkin_code=row["checkin_code"],
            checked_in_at=row["checked_in_at"],
        )
        for row in rows
    ]


async def _outcomes(conference_id: int) -> list[ItemOutcome]:
    items = (
        await AgendaItem.select(
            AgendaItem.position,
            AgendaItem.title,
            AgendaItem.kind,
            AgendaItem.vote_mode,
            AgendaItem.ballot,
        )
        .where(AgendaItem.conference == conference_id)
        .order_by(AgendaItem.position)
    )
    ballot_ids = [item["ballot"] for item in items if item["ballot"]]
    ballots = {
        row["id"]: row
        for row in await Ballot.select(Ballot.id, Ballot.status, Ballot.result).where(
            Ballot.id.is_in(ballot_ids or [0])
        )
    }
    outcomes = []
    for number, item in enumerate(items, start=1):  # positions may have gaps after a move
        ballot = ballots.get(item["ballot"])
        result, labels = None, {}
        if ballot and ballot["status"] == BallotStatus.CLOSED and ballot["result"]:
            result = unseal(ballot["result"])
            labels = option_labels(await voting.questions_with_options(ballot["id"]))
        outcomes.append(
            ItemOutcome(number, item["title"], item["kind"], item["vote_mode"], result, labels)
        )
    return outcomes


# Contexts ---------------------------------------------------------------------------------------


def _standard(
    head: Head,
    conference: Conference,
    *,
    doc_type: str,
    on: dt.date,
    body: list[str],
    recipients: list[str],
    summary: str | None = None,
    signer_authority: str = "",
    **extra: Any,
) -> dict[str, Any]:
    return layout.standard_context(
        issuer=head.issuer,
        place=head.place,
        date=on,
        doc_type=doc_type,
        summary=summary or conference_name(conference),
        body=body,
        signer_authority=signer_authority,
        signer_title=head.signer_title,
        signer_name=head.signer_name,
        recipients=recipients,
        **extra,
    )


def _opening(head: Head, conference: Conference) -> str:
    return (
        f"{conference_name(conference)} của {head.name} được tổ chức vào "
        f"{_when(conference)}, tại {conference.venue}, theo hình thức "
        f"{_FORM_WORDS.get(conference.form, conference.form)}."
    )


def plan_context(
    head: Head, conference: Conference, steps: list[dict], on: dt.date
) -> dict[str, Any]:
    body = [
        _opening(head, conference),
        "Người sử dụng lao động phối hợp với Ban Chấp hành Công đoàn cơ sở tổ chức hội nghị "
        "theo Quy chế dân chủ ở cơ sở tại nơi làm việc; các công việc chuẩn bị, người phụ "
        "trách và thời hạn (tính theo ngày làm việc) như sau:",
    ]
    rows = [
        {
            "number": index,
            "title": step["title"],
            "owner": step["owner"],
            "due": _date(step["due_on"]),
            "status": (
                f"Đã xong {_date(step['done_on'])}".strip()
                if step["status"] == StepStatus.DONE
                else "Chưa thực hiện"
            ),
        }
        for index, step in enumerate(steps, start=1)
    ]
    closing = [
        "Các đơn vị, cá nhân được phân công chủ động thực hiện đúng thời hạn; vướng mắc báo "
        "cáo Ban tổ chức hội nghị để kịp thời giải quyết."
    ]
    return _standard(
        head,
        conference,
        doc_type="KẾ HOẠCH",
        summary=f"Tổ chức {conference_name(conference)}",
        on=on,
        body=body,
        recipients=["Ban Chấp hành Công đoàn cơ sở;", "Các phòng, ban, đơn vị;", "Lưu: VT."],
        steps=rows,
        closing=closing,
    )


def invitation_context(
    head: Head,
    conference: Conference,
    delegates: list[DelegateRow],
    on: dt.date,
) -> dict[str, Any]:
    body = [
        f"Tới dự {conference_name(conference)} của {head.name}.",
        f"Thời gian: {_when(conference)}.",
        f"Địa điểm: {conference.venue}.",
        "Đề nghị Ông/Bà nghiên cứu các tài liệu gửi kèm và đến dự đúng giờ.",
    ]
    items = [
        {
            "name": delegate.name,
            "unit": _unit_line(delegate),
            "code": delegate.checkin_code,
            "qr": f"@@{_QR_TOKEN}-{index}@@",
        }
        for index, delegate in enumerate(delegates, start=1)
    ]
    return _standard(
        head,
        conference,
        doc_type="GIẤY MỜI",
        summary=f"Dự {conference_name(conference)}",
        on=on,
        body=body,
        recipients=["Đại biểu được triệu tập;", "Lưu: VT."],
        delegates=items,
        checkin_hint=("Khi đến hội nghị, xin đưa mã QR này để điểm danh (hoặc đọc mã điểm danh)."),
    )


def _unit_line(delegate: DelegateRow) -> str:
    if delegate.kind == DelegateKind.EX_OFFICIO:
        return f"Đại biểu đương nhiên{' — ' + delegate.role if delegate.role else ''}"
    return f"Đơn vị: {delegate.unit}" if delegate.unit else ""


def agenda_context(
    head: Head, conference: Conference, items: list[dict], on: dt.date
) -> dict[str, Any]:
    body = [
        _opening(head, conference),
        f"Chủ trì hội nghị: Ông/Bà {conference.employer_chair} (đại diện người sử dụng lao "
        f"động) và Ông/Bà {conference.union_chair} (Chủ tịch Công đoàn cơ sở). Thư ký: "
        f"Ông/Bà {conference.secretary}.",
    ]
    rows = [
        {
            "number": index,
            "title": item["title"],
            "kind": _AGENDA_WORDS.get(item["kind"], "")
            + (
                f" ({_VOTE_WORDS[item['vote_mode']]})"
                if item["kind"] != AgendaKind.INFO and item["vote_mode"] in _VOTE_WORDS
                else ""
            ),
        }
        for index, item in enumerate(items, start=1)
    ]
    return _standard(
        head,
        conference,
        doc_type="CHƯƠNG TRÌNH",
        on=on,
        body=body,
        recipients=["Đại biểu dự hội nghị;", "Lưu: VT."],
        items=rows,
    )


def _totals(delegates: list[DelegateRow]) -> list[str]:
    ex_officio = sum(1 for d in delegates if d.kind == DelegateKind.EX_OFFICIO)
    units: dict[str, int] = {}
    for delegate in delegates:
        if delegate.kind != DelegateKind.EX_OFFICIO:
            units[delegate.unit] = units.get(delegate.unit, 0) + 1
    lines = [f"Tổng số đại biểu được triệu tập: {format_number(len(delegates))}."]
    if ex_officio:
        lines.append(f"Đại biểu đương nhiên: {format_number(ex_officio)}.")
    lines += [
        f"{unit or 'Không thuộc đơn vị'}: {format_number(count)} đại biểu."
        for unit, count in units.items()
    ]
    return lines


def _delegate_rows(delegates: list[DelegateRow]) -> list[dict[str, Any]]:
    """One row per delegate; the unit printed on the first row of each group only."""
    rows, previous = [], None
    for number, delegate in enumerate(delegates, start=1):
        ex_officio = delegate.kind == DelegateKind.EX_OFFICIO
        group = "Đại biểu đương nhiên" if ex_officio else delegate.unit
        rows.append(
            {
                "number": number,
                "unit": group if group != previous else "",
                "name": delegate.name,
                "code": delegate.code,
                "note": (
                    delegate.role or delegate.unit
                    if delegate.kind == DelegateKind.EX_OFFICIO
                    else ""
                ),
            }
        )
        previous = group
    return rows


def delegate_list_context(
    head: Head, conference: Conference, delegates: list[DelegateRow], on: dt.date
) -> dict[str, Any]:
    return _standard(
        head,
        conference,
        doc_type="DANH SÁCH",
        summary=f"Đại biểu dự {conference_name(conference)}",
        on=on,
        body=[_opening(head, conference)],
        recipients=["Ban tổ chức hội nghị;", "Lưu: VT."],
        delegates=_delegate_rows(delegates),
        totals=_totals(delegates),
    )


def attendance_context(
    head: Head, conference: Conference, delegates: list[DelegateRow], on: dt.date
) -> dict[str, Any]:
    present = sum(1 for d in delegates if d.checked_in_at)
    rows = [
        {
            "number": number,
            "name": delegate.name,
            "unit": (
                "Đại biểu đương nhiên"
                if delegate.kind == DelegateKind.EX_OFFICIO
                else delegate.unit
            ),
            "checked_in": (
                _local(delegate.checked_in_at).strftime("%H:%M") if delegate.checked_in_at else ""
            ),
        }
        for number, delegate in enumerate(delegates, start=1)
    ]
    totals = [f"Tổng số đại biểu được triệu tập: {format_number(len(delegates))}."]
    if present:
        totals.append(
            f"Số đại biểu đã điểm danh: {format_number(present)} "
            f"({_share(present, len(delegates))})."
        )
    return _standard(
        head,
        conference,
        doc_type="DANH SÁCH",
        summary=f"Đại biểu dự {conference_name(conference)}",
        on=on,
        body=[
            _opening(head, conference),
            "Đại biểu ký tên khi đến dự hội nghị; cột “Điểm danh” ghi giờ điểm danh bằng mã QR.",
        ],
        recipients=["Ban tổ chức hội nghị;", "Lưu: VT."],
        delegates=rows,
        totals=totals,
    )


@dataclass(frozen=True)
class Attendance:
    expected: int
    present: int
    quorum: str  # the rule in words
    quorum_source: str
    quorum_reached: bool


def attendance(conference: Conference, delegates: list[DelegateRow]) -> Attendance:
    expected = len(delegates)
    present = sum(1 for d in delegates if d.checked_in_at)
    rule = voting_rules.Rule.decode(conference.quorum_rule, conference.quorum_source)
    words, source = _rule_text(
        conference.quorum_rule, conference.quorum_source, attendees(conference)
    )
    # Nobody convened is no quorum, whatever a fraction of zero would say.
    reached = expected > 0 and voting_rules.quorum_reached(rule, present, expected)
    return Attendance(expected, present, words, source, reached)


def _votes(question: QuestionResult, labels: dict[int, str], base: int) -> str:
    parts = [
        f"{labels.get(option.id, option.label)}: {format_number(option.votes)} "
        f"({_share(option.votes, base)})"
        for option in question.options
    ]
    if question.invalid:
        parts.append(f"Không hợp lệ: {format_number(question.invalid)}")
    return "; ".join(parts)


def _verdict(question: QuestionResult, labels: dict[int, str], shout: bool = False) -> str:
    """The outcome; `shout` puts the verdict (not people's names) in capitals, as minutes do."""

    def word(text: str) -> str:
        return text.upper() if shout else text

    if question.kind == "motion":
        return word("Được thông qua" if question.passed else "Không được thông qua")
    if question.kind == "election":
        elected = ", ".join(labels.get(i, "") for i in question.elected)
        return f"{word('Trúng cử')}: {elected}" if elected else word("Không ai trúng cử")
    leading = ", ".join(labels.get(i, "") for i in question.leading)
    return f"{word('Nhiều phiếu nhất')}: {leading}" if leading else word("Không có")


def _details(outcome: ItemOutcome, who: str) -> list[str]:
    """What the minutes say of one decided item: the vote, the rule and its source, the outcome."""
    result = outcome.result
    if result is None:
        return []
    mode = _VOTE_WORDS.get(outcome.vote_mode, outcome.vote_mode)
    lines = []
    for question in result.questions:
        words, source = _rule_text(question.rule, question.rule_source, who)
        text = (
            f"Nội dung {outcome.position}. {outcome.title}: biểu quyết bằng hình thức {mode}; "
            f"{format_number(result.electorate)} {who} có quyền biểu quyết, "
            f"{format_number(result.cast)} tham gia biểu quyết. "
            f"{_votes(question, outcome.labels, result.electorate)}. Quy tắc thông qua: {words}, "
            f"tức ít nhất {format_number(question.threshold)} phiếu ({source}). "
            f"Kết quả: {_verdict(question, outcome.labels, shout=True)}."
        )
        if question.tied:
            tied = ", ".join(outcome.labels.get(i, "") for i in question.tied)
            text += f" Bằng phiếu ở vị trí cuối: {tied}; cần bầu lại."
        lines.append(text)
    return lines


def _item_rows(outcomes: list[ItemOutcome]) -> list[dict[str, Any]]:
    rows = []
    for outcome in outcomes:
        if outcome.result is None:
            votes = "" if outcome.kind == AgendaKind.INFO else "Chưa biểu quyết"
            verdict = "Hội nghị đã nghe, thảo luận" if outcome.kind == AgendaKind.INFO else ""
        else:
            votes = "\n".join(
                _votes(q, outcome.labels, outcome.result.electorate)
                for q in outcome.result.questions
            )
            verdict = "; ".join(_verdict(q, outcome.labels) for q in outcome.result.questions)
        rows.append(
            {"number": outcome.position, "title": outcome.title, "votes": votes, "outcome": verdict}
        )
    return rows


def _co_chairs(conference: Conference) -> list[dict[str, str]]:
    return [
        {
            "title": "ĐỒNG CHỦ TRÌ HỘI NGHỊ",
            "side": "Đại diện người sử dụng lao động",
            "name": conference.employer_chair,
        },
        {
            "title": "ĐỒNG CHỦ TRÌ HỘI NGHỊ",
            "side": "Đại diện Ban Chấp hành Công đoàn cơ sở",
            "name": conference.union_chair,
        },
    ]


def minutes_context(
    head: Head,
    conference: Conference,
    present: Attendance,
    outcomes: list[ItemOutcome],
    proposals: list[dict],
    ended_at: dt.datetime | None,
) -> dict[str, Any]:
    who = attendees(conference)
    attendance_lines = [
        f"Chủ trì hội nghị: Ông/Bà {conference.employer_chair} (đại diện người sử dụng lao "
        f"động) và Ông/Bà {conference.union_chair} (đại diện Ban Chấp hành Công đoàn cơ sở).",
        f"Thư ký hội nghị: Ông/Bà {conference.secretary}.",
        f"Tổng số {who} được triệu tập: {format_number(present.expected)}. "
        f"Số {who} có mặt: {format_number(present.present)} "
        f"({_share(present.present, present.expected)}).",
        f"Điều kiện hợp lệ của hội nghị: {present.quorum} ({present.quorum_source}) — "
        + ("ĐẠT." if present.quorum_reached else "KHÔNG ĐẠT."),
    ]
    proposal_rows = [
        {
            "number": number,
            "text": single_line(
                f"{row['subject']}: {row['body']}" if row["body"].strip() else row["subject"]
            ),
            "answer": single_line(row["answer"]) or "Chưa trả lời",
        }
        for number, row in enumerate(proposals, start=1)
    ]
    closing = [
        (
            f"Hội nghị kết thúc lúc {ended_at:%H giờ %M} cùng ngày. "
            if ended_at
            else "Hội nghị kết thúc cùng ngày. "
        )
        + "Biên bản đã được đọc lại trước hội nghị và được các đại biểu nhất trí."
    ]
    return layout.standard_context(
        issuer=head.issuer,
        place=head.place,
        date=conference.held_on,
        doc_type="BIÊN BẢN",
        summary=conference_name(conference),
        body=[_opening(head, conference)],
        signer_title="",
        signer_name="",
        recipients=["Đại biểu dự hội nghị;", "Lưu: VT, CĐCS."],
        attendance=attendance_lines,
        items=_item_rows(outcomes),
        item_details=[line for outcome in outcomes for line in _details(outcome, who)],
        proposals=proposal_rows,
        closing=closing,
        signers=[
            {"title": "THƯ KÝ HỘI NGHỊ", "side": "", "name": conference.secretary},
            *_co_chairs(conference),
        ],
    )


def _adopted(outcomes: list[ItemOutcome]) -> list[str]:
    lines = []
    for outcome in outcomes:
        if outcome.result is None:
            continue
        for question in outcome.result.questions:
            if question.kind == "motion" and question.passed:
                lines.append(f"{len(lines) + 1}. {outcome.title}.")
            elif question.kind == "election" and question.elected:
                names = ", ".join(outcome.labels.get(i, "") for i in question.elected)
                lines.append(f"{len(lines) + 1}. {outcome.title}: {names}.")
    return lines


def resolution_context(
    head: Head,
    conference: Conference,
    present: Attendance,
    outcomes: list[ItemOutcome],
    commitments: list[dict],
) -> dict[str, Any]:
    name = conference_name(conference)
    if conference.soe_rules:
        law = "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15;"
    else:
        law = (
            "Căn cứ Nghị định số 145/2020/NĐ-CP ngày 14/12/2020 của Chính phủ quy định chi tiết "
            "và hướng dẫn thi hành một số điều của Bộ luật Lao động về điều kiện lao động và "
            "quan hệ lao động;"
        )
    bases = [
        "Căn cứ Bộ luật Lao động năm 2019;",
        law,
        f"Căn cứ Quy chế dân chủ ở cơ sở tại nơi làm việc của {head.name};",
        f"Căn cứ kết quả biểu quyết tại {name} {_date_long(conference.held_on)}.",
    ]
    adopted = [
        f"{name} thống nhất thông qua các nội dung sau:",
        *[p.strip() for p in conference.resolution_summary.splitlines() if p.strip()],
        *_adopted(outcomes),
    ]
    if len(adopted) == 1:
        adopted = [f"{name} không thông qua nội dung nào."]
    duties = [
        f"{index}. {row['title']} — Phụ trách: {row['owner']}; thời hạn: {_date(row['due_on'])}."
        for index, row in enumerate(commitments, start=1)
    ] or ["Không có cam kết cần theo dõi."]
    execution = [
        "Người sử dụng lao động và Ban Chấp hành Công đoàn cơ sở có trách nhiệm phổ biến "
        "Nghị quyết này tới toàn thể người lao động, tổ chức thực hiện và giám sát việc thực "
        "hiện."
    ]
    if conference.soe_rules:
        execution.append(
            "Định kỳ 6 tháng, sơ kết việc thực hiện Nghị quyết và thông báo kết quả tới toàn "
            "thể người lao động (Điều 70 Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15)."
        )
    execution.append("Nghị quyết có hiệu lực kể từ ngày ký.")
    return layout.standard_context(
        issuer=head.issuer,
        place=head.place,
        date=conference.held_on,
        doc_type="NGHỊ QUYẾT",
        summary=name,
        signer_title="",
        signer_name="",
        recipients=["Toàn thể người lao động (niêm yết, công bố);", "Lưu: VT, CĐCS."],
        bases=bases,
        articles=[
            {"heading": "Điều 1. Các nội dung được thông qua", "paragraphs": adopted},
            {"heading": "Điều 2. Các cam kết thực hiện", "paragraphs": duties},
            {"heading": "Điều 3. Tổ chức thực hiện", "paragraphs": execution},
        ],
        signers=_co_chairs(conference),
        validity=_validity(conference, present, outcomes),
    )


def _validity(
    conference: Conference, present: Attendance, outcomes: list[ItemOutcome]
) -> list[dict[str, str]]:
    """The stamp that lets anyone check the resolution was validly adopted."""
    who = attendees(conference)
    pass_words, pass_source = _rule_text(conference.pass_rule, conference.pass_source, who)
    rows = [
        {
            "label": f"Số {who} được triệu tập",
            "value": format_number(present.expected),
            "source": "Danh sách đại biểu",
        },
        {
            "label": f"Số {who} có mặt",
            "value": (
                f"{format_number(present.present)} ({_share(present.present, present.expected)})"
            ),
            "source": "Điểm danh tại hội nghị",
        },
        {
            "label": f"Điều kiện hợp lệ: {present.quorum}",
            "value": "Đạt" if present.quorum_reached else "Không đạt",
            "source": present.quorum_source,
        },
        {"label": "Quy tắc thông qua", "value": pass_words, "source": pass_source},
    ]
    for outcome in outcomes:
        if outcome.result is None:
            continue
        for question in outcome.result.questions:
            _, source = _rule_text(question.rule, question.rule_source, who)
            rows.append(
                {
                    "label": f"Nội dung {outcome.position}. {outcome.title}",
                    "value": f"{_votes(question, outcome.labels, outcome.result.electorate)}"
                    f" — {_verdict(question, outcome.labels)}",
                    "source": source,
                }
            )
    return rows


# The six-monthly review ------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewFacts:
    """What a recorded review says, with the period it covers and the resolution it reviews."""

    held_on: dt.date
    since: dt.date  # the conference, or the previous review
    months: int  # the interval of the review schedule
    report: str
    informed_workers_on: dt.date | None
    resolution_reference: str  # "" when the resolution was not issued through the app
    resolution_on: dt.date | None


def months_between(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


def _commitment_result(row: dict, held_on: dt.date) -> str:
    """A commitment's result in the report: done (when), dropped (why), or still open (and
    overdue when its date had passed on the day of the review)."""
    if row["status"] == FollowUpStatus.DONE:
        return f"Đã hoàn thành {_date(row['done_on'])}".strip()
    if row["status"] == FollowUpStatus.DROPPED:
        return f"Không thực hiện: {single_line(row['drop_reason'])}"
    overdue = row["due_on"] is not None and row["due_on"] < held_on
    return "Chưa hoàn thành, quá hạn" if overdue else "Chưa hoàn thành"


def _commitment_counts(commitments: list[dict], held_on: dt.date) -> list[str]:
    if not commitments:
        return ["Nghị quyết không có cam kết cần theo dõi."]
    done = sum(1 for row in commitments if row["status"] == FollowUpStatus.DONE)
    dropped = sum(1 for row in commitments if row["status"] == FollowUpStatus.DROPPED)
    still_open = len(commitments) - done - dropped
    overdue = sum(
        1
        for row in commitments
        if row["status"] == FollowUpStatus.OPEN and row["due_on"] and row["due_on"] < held_on
    )
    open_words = f"chưa hoàn thành: {format_number(still_open)}"
    if overdue:
        open_words += f" (trong đó quá hạn: {format_number(overdue)})"
    return [
        f"Tổng số cam kết của Nghị quyết: {format_number(len(commitments))}. "
        f"Đã hoàn thành: {format_number(done)}; {open_words}; "
        f"không thực hiện: {format_number(dropped)}."
    ]


def review_report_context(
    head: Head,
    conference: Conference,
    review: ReviewFacts,
    commitments: list[dict],
    on: dt.date,
) -> dict[str, Any]:
    name = conference_name(conference)
    resolution = f"Nghị quyết {name}"
    if review.resolution_reference:
        resolution += f" số {review.resolution_reference}"
    if review.resolution_on:
        resolution += f" ngày {_date(review.resolution_on)}"
    body = [
        "Thực hiện Điều 70 Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 và Quy chế dân chủ ở "
        f"cơ sở tại nơi làm việc, ngày {_date(review.held_on)} {head.name} đã tổ chức sơ kết "
        f"{review.months} tháng việc thực hiện {resolution}.",
        f"Thời gian sơ kết: từ ngày {_date(review.since)} đến ngày {_date(review.held_on)}. "
        "Kết quả như sau:",
    ]
    rows = [
        {
            "number": index,
            "title": row["title"],
            "owner": row["owner"],
            "due": _date(row["due_on"]),
            "result": _commitment_result(row, review.held_on),
        }
        for index, row in enumerate(commitments, start=1)
    ]
    if review.informed_workers_on:
        closing = (
            "Kết quả sơ kết đã được thông báo tới toàn thể người lao động ngày "
            f"{_date(review.informed_workers_on)}."
        )
    else:
        closing = (
            "Kết quả sơ kết được niêm yết, công bố để toàn thể người lao động biết theo Quy chế "
            "dân chủ ở cơ sở tại nơi làm việc."
        )
    return _standard(
        head,
        conference,
        doc_type="BÁO CÁO",
        summary=f"Sơ kết {review.months} tháng thực hiện Nghị quyết {name}",
        on=on,
        body=body,
        recipients=[
            "Toàn thể người lao động (niêm yết, công bố);",
            "Ban Chấp hành Công đoàn cơ sở;",
            "Lưu: VT.",
        ],
        commitments=rows,
        counts=_commitment_counts(commitments, review.held_on),
        report=[line.strip() for line in review.report.splitlines() if line.strip()],
        closing=[closing],
    )


# Invitations' QR codes --------------------------------------------------------------------------


def _with_qr_codes(content: bytes, urls: list[str]) -> bytes:
    """Replace the n-th delegate's QR placeholder run with the QR image of the n-th URL.

    Written into the package directly, as voting/slips.py does: python-docx's image API
    rescans every part per image, too slow for a thousand delegates."""
    images = {n: qr_png(url) for n, url in enumerate(urls, start=1)}
    source = zipfile.ZipFile(io.BytesIO(content))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as package:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = _QR_RUN.sub(
                    lambda m: qr_picture_run(f"rIdQr{m.group(1)}", 10_000 + int(m.group(1))),
                    data.decode(),
                ).encode()
            elif item.filename == "word/_rels/document.xml.rels":
                links = "".join(
                    f'<Relationship Id="rIdQr{n}" Type="http://schemas.openxmlformats.org/'
                    f'officeDocument/2006/relationships/image" Target="media/qr{n}.png"/>'
                    for n in images
                )
                data = data.decode().replace("</Relationships>", links + "</Relationships>")
                data = data.encode()
            elif item.filename == "[Content_Types].xml" and b'Extension="png"' not in data:
                data = data.replace(
                    b"<Default ", b'<Default Extension="png" ContentType="image/png"/><Default ', 1
                )
            package.writestr(item, data)
        for n, png in images.items():
            package.writestr(zipfile.ZipInfo(f"word/media/qr{n}.png"), png, zipfile.ZIP_STORED)
    return output.getvalue()


# Issuing ----------------------------------------------------------------------------------------


def _require(context: EnterpriseContext, permission=MANAGE_CONFERENCES) -> None:
    if not context.can(permission):
        raise Forbidden


async def _issue(
    context: EnterpriseContext,
    conference: Conference,
    *,
    kind: str,
    type_code: str,
    template: str,
    document_context: dict[str, Any],
    on: dt.date,
    finish=None,
) -> IssuedDocument:
    return await documents.issue(
        context,
        kind=kind,
        type_code=type_code,
        title=f"{document_context['doc_type'].capitalize()}: {document_context['summary']}",
        template=template,
        document_context=document_context,
        on=on,
        finish=finish,
    )


async def issue_plan(context: EnterpriseContext, conference_id: int) -> IssuedDocument:
    """Kế hoạch tổ chức hội nghị: the timeline steps with owners, due dates and status."""
    _require(context)
    conference = await _conference(context, conference_id)
    steps = (
        await TimelineStep.select()
        .where(TimelineStep.conference == conference.id)
        .order_by(TimelineStep.position)
    )
    head = await _head(context)
    on = today()
    return await _issue(
        context,
        conference,
        kind=PLAN_KIND,
        type_code="KH",
        template=PLAN,
        document_context=plan_context(head, conference, steps, on),
        on=on,
    )


async def issue_invitations(context: EnterpriseContext, conference_id: int) -> IssuedDocument:
    """Giấy mời: one numbered .docx, a page per convened delegate with their check-in QR."""
    _require(context)
    conference = await _conference(context, conference_id)
    delegates = await _delegates(conference.id)
    if not delegates:
        raise Conflict(_("Add the delegates before issuing their invitations."))
    head = await _head(context)
    on = today()
    # Imported here: the conference services import this module to issue the minutes.
    from labour_democracy.conferences.services import checkin_url

    base = get_settings().base_url
    urls = [
        checkin_url(base, context.enterprise_id, conference.id, delegate.checkin_code)
        for delegate in delegates
    ]
    return await _issue(
        context,
        conference,
        kind=INVITATION_KIND,
        type_code="GM",
        template=INVITATION,
        document_context=invitation_context(head, conference, delegates, on),
        on=on,
        finish=lambda content: _with_qr_codes(content, urls),
    )


async def issue_agenda(context: EnterpriseContext, conference_id: int) -> IssuedDocument:
    """Chương trình hội nghị: the agenda items in order."""
    _require(context)
    conference = await _conference(context, conference_id)
    items = (
        await AgendaItem.select(AgendaItem.title, AgendaItem.kind, AgendaItem.vote_mode)
        .where(AgendaItem.conference == conference.id)
        .order_by(AgendaItem.position)
    )
    head = await _head(context)
    on = today()
    return await _issue(
        context,
        conference,
        kind=AGENDA_KIND,
        type_code="CTr",
        template=AGENDA,
        document_context=agenda_context(head, conference, items, on),
        on=on,
    )


async def delegate_list(context: EnterpriseContext, conference_id: int) -> bytes:
    """Danh sách đại biểu, by unit, ex-officio delegates marked (a list: not numbered)."""
    _require(context, VIEW_ROSTER)
    conference = await _conference(context, conference_id)
    head = await _head(context)
    sheet = delegate_list_context(head, conference, await _delegates(conference.id), today())
    return await documents.render_unnumbered(DELEGATE_LIST, sheet)


async def attendance_sheet(context: EnterpriseContext, conference_id: int) -> bytes:
    """Danh sách đại biểu dự hội nghị, with a column to sign and the check-in times so far."""
    _require(context, VIEW_ROSTER)
    conference = await _conference(context, conference_id)
    head = await _head(context)
    sheet = attendance_context(head, conference, await _delegates(conference.id), today())
    return await documents.render_unnumbered(ATTENDANCE_SHEET, sheet)


async def _proposals(context: EnterpriseContext, conference_id: int) -> list[dict]:
    return await suggestions.list_suggestions(
        context,
        Topic.CONFERENCE,
        conference_id,
        (SuggestionStatus.PUBLISHED, SuggestionStatus.ANSWERED),
    )


async def issue_minutes(context: EnterpriseContext, conference_id: int) -> IssuedDocument:
    """Biên bản hội nghị, generated from what happened. Called by the closing use case
    (inside its transaction); it stores the returned document's id on the conference."""
    _require(context)
    conference = await _conference(context, conference_id)
    present = attendance(conference, await _delegates(conference.id))
    document_context = minutes_context(
        await _head(context),
        conference,
        present,
        await _outcomes(conference.id),
        await _proposals(context, conference.id),
        _local(conference.closed_at),
    )
    return await _issue(
        context,
        conference,
        kind=MINUTES_KIND,
        type_code="BB",
        template=MINUTES,
        document_context=document_context,
        on=conference.held_on,
    )


async def issue_resolution(context: EnterpriseContext, conference_id: int) -> IssuedDocument:
    """Nghị quyết hội nghị with its validity stamp. Called by the publishing use case (inside
    its transaction), once the commitments are recorded as follow-up actions (source
    "conference"); it stores the returned document's id on the conference."""
    _require(context)
    conference = await _conference(context, conference_id)
    present = attendance(conference, await _delegates(conference.id))
    commitments = await followups.list_for(context, "conference", conference.id)
    document_context = resolution_context(
        await _head(context),
        conference,
        present,
        await _outcomes(conference.id),
        commitments,
    )
    return await _issue(
        context,
        conference,
        kind=RESOLUTION_KIND,
        type_code="NQ",
        template=RESOLUTION,
        document_context=document_context,
        on=conference.held_on,
    )


async def _review_facts(conference: Conference, review_id: int) -> ReviewFacts:
    """The recorded review, the period since the conference or the previous review held before
    it, the schedule's interval, and the resolution's number and date."""
    reviews = (
        await ResolutionReview.select()
        .where(ResolutionReview.conference == conference.id)
        .order_by(ResolutionReview.due_on)
    )
    found = [i for i, row in enumerate(reviews) if row["id"] == review_id and row["held_on"]]
    if not found:
        raise NotFound
    index = found[0]
    review = reviews[index]
    held_on = review["held_on"]
    earlier = [
        row["held_on"]
        for row in reviews
        if row["id"] != review_id and row["held_on"] and row["held_on"] <= held_on
    ]
    scheduled_from = reviews[index - 1]["due_on"] if index else conference.held_on
    resolution = None
    if conference.resolution is not None:
        resolution = (
            await IssuedDocument.select(IssuedDocument.reference, IssuedDocument.issued_on)
            .where(IssuedDocument.id == conference.resolution)
            .first()
        )
    return ReviewFacts(
        held_on=held_on,
        since=max([conference.held_on, *earlier]),
        months=months_between(scheduled_from, review["due_on"]),
        report=review["report"],
        informed_workers_on=review["informed_workers_on"],
        resolution_reference=resolution["reference"] if resolution else "",
        resolution_on=resolution["issued_on"] if resolution else None,
    )


async def issue_review_report(
    context: EnterpriseContext, conference_id: int, review_id: int
) -> IssuedDocument:
    """Báo cáo sơ kết việc thực hiện Nghị quyết (Law 10/2022/QH15, Art. 70(3)). Called by the
    use case recording the review (inside its transaction, once the review's date and report
    are written); it stores the returned document's id on the review."""
    _require(context)
    conference = await _conference(context, conference_id)
    facts = await _review_facts(conference, review_id)
    commitments = await followups.list_for(context, "conference", conference.id)
    on = today()
    return await _issue(
        context,
        conference,
        kind=REVIEW_REPORT_KIND,
        type_code="BC",
        template=REVIEW_REPORT,
        document_context=review_report_context(
            await _head(context), conference, facts, commitments, on
        ),
        on=on,
    )


# Sample data for `labour-democracy check-templates` ----------------------------------------------


def _sample_conference() -> Conference:
    return Conference(
        enterprise=1,
        year=2026,
        kind=ConferenceKind.ANNUAL,
        held_on=dt.date(2027, 1, 15),
        starts_at=dt.time(8, 0),
        venue="Hội trường tầng 2, nhà văn phòng",
        form=ConferenceForm.DELEGATES,
        employer_chair="Nguyễn Văn An",
        union_chair="Trần Thị Bình",
        secretary="Lê Thị Cúc",
        soe_rules=False,
        quorum_rule="electorate ge 2/3",
        quorum_source=voting_rules.SOE_CONFERENCE_QUORUM.source,
        pass_rule="present gt 1/2",
        pass_source=voting_rules.SOE_CONFERENCE_RESOLUTION.source,
        resolution_summary="Thông qua kết quả sản xuất kinh doanh năm 2026.",
    )


_SAMPLE_HEAD = Head(
    "CÔNG TY TNHH MAY SÔNG HỒNG",
    "Bắc Ninh",
    "Nguyễn Văn An",
    "Giám đốc",
    "Công ty TNHH May Sông Hồng",
)
_SAMPLE_DELEGATES = [
    DelegateRow("Nguyễn Văn An", "SH0001", "", DelegateKind.EX_OFFICIO, "Giám đốc", "K7Q2M9", None),
    DelegateRow(
        "Nguyễn Thị Lan",
        "SH0002",
        "Tổ may 1A",
        DelegateKind.ELECTED,
        "",
        "P4X8R2",
        dt.datetime(2027, 1, 15, 0, 45, tzinfo=dt.UTC),
    ),
]


def _numbered(context: dict[str, Any], reference: str) -> dict[str, Any]:
    context["header"]["reference"] = reference
    return {**context, "reference": reference, "number": 1}


def _sample_outcomes() -> list[ItemOutcome]:
    from labour_democracy.voting.schemas import OptionResult

    result = BallotResult(
        ballot=1,
        electorate=2,
        slips_issued=0,
        cast=2,
        online=0,
        paper=0,
        counted_by_tellers=2,
        present=2,
        quorum_rule="electorate ge 0/1",
        quorum_source=voting_rules.NO_QUORUM.source,
        quorum_reached=True,
        receipts_hash="0" * 64,
        questions=[
            QuestionResult(
                id=1,
                position=1,
                kind="motion",
                text="Thông qua Nghị quyết",
                valid=2,
                invalid=0,
                blank=0,
                rule="present gt 1/2",
                rule_source=voting_rules.SOE_CONFERENCE_RESOLUTION.source,
                threshold=2,
                options=[
                    OptionResult(id=1, label="For", votes=2, meets_rule=True),
                    OptionResult(id=2, label="Against", votes=0, meets_rule=False),
                    OptionResult(id=3, label="Abstain", votes=0, meets_rule=False),
                ],
                passed=True,
            )
        ],
    )
    labels = {1: "Tán thành", 2: "Không tán thành", 3: "Không ý kiến"}
    return [
        ItemOutcome(1, "Báo cáo kết quả sản xuất kinh doanh", AgendaKind.INFO, "", None, {}),
        ItemOutcome(
            2,
            "Thông qua Nghị quyết hội nghị",
            AgendaKind.RESOLUTION,
            VoteMode.SHOW_OF_HANDS,
            result,
            labels,
        ),
    ]


def _sample_plan() -> dict[str, Any]:
    step = {
        "title": "Xây dựng kế hoạch tổ chức hội nghị",
        "owner": "Phòng Hành chính nhân sự",
        "due_on": dt.date(2026, 12, 1),
        "status": StepStatus.DONE,
        "done_on": dt.date(2026, 11, 30),
    }
    context = plan_context(_SAMPLE_HEAD, _sample_conference(), [step], dt.date(2026, 11, 26))
    return _numbered(context, "01/KH-SHVN")


def _sample_invitation() -> dict[str, Any]:
    context = invitation_context(
        _SAMPLE_HEAD, _sample_conference(), _SAMPLE_DELEGATES, dt.date(2027, 1, 5)
    )
    return _numbered(context, "01/GM-SHVN")


def _sample_agenda() -> dict[str, Any]:
    items = [
        {"title": "Báo cáo kết quả sản xuất kinh doanh", "kind": "info", "vote_mode": ""},
        {"title": "Thông qua Nghị quyết", "kind": "resolution", "vote_mode": "show_of_hands"},
    ]
    context = agenda_context(_SAMPLE_HEAD, _sample_conference(), items, dt.date(2027, 1, 5))
    return _numbered(context, "01/CTr-SHVN")


def _sample_delegate_list() -> dict[str, Any]:
    return delegate_list_context(
        _SAMPLE_HEAD, _sample_conference(), _SAMPLE_DELEGATES, dt.date(2027, 1, 5)
    )


def _sample_attendance() -> dict[str, Any]:
    return attendance_context(
        _SAMPLE_HEAD, _sample_conference(), _SAMPLE_DELEGATES, dt.date(2027, 1, 15)
    )


def _sample_minutes() -> dict[str, Any]:
    conference = _sample_conference()
    context = minutes_context(
        _SAMPLE_HEAD,
        conference,
        attendance(conference, _SAMPLE_DELEGATES),
        _sample_outcomes(),
        [{"subject": "Tăng phụ cấp ăn ca", "body": "", "answer": "Tăng từ tháng 3/2027."}],
        dt.datetime(2027, 1, 15, 11, 30),
    )
    return _numbered(context, "01/BB-SHVN")


def _sample_resolution() -> dict[str, Any]:
    conference = _sample_conference()
    commitment = {
        "title": "Tăng phụ cấp ăn ca lên 30.000 đồng",
        "owner": "Người sử dụng lao động",
        "due_on": dt.date(2027, 3, 1),
    }
    context = resolution_context(
        _SAMPLE_HEAD,
        conference,
        attendance(conference, _SAMPLE_DELEGATES),
        _sample_outcomes(),
        [commitment],
    )
    return _numbered(context, "01/NQ-SHVN")


def _sample_review_report() -> dict[str, Any]:
    conference = _sample_conference()
    commitments = [
        {
            "title": "Tăng phụ cấp ăn ca lên 30.000 đồng",
            "owner": "Người sử dụng lao động",
            "due_on": dt.date(2027, 3, 1),
            "status": FollowUpStatus.DONE,
            "done_on": dt.date(2027, 2, 27),
            "drop_reason": "",
        },
        {
            "title": "Lắp thêm quạt thông gió xưởng may",
            "owner": "Phòng Hành chính nhân sự",
            "due_on": dt.date(2027, 6, 30),
            "status": FollowUpStatus.OPEN,
            "done_on": None,
            "drop_reason": "",
        },
    ]
    facts = ReviewFacts(
        held_on=dt.date(2027, 7, 15),
        since=conference.held_on,
        months=6,
        report="Sản xuất ổn định, thu nhập bình quân tăng 6 %.",
        informed_workers_on=dt.date(2027, 7, 20),
        resolution_reference="01/NQ-SHVN",
        resolution_on=conference.held_on,
    )
    context = review_report_context(
        _SAMPLE_HEAD, conference, facts, commitments, dt.date(2027, 7, 20)
    )
    return _numbered(context, "01/BC-SHVN")


# Declared in the module's manifest.
TEMPLATES = (
    DocumentTemplate(PLAN, build_plan, _sample_plan),
    DocumentTemplate(INVITATION, build_invitation, _sample_invitation),
    DocumentTemplate(AGENDA, build_agenda, _sample_agenda),
    DocumentTemplate(DELEGATE_LIST, build_delegate_list, _sample_delegate_list),
    DocumentTemplate(ATTENDANCE_SHEET, build_attendance_sheet, _sample_attendance),
    DocumentTemplate(MINUTES, build_minutes, _sample_minutes),
    DocumentTemplate(RESOLUTION, build_resolution, _sample_resolution),
    DocumentTemplate(REVIEW_REPORT, build_review_report, _sample_review_report),
)
KINDS = (
    DocumentKind(PLAN_KIND, N_("Conference plan")),
    DocumentKind(INVITATION_KIND, N_("Conference invitations")),
    DocumentKind(AGENDA_KIND, N_("Conference agenda")),
    DocumentKind(MINUTES_KIND, N_("Conference minutes")),
    DocumentKind(RESOLUTION_KIND, N_("Conference resolution")),
    DocumentKind(REVIEW_REPORT_KIND, N_("Report of a resolution review")),
)
