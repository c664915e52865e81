"""Ballot slips: one .docx, several slips per A4 page, each with its code and a QR code.

A thousand slips must come out in seconds, so this does not loop a template engine over them:
the QR codes are encoded with a fixed mask (the automatic mask search is most of segno's time)
and written as tiny 1-bit PNGs by hand; the slips are WordprocessingML built as text and put
into a page set up by python-docx, with the images added to the package directly (python-docx's
own image API rescans every part name per image, quadratic in the number of slips); the work
runs in a thread off the event loop. The QR carries the code in the URL's fragment
(`https://host/v#code=CODE`): a browser never sends a fragment to a server, so no proxy or
server log records it; a small script on the page (static/voter-code.js) puts it into the form.

The slips are streamed to the organiser and never stored: the plain codes exist only on paper.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from xml.sax.saxutils import escape

import anyio
import segno
from docx.shared import Length, Mm

from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.documents import layout
from labour_democracy.settings import get_settings
from labour_democracy.voting import rules, services
from labour_democracy.voting.schemas import IssuedCode
from labour_democracy.voting.tables import Ballot, Channels, ElectionMethod, QuestionKind

_QR_EMU = int(Mm(26))
_FONT = layout.FONT
# The Decree 30 page (A4, margins 20/20/30/15 mm) in twentieths of a point.
_TEXT_WIDTH_TWIPS = int(Length(layout.TEXT_WIDTH).twips)
_TEXT_HEIGHT_TWIPS = int(
    Length(layout.PAGE_HEIGHT - layout.MARGIN_TOP - layout.MARGIN_BOTTOM).twips
)
_PAGE_LINES = 48  # lines of 13 pt text on that page (257 mm at about 5.3 mm a line)
_SCALE, _BORDER = 4, 2
# Two modules per output byte at scale 4: white is 1 in a 1-bit grey PNG.
_PAIR = {(a, b): ((0xF0 if a else 0) | (0x0F if b else 0)) for a in (0, 1) for b in (0, 1)}


def voting_url(code: str) -> str:
    """The slip's QR link. Older slips carry `/V/CODE` or `/v?c=CODE`, which still work."""
    return f"{get_settings().base_url.rstrip('/')}/v#code={code}"


def qr_png(text: str) -> bytes:
    matrix = segno.make_qr(text, error="m", mask=0).matrix
    size = (len(matrix) + 2 * _BORDER) * _SCALE
    width = len(matrix) + 2 * _BORDER
    padded = width + (width % 2)
    white_row = b"\x00" + bytes(_PAIR[(1, 1)] for _ in range(padded // 2))
    rows = [white_row] * (_BORDER * _SCALE)
    for modules in matrix:
        light = (
            [1] * _BORDER
            + [0 if dark else 1 for dark in modules]
            + [1] * (padded - width + _BORDER)
        )
        line = b"\x00" + bytes(_PAIR[(light[i], light[i + 1])] for i in range(0, padded, 2))
        rows += [line] * _SCALE
    rows += [white_row] * (_BORDER * _SCALE)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", size, size, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 6))
        + chunk(b"IEND", b"")
    )


# Slips are read by everyone, on paper, at arm's length: Times New Roman like every printed
# document, and no text under 13 pt (the code and the heading larger).
_TEXT, _HEADING, _CODE = 26, 28, 32  # half-points


def _run(
    text: str,
    size_half_points: int = _TEXT,
    bold: bool = False,
    italic: bool = False,
    spaced: bool = False,
) -> str:
    props = f'<w:sz w:val="{size_half_points}"/><w:szCs w:val="{size_half_points}"/>'
    if spaced:  # the code's characters a little apart, easy to copy by hand
        props = '<w:spacing w:val="30"/>' + props
    if italic:
        props = "<w:i/>" + props
    if bold:
        props = "<w:b/>" + props
    props = f'<w:rFonts w:ascii="{_FONT}" w:hAnsi="{_FONT}" w:cs="{_FONT}"/>' + props
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _paragraph(*runs: str, center: bool = False, after: int = 40) -> str:
    align = '<w:jc w:val="center"/>' if center else ""
    spacing = f'<w:spacing w:before="0" w:after="{after}"/>'
    return f"<w:p><w:pPr>{spacing}{align}</w:pPr>{''.join(runs)}</w:p>"


def qr_picture_run(relationship: str, number: int) -> str:
    """A WordprocessingML run showing the image of `relationship` at the QR size (shared by
    the conference invitations)."""
    return (
        f'<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{_QR_EMU}" cy="{_QR_EMU}"/><wp:docPr id="{number}" name="QR {number}"/>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:nvPicPr><pic:cNvPr id="{number}" name="qr{number}.png"/><pic:cNvPicPr/>'
        f'</pic:nvPicPr><pic:blipFill><a:blip r:embed="{relationship}"/><a:stretch><a:fillRect/>'
        f'</a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{_QR_EMU}" cy="{_QR_EMU}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        "</a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>"
        "</w:r>"
    )


def _slip_heading(ballot: Ballot, questions: list[dict]) -> str:
    kinds = {q["kind"] for q in questions}
    if kinds == {QuestionKind.ELECTION}:
        return "PHIẾU BẦU CỬ"
    if ballot.purpose == "consultation":
        return "PHIẾU LẤY Ý KIẾN"
    return "PHIẾU BIỂU QUYẾT"


def _paper_questions(questions: list[dict]) -> list[str]:
    """The questions as they are marked on paper, in Vietnamese like every printed document."""
    paragraphs = []
    for question in questions:
        paragraphs.append(
            _paragraph(_run(f"{question['position']}. {question['text']}", bold=True), after=20)
        )
        if question["kind"] == QuestionKind.ELECTION:
            how = (
                "Gạch ngang tên người không bầu; giữ lại tối đa {n} tên."
                if question["method"] == ElectionMethod.STRIKE
                else "Đánh dấu ✓ vào tối đa {n} người."
            ).format(n=question["seats"])
            paragraphs.append(_paragraph(_run(how, italic=True), after=20))
        labels = {"for": "Tán thành", "against": "Không tán thành", "abstain": "Không ý kiến"}
        for option in question["options"]:
            label = labels.get(option["role"], option["label"])
            if option.get("detail"):
                label = f"{label} ({option['detail']})"
            box = "" if question["method"] == ElectionMethod.STRIKE else "☐ "
            paragraphs.append(_paragraph(_run(f"{box}{label}"), after=0))
    return paragraphs


def _lines(texts: list[str], characters_per_line: int) -> int:
    return sum(-(-max(1, len(text)) // characters_per_line) for text in texts)


def _slips_per_page(texts: list[str], qr: bool) -> tuple[int, int, bool]:
    """(rows, columns, fits) of slips on an A4 page for a slip of these paragraphs: two
    columns while a slip fits half the width, as many rows as fit the page's height; `fits`
    is False for a slip longer than a page (its row may then break across pages)."""
    for columns, characters in ((2, 34), (1, 80)):
        lines = _lines(texts, characters) + (6 if qr else 0) + 1
        rows = min(4, _PAGE_LINES // lines)
        if rows >= 1:
            return rows, columns, True
    return 1, 1, False


def build(
    enterprise_name: str, ballot: Ballot, questions: list[dict], issued: list[IssuedCode]
) -> bytes:
    document = layout.new_document()
    section = document.sections[0]
    section.different_first_page_header_footer = False
    for paragraph in section.header.paragraphs:  # no page number on slips that are cut apart
        paragraph._p.getparent().remove(paragraph._p)
    paper = ballot.channels != Channels.ONLINE
    question_paragraphs = "".join(_paper_questions(questions)) if paper else ""
    question_texts = (
        [q["text"] for q in questions] + [o["label"] for q in questions for o in q["options"]]
        if paper
        else []
    )
    heading = _slip_heading(ballot, questions)
    instructions = (
        f"Quét mã QR bằng điện thoại hoặc vào {get_settings().base_url}/v và nhập mã. "
        "Mỗi mã chỉ dùng một lần, trên điện thoại hoặc trên giấy."
    )
    if ballot.channels == Channels.PAPER:
        instructions = "Bỏ phiếu này vào hòm phiếu. Mỗi phiếu chỉ được bỏ một lần."
    rows, columns, fits = _slips_per_page(
        [
            enterprise_name,
            heading + " Số: 0000",
            ballot.title,
            "Mã bỏ phiếu:",
            "XXXX-XXXX-XXXX",
            instructions,
            *question_texts,
        ]
        + [f"Họ và tên: {slip.elector_name}" for slip in issued[:1] if slip.elector_name],
        ballot.channels != Channels.PAPER,
    )

    cells, images = [], []
    for number, slip in enumerate(issued, start=1):
        relationship = f"rIdQr{number}"
        images.append((relationship, f"media/qr{number}.png", qr_png(voting_url(slip.code))))
        parts = [
            _paragraph(_run(enterprise_name.upper(), bold=True), center=True),
            _paragraph(
                _run(heading, _HEADING, bold=True), _run(f"   Số: {slip.serial:04d}"), center=True
            ),
            _paragraph(_run(ballot.title, italic=True), center=True, after=60),
        ]
        if slip.elector_name:
            parts.append(_paragraph(_run(f"Họ và tên: {slip.elector_name}"), after=40))
        if ballot.channels != Channels.PAPER:
            parts.append(_paragraph(qr_picture_run(relationship, number), center=True, after=20))
        parts += [
            _paragraph(_run("Mã bỏ phiếu:"), center=True, after=0),
            _paragraph(
                _run(rules.format_code(slip.code), _CODE, bold=True, spaced=True), center=True
            ),
            _paragraph(_run(instructions, italic=True), center=True, after=60),
            question_paragraphs,
        ]
        cells.append("".join(parts))
    return _package(document, _table(cells, rows, columns, fits), images)


def _table(cells: list[str], rows: int, columns: int, fits: bool) -> str:
    """One table of all the slips, `rows` x `columns` per page. The rows flow from page to page
    (no page-break paragraphs, which gave a blank page after every full one), each row's height
    a fraction of the page less a margin, so the paragraph Word needs after a table still fits
    on the last page; a row never splits across pages."""
    border = (
        "<w:tblBorders>"
        + "".join(
            f'<w:{side} w:val="dashed" w:sz="4" w:space="0" w:color="808080"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        + "</w:tblBorders>"
    )
    width = int(_TEXT_WIDTH_TWIPS / columns)
    height = int((_TEXT_HEIGHT_TWIPS - 400) / rows)
    cells = cells + ([_paragraph()] * ((-len(cells)) % columns))
    table_rows = []
    row_properties = (
        f'<w:trPr><w:cantSplit/><w:trHeight w:val="{height}" w:hRule="exact"/></w:trPr>'
        if fits
        else '<w:trPr><w:trHeight w:val="400" w:hRule="atLeast"/></w:trPr>'
    )
    for start in range(0, len(cells), columns):
        row_cells = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{cell}</w:tc>'
            for cell in cells[start : start + columns]
        )
        table_rows.append(f"<w:tr>{row_properties}{row_cells}</w:tr>")
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in range(columns))
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{width * columns}" w:type="dxa"/>{border}'
        f'<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="100" w:type="dxa"/>'
        f'<w:right w:w="100" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
        f"{''.join(table_rows)}</w:tbl>"
        '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="40" w:lineRule="exact"/>'
        '<w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>'
    )


def _package(document, body: str, images: list[tuple[str, str, bytes]]) -> bytes:
    """Save the page set-up, then write the body and the images into the package."""
    document.add_paragraph("SLIPS-BODY")
    blank = io.BytesIO()
    document.save(blank)
    blank.seek(0)
    output = io.BytesIO()
    relationships = "".join(
        f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/image" Target="{target}"/>'
        for rid, target, _png in images
    )
    with (
        zipfile.ZipFile(blank) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as package,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode()
                start = text.index("<w:p>", text.index("<w:body>"))
                end = text.index("</w:p>", start) + len("</w:p>")
                if "SLIPS-BODY" not in text[start:end]:
                    raise RuntimeError("slip placeholder not found")
                data = (text[:start] + body + text[end:]).encode()
            elif item.filename == "word/_rels/document.xml.rels":
                data = (
                    data.decode()
                    .replace("</Relationships>", relationships + "</Relationships>")
                    .encode()
                )
            elif item.filename == "[Content_Types].xml" and b'Extension="png"' not in data:
                data = (
                    data.decode()
                    .replace(
                        "<Default ",
                        '<Default Extension="png" ContentType="image/png"/><Default ',
                        1,
                    )
                    .encode()
                )
            package.writestr(item, data)
        for _rid, target, png in images:
            package.writestr(zipfile.ZipInfo(f"word/{target}"), png, zipfile.ZIP_STORED)
    return output.getvalue()


async def render(context: EnterpriseContext, ballot: Ballot, issued: list[IssuedCode]) -> bytes:
    questions = await services.questions_with_options(ballot.id)
    return await anyio.to_thread.run_sync(build, context.enterprise.name, ballot, questions, issued)


def sample(count: int = 10) -> bytes:
    """Slips of a sample vote on paper and by phone (for `documents samples`)."""
    ballot = Ballot(
        enterprise=1,
        purpose="consultation",
        title="Lấy ý kiến về quy chế thưởng năm 2027",
        channels=Channels.BOTH,
        quorum_rule="",
        quorum_source="",
        quorum_minimum="",
        public_token="x",
    )
    options = [
        {"role": role, "label": label}
        for role, label in (("for", "For"), ("against", "Against"), ("abstain", "Abstain"))
    ]
    questions = [
        {
            "position": 1,
            "kind": QuestionKind.MOTION,
            "method": "",
            "seats": 1,
            "text": "Tán thành dự thảo quy chế thưởng năm 2027?",
            "options": options,
        }
    ]
    issued = [IssuedCode(serial=n, code=f"ABCD{n:04d}EFGH") for n in range(1, count + 1)]
    return build("Công ty TNHH May Sông Hồng", ballot, questions, issued)
