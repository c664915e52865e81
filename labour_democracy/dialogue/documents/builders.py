"""The layouts (python-docx) of the dialogue's four document templates, in the Decree 30/2020
style; docxtpl fills them (the contexts are in minutes.py, publication_notice.py,
request_reply.py and member_list.py).
"""

from __future__ import annotations

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Emu, Mm

from labour_democracy.documents import layout


def heading_paragraph(document: Document, text: str) -> None:
    layout.paragraph(document, text, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, space_before=6)


def lines(document: Document, name: str) -> None:
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
    lines(document, "intro")
    heading_paragraph(document, "I. THÀNH PHẦN THAM DỰ")
    heading_paragraph(document, "1. Bên người sử dụng lao động")
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
    heading_paragraph(document, "2. Bên người lao động")
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
    lines(document, "quorum")
    heading_paragraph(document, "II. NỘI DUNG ĐỐI THOẠI")
    layout.tag(document, "for item in items")
    layout.body_paragraph(document, "{{ item.heading }}", bold=True)
    layout.tag(document, "for text in item.lines")
    layout.body_paragraph(document, "{{ text }}")
    layout.tag(document, "endfor")
    layout.tag(document, "endfor")
    heading_paragraph(document, "III. CÁC VIỆC CẦN THỰC HIỆN")
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
    lines(document, "closing")
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
        heading_paragraph(document, "{{ group.heading }}")
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
        lines(document, "closing")

    return layout.standard_template(body)
