"""The conference documents' .docx templates, built in code in the Decree 30/2020/NĐ-CP layout
(`labour-democracy build-templates` writes them): the plan, the invitations, the agenda, the
delegate list and attendance sheet, the minutes, the resolution and the review report; with
their file names and the kinds under which the numbered ones are issued."""

from __future__ import annotations

from typing import Any

from docx.document import Document
from docx.enum.text import WD_BREAK
from docx.shared import Mm

from labour_democracy.documents import layout

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
DELEGATE_LIST_KIND = "conference_delegate_list"
ATTENDANCE_SHEET_KIND = "conference_attendance_sheet"


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
    # The validity stamp is part of what the co-chairs sign; "Nơi nhận" sits beside their
    # signatures, level with their titles (Decree 30/2020, Appendix I, II.9).
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
    layout.add_signers(document, "signers", 2, recipients=True)
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
