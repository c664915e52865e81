"""The layouts (python-docx) of the agreements' document templates in the Decree 30/2020 style;
docxtpl fills them with the contexts of contexts.py."""

from __future__ import annotations

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Emu, Mm

from labour_democracy.documents import layout


def _heading(document: Document, text: str) -> None:
    layout.paragraph(document, text, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, space_before=6)


def _lines(document, name: str) -> None:
    layout.tag(document, f"for text in {name}")
    layout.body_paragraph(document, "{{ text }}")
    layout.tag(document, "endfor")


def _signers(document: Document) -> None:
    """The signers side by side: authority, title, room to sign, name (`signers`: 2 or 3)."""
    layout.paragraph(document, size=6)
    half = Emu(layout.TEXT_WIDTH // 2)
    table = layout.borderless_table(document, (half, half))
    loop_start = table.rows[0]
    cells = table.add_row()
    loop_end = table.add_row()
    layout.paragraph(loop_start.cells[0], "{%tr for pair in signer_rows %}", size=2)
    layout.paragraph(loop_end.cells[0], "{%tr endfor %}", size=2)
    for index, cell in enumerate(cells.cells):
        signer = f"pair[{index}]"
        layout.paragraph(cell, "{{ " + signer + ".authority }}", bold=True, space_before=12)
        layout.paragraph(cell, "{{ " + signer + ".title }}", italic=True)
        for _line in range(4):
            layout.paragraph(cell)
        layout.paragraph(cell, "{{ " + signer + ".name }}", bold=True)


def build_letter():
    """A công văn (the bargaining request, the filing letter): Decree 30 letter layout."""

    def body(document: Document) -> None:
        layout.paragraph(document, "Kính gửi: {{ addressee }}", space_after=12)
        layout.add_body(document)

    return layout.standard_template(body, letter=True)


def build_notice():
    """The publication notice (Thông báo): the standard layout."""
    return layout.standard_template()


def build_minutes():
    """The minutes of a bargaining session (Art. 70(5)): who attended, what was agreed, what is
    still disputed; signed by both sides and the minute-taker."""
    document = layout.new_document()
    layout.add_heading(document)
    layout.add_title(document)
    _lines(document, "intro")
    _heading(document, "I. THÀNH PHẦN THAM DỰ")
    layout.add_list_table(
        document,
        [
            ("STT", "{{ item.number }}", Mm(13)),
            ("Họ và tên", "{{ item.name }}", Mm(62)),
            ("Chức vụ", "{{ item.title }}", Mm(50)),
            ("Bên", "{{ item.side }}", Mm(40)),
        ],
        "members",
    )
    _heading(document, "II. CÁC NỘI DUNG ĐÃ THỎA THUẬN")
    _lines(document, "agreed")
    _heading(document, "III. CÁC NỘI DUNG CÒN Ý KIẾN KHÁC NHAU")
    _lines(document, "disputed")
    _heading(document, "IV. DIỄN BIẾN PHIÊN HỌP")
    _lines(document, "body")
    _lines(document, "closing")
    _signers(document)
    return document


def _side_by_side(document: Document) -> None:
    """An article in two columns: Vietnamese on the left, English on the right, row by row."""
    half = Emu(layout.TEXT_WIDTH // 2)
    table = layout.borderless_table(document, (half, half))
    heading = table.rows[0].cells
    layout.paragraph(
        heading[0], "Điều {{ article.number }}. {{ article.title }}", bold=True,
        align=WD_ALIGN_PARAGRAPH.LEFT, space_before=6, size=13,
    )  # fmt: skip
    layout.paragraph(
        heading[1], "Article {{ article.number }}. {{ article.title_en }}", bold=True,
        italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, space_before=6, size=13,
    )  # fmt: skip
    loop_start, cells, loop_end = table.add_row(), table.add_row(), table.add_row()
    layout.paragraph(loop_start.cells[0], "{%tr for pair in article.pairs %}", size=2)
    layout.paragraph(loop_end.cells[0], "{%tr endfor %}", size=2)
    layout.paragraph(
        cells.cells[0], "{{ pair[0] }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=4, size=13
    )
    layout.paragraph(
        cells.cells[1], "{{ pair[1] }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY, italic=True,
        space_after=4, size=13,
    )  # fmt: skip


def build_agreement():
    """The agreement (or an amendment agreement): chapters and articles, then the signatures of
    the two parties (Art. 76(4)). With `bilingual`, each article is followed by its English
    text in italics (one source, two languages)."""
    document = layout.new_document()
    layout.add_heading(document)
    layout.add_title(document)
    _lines(document, "preamble")
    layout.tag(document, "for chapter in chapters")
    layout.paragraph(document, "Chương {{ chapter.roman }}", bold=True, space_before=12)
    layout.paragraph(document, "{{ chapter.title }}", bold=True)
    layout.tag(document, "if bilingual and chapter.title_en")
    layout.paragraph(document, "{{ chapter.title_en }}", italic=True)
    layout.tag(document, "endif")
    layout.tag(document, "for article in chapter.articles")
    layout.tag(document, "if bilingual")
    _side_by_side(document)
    layout.tag(document, "else")
    layout.body_paragraph(
        document, "Điều {{ article.number }}. {{ article.title }}", bold=True, space_before=6
    )
    layout.tag(document, "for text in article.paragraphs")
    layout.body_paragraph(document, "{{ text }}")
    layout.tag(document, "endfor")
    layout.tag(document, "endif")
    layout.tag(document, "endfor")
    layout.tag(document, "endfor")
    _lines(document, "closing")
    _signers(document)
    return document
