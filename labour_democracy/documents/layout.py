"""The Decree 30/2020 base layout as python-docx building blocks, and its context.

Templates are made by code (`labour-democracy documents build`), so every document
shares one layout, each Jinja tag sits in one run (Word splits tags that are typed by hand)
and a change of layout is one edit here. Sizes and positions follow Decree 30/2020/NĐ-CP,
Appendix I, Part I: A4, margins top and bottom 20 mm, left 30 mm, right 15 mm, Times New Roman,
page numbers centred in the top margin from page 2 (I.1-7); national title and motto top
right (II.1); issuing body top left (II.2); number and symbol under it (II.3); place and date
in italics on the same line, under the motto (II.4); document type and summary (II.5); body
(II.6); signer's authority, title and name (II.7); "Nơi nhận" level with the authority (II.9).

A template made here expects the context `standard_context` builds:
    header: {superior_body, issuer, reference, place, date}
    doc_type, summary, body (list of paragraphs), signature: {authority, title, name},
    recipients (list of lines, the last "Lưu: VT, ...")
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from docx import Document as new_docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from labour_democracy.documents import rules

FONT = "Times New Roman"
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP = MARGIN_BOTTOM = Mm(20)  # 20-25 mm
MARGIN_LEFT = Mm(30)  # 30-35 mm
MARGIN_RIGHT = Mm(15)  # 15-20 mm
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

BODY_SIZE = 14  # 13-14 pt
HEADER_SIZE = 12  # national title, superior and issuing body: 12-13 pt
MOTTO_SIZE = 13  # 13-14 pt
NUMBER_SIZE = 13
RECIPIENTS_TITLE_SIZE = 12  # "Nơi nhận:" 12 pt bold italic
RECIPIENTS_SIZE = 11  # each recipient: 11 pt
FIRST_LINE_INDENT = Mm(12.7)  # 1 cm or 1.27 cm
# The header's left column holds the issuing body; the right one the national title, which is
# the longest fixed line and must not wrap at 12 pt bold.
HEADER_LEFT, HEADER_RIGHT = Mm(68), TEXT_WIDTH - Mm(68)
SIGNATURE_LEFT, SIGNATURE_RIGHT = Mm(80), TEXT_WIDTH - Mm(80)
CELL_PADDING = Mm(1.9)  # Word's default left and right cell margin

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS_TITLE = "Nơi nhận:"

Container = Document | _Cell
# The elements that follow <w:pBdr> inside <w:pPr> (ECMA-376 order, which Word enforces).
_AFTER_BORDERS = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:spacing",
    "w:ind",
    "w:jc",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
BodyBuilder = Callable[[Document], None]


# Low-level pieces ------------------------------------------------------------------------------


def paragraph(
    container: Container,
    text: str = "",
    *,
    size: int = BODY_SIZE,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    space_before: int = 0,
    space_after: int = 0,
    first_line_indent: Length | None = None,
    line_spacing: float = 1.0,
) -> Paragraph:
    """A paragraph with one run (so a Jinja tag in `text` is never split)."""
    if isinstance(container, _Cell) and _is_blank_first(container):
        target = container.paragraphs[0]
    else:
        target = container.add_paragraph()
    fmt = target.paragraph_format
    fmt.alignment = align
    fmt.space_before, fmt.space_after = Pt(space_before), Pt(space_after)
    fmt.line_spacing = line_spacing
    if first_line_indent is not None:
        fmt.first_line_indent = first_line_indent
    if text:
        run = target.add_run(text)
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.italic = italic
    _mark_size(target, size)
    return target


def tag(container: Container, statement: str) -> Paragraph:
    """A docxtpl paragraph tag, e.g. `tag(doc, "for line in recipients")`: docxtpl removes
    the paragraph that holds it."""
    return paragraph(container, "{%p " + statement + " %}", size=2)


def rule(container: Container, width: Length, available: Length) -> Paragraph:
    """A centred solid line `width` long: the rules under the issuing body, the motto and the
    summary. Drawn as the top border of an empty, 4-pt-high paragraph."""
    line = paragraph(container, size=4, space_before=3)
    side = max(0, int((available - width) / 2))
    line.paragraph_format.left_indent = Length(side)
    line.paragraph_format.right_indent = Length(side)
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        top.set(qn(f"w:{key}"), value)
    borders.append(top)
    line._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_BORDERS)
    return line


def borderless_table(document: Document, widths: Iterable[Length]) -> Table:
    widths = list(widths)
    table = document.add_table(rows=1, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.insert_element_before(layout, "w:tblCellMar", "w:tblLook")
    set_widths(table, widths)
    return table


def set_widths(table: Table, widths: list[Length]) -> None:
    """Column widths in the grid (what LibreOffice reads) and in every cell (what Word reads)."""
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _is_blank_first(cell: _Cell) -> bool:
    first = cell.paragraphs[0]
    return len(cell.paragraphs) == 1 and not first.runs and first.paragraph_format.alignment is None


def _mark_size(target: Paragraph, size: int) -> None:
    # The paragraph mark's size sets the height of an empty line and of a tag paragraph.
    properties = target._p.get_or_add_pPr()
    mark = OxmlElement("w:rPr")
    for name in ("w:sz", "w:szCs"):
        element = OxmlElement(name)
        element.set(qn("w:val"), str(size * 2))
        mark.append(element)
    properties.append(mark)


def _set_fonts(rpr) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]  # theme fonts would win over the named font
    for key in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{key}"), FONT)


# Page and styles --------------------------------------------------------------------------------


def new_document() -> Document:
    """An empty A4 document with the Decree's margins, font and page numbers."""
    document = new_docx()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance = section.footer_distance = Mm(10)

    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr)
    rpr.find(qn("w:lang")).set(qn("w:val"), "vi-VN")
    for style_name in ("Normal", "Header", "Footer"):
        style = document.styles[style_name]
        style.font.name = FONT
        style.font.size = Pt(BODY_SIZE)
        _set_fonts(style.element.get_or_add_rPr())
    normal = document.styles["Normal"].paragraph_format
    normal.space_after, normal.line_spacing = Pt(0), 1.0

    # Page numbers: Arabic, centred in the top margin, none on the first page.
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    number._p.append(field)

    properties = document.core_properties
    properties.author = properties.comments = properties.title = ""
    properties.language = "vi-VN"
    return document


# The parts every document shares ---------------------------------------------------------------


def add_heading(document: Document, *, letter: bool = False) -> Table:
    """Issuing body, number, national title, motto, place and date (two rows, no borders).

    A letter (công văn) prints its summary as "V/v ..." under the number instead of a title.
    """
    table = borderless_table(document, (HEADER_LEFT, HEADER_RIGHT))
    left, right = table.rows[0].cells
    tag(left, "if header.superior_body")
    paragraph(left, "{{ header.superior_body }}", size=HEADER_SIZE)
    tag(left, "endif")
    paragraph(left, "{{ header.issuer }}", size=HEADER_SIZE, bold=True)
    rule(left, Mm(25), HEADER_LEFT - 2 * CELL_PADDING)
    paragraph(right, NATIONAL_TITLE, size=HEADER_SIZE, bold=True)
    paragraph(right, MOTTO, size=MOTTO_SIZE, bold=True)
    rule(right, Mm(62), HEADER_RIGHT - 2 * CELL_PADDING)

    left, right = table.add_row().cells
    paragraph(left, "Số: {{ header.reference }}", size=NUMBER_SIZE, space_before=6)
    if letter:
        paragraph(left, "V/v {{ summary }}", size=HEADER_SIZE, space_before=3)
    paragraph(
        right,
        "{{ header.place }}, {{ header.date|long_date }}",
        size=BODY_SIZE,
        italic=True,
        space_before=6,
    )
    return table


def add_title(document: Document) -> None:
    """Document type and summary, centred and bold, a short rule below."""
    paragraph(document, "{{ doc_type }}", bold=True, space_before=18)
    paragraph(document, "{{ summary }}", bold=True)
    rule(document, Mm(40), TEXT_WIDTH)
    paragraph(document, size=6)


def add_body(document: Document) -> None:
    """The body: one justified paragraph per item of `body`."""
    tag(document, "for text in body")
    body_paragraph(document, "{{ text }}")
    tag(document, "endfor")


def body_paragraph(document: Container, text: str, **style: Any) -> Paragraph:
    """A paragraph in the body style: justified, first line indented, 6 pt after."""
    options: dict[str, Any] = {
        "align": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "first_line_indent": FIRST_LINE_INDENT,
        "space_after": 6,
        "line_spacing": 1.15,
    }
    options.update(style)
    return paragraph(document, text, **options)


def add_signature(document: Document) -> Table:
    """ "Nơi nhận" on the left, the signer's authority, title and name on the right."""
    paragraph(document, size=6)
    table = borderless_table(document, (SIGNATURE_LEFT, SIGNATURE_RIGHT))
    left, right = table.rows[0].cells
    paragraph(
        left,
        RECIPIENTS_TITLE,
        size=RECIPIENTS_TITLE_SIZE,
        bold=True,
        italic=True,
        align=WD_ALIGN_PARAGRAPH.LEFT,
    )
    tag(left, "for line in recipients")
    paragraph(left, "- {{ line }}", size=RECIPIENTS_SIZE, align=WD_ALIGN_PARAGRAPH.LEFT)
    tag(left, "endfor")
    tag(right, "if signature.authority")
    paragraph(right, "{{ signature.authority }}", bold=True)
    tag(right, "endif")
    paragraph(right, "{{ signature.title }}", bold=True)
    for _ in range(4):  # room for the signature and the seal
        paragraph(right)
    paragraph(right, "{{ signature.name }}", bold=True)
    return table


def _recipients(cell: _Cell) -> None:
    paragraph(
        cell,
        RECIPIENTS_TITLE,
        size=RECIPIENTS_TITLE_SIZE,
        bold=True,
        italic=True,
        align=WD_ALIGN_PARAGRAPH.LEFT,
    )
    tag(cell, "for line in recipients")
    paragraph(cell, "- {{ line }}", size=RECIPIENTS_SIZE, align=WD_ALIGN_PARAGRAPH.LEFT)
    tag(cell, "endfor")


def add_signers(
    document: Document, key: str, columns: int, *, rows: int = 1, recipients: bool = False
) -> Table:
    """Side-by-side signatures from the context list `key` (at least `columns` entries, each a
    `title`, the `side` they sign for and a `name`; an entry with empty strings leaves its
    column blank), aligned across, in `rows` rows; with `recipients`, "Nơi nhận" in a first
    column, level with the signers' titles (Decree 30/2020, Appendix I, II.9)."""
    paragraph(document, size=6)
    count = columns + (1 if recipients else 0)
    width = Length(TEXT_WIDTH // count)
    table = borderless_table(document, [width] * count)
    for _ in range(rows - 1):
        table.add_row()
    set_widths(table, [width] * count)
    cells = [cell for row in table.rows for cell in row.cells]
    if recipients:
        _recipients(cells.pop(0))
        cells = [cell for n, cell in enumerate(cells) if (n + 1) % count]  # first column: once
    for index, cell in enumerate(cells):
        signer = f"{key}[{index}]"
        paragraph(cell, "{{ " + signer + ".title }}", size=13, bold=True)
        paragraph(cell, "{{ " + signer + ".side }}", size=12, italic=True)
        for _line in range(4):  # room for the signature
            paragraph(cell)
        paragraph(cell, "{{ " + signer + ".name }}", size=13, bold=True)
    return table


def add_list_table(
    document: Document, columns: list[tuple[str, str, Length]], items: str, size: int = 13
) -> Table:
    """A bordered table with a header row and one row per item of the context list `items`:
    `columns` are (heading, Jinja expression over `item`, width), e.g.
    `("Họ và tên", "{{ item.name }}", Mm(60))`."""
    table = document.add_table(rows=4, cols=len(columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_widths(table, [width for _, _, width in columns])
    heading, loop_start, cells, loop_end = table.rows
    for index, (title, expression, _) in enumerate(columns):
        paragraph(heading.cells[index], title, size=size, bold=True)
        paragraph(cells.cells[index], expression, size=size, align=WD_ALIGN_PARAGRAPH.LEFT)
    paragraph(loop_start.cells[0], "{%tr for item in " + items + " %}", size=2)
    paragraph(loop_end.cells[0], "{%tr endfor %}", size=2)
    return table


def standard_template(body: BodyBuilder = add_body, *, letter: bool = False) -> Document:
    """A whole template: heading, title (not for letters), `body`, signature block."""
    document = new_document()
    add_heading(document, letter=letter)
    if letter:
        paragraph(document, size=12)
    else:
        add_title(document)
    body(document)
    add_signature(document)
    return document


# The context ------------------------------------------------------------------------------------


def standard_context(
    *,
    issuer: str,
    place: str,
    date: dt.date,
    doc_type: str,
    summary: str,
    signer_title: str,
    signer_name: str,
    recipients: Iterable[str],
    body: Iterable[str] = (),
    signer_authority: str = "",
    superior_body: str | None = None,
    reference: str = "",
    **extra: Any,
) -> dict[str, Any]:
    """The keys every template made by `standard_template` reads, in the Decree's case.

    `issuer` is the issuing body's name; `doc_type` e.g. "THÔNG BÁO" ("" for a letter);
    `reference` is filled by `documents.services.issue` when the document is numbered;
    `extra` adds the keys of a custom body.
    """
    return {
        "header": {
            "superior_body": rules.single_line(superior_body).upper() if superior_body else None,
            "issuer": rules.single_line(issuer).upper(),
            "reference": reference,
            "place": rules.single_line(place),
            "date": date,
        },
        "doc_type": rules.single_line(doc_type).upper(),
        "summary": rules.single_line(summary),
        "body": [line for text in body for line in rules.paragraphs(text)],
        "signature": {
            "authority": rules.single_line(signer_authority).upper(),
            "title": rules.single_line(signer_title).upper(),
            "name": rules.single_line(signer_name),
        },
        "recipients": rules.recipient_lines(recipients),
        **extra,
    }
