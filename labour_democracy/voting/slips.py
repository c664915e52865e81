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
from docx import Document
from docx.shared import Mm

from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.settings import get_settings
from labour_democracy.voting import rules, services
from labour_democracy.voting.schemas import IssuedCode
from labour_democracy.voting.tables import Ballot, Channels, ElectionMethod, QuestionKind

_QR_EMU = int(Mm(26))
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


def _run(
    text: str,
    size_half_points: int = 20,
    bold: bool = False,
    italic: bool = False,
    mono: bool = False,
) -> str:
    props = f'<w:sz w:val="{size_half_points}"/>'
    if bold:
        props = "<w:b/>" + props
    if italic:
        props = "<w:i/>" + props
    if mono:
        props = '<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/>' + props
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
            _paragraph(_run(f"{question['position']}. {question['text']}", 18, bold=True), after=20)
        )
        if question["kind"] == QuestionKind.ELECTION:
            how = (
                "Gạch ngang tên người không bầu; giữ lại tối đa {n} tên."
                if question["method"] == ElectionMethod.STRIKE
                else "Đánh dấu ✓ vào tối đa {n} người."
            ).format(n=question["seats"])
            paragraphs.append(_paragraph(_run(how, 16, italic=True), after=20))
        labels = {"for": "Tán thành", "against": "Không tán thành", "abstain": "Không ý kiến"}
        for option in question["options"]:
            label = labels.get(option["role"], option["label"])
            if option.get("detail"):
                label = f"{label} ({option['detail']})"
            box = "" if question["method"] == ElectionMethod.STRIKE else "☐ "
            paragraphs.append(_paragraph(_run(f"{box}{label}", 18), after=0))
    return paragraphs


def _slips_per_page(lines: int) -> tuple[int, int]:
    """(rows, columns) of slips on an A4 page for a slip of about `lines` lines."""
    if lines <= 10:
        return 4, 2
    if lines <= 22:
        return 2, 2
    if lines <= 45:
        return 2, 1
    return 1, 1


def build(
    enterprise_name: str, ballot: Ballot, questions: list[dict], issued: list[IssuedCode]
) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(10)
    section.left_margin = section.right_margin = Mm(10)
    paper = ballot.channels != Channels.ONLINE
    question_paragraphs = "".join(_paper_questions(questions)) if paper else ""
    lines = 8 + (sum(2 + len(q["options"]) for q in questions) if paper else 0)
    rows, columns = _slips_per_page(lines)
    heading = _slip_heading(ballot, questions)
    instructions = (
        f"Quét mã QR bằng điện thoại hoặc vào {get_settings().base_url}/v và nhập mã. "
        "Mỗi mã chỉ dùng một lần, trên điện thoại hoặc trên giấy."
    )
    if ballot.channels == Channels.PAPER:
        instructions = "Bỏ phiếu này vào hòm phiếu. Mỗi phiếu chỉ được bỏ một lần."

    cells, images = [], []
    for number, slip in enumerate(issued, start=1):
        relationship = f"rIdQr{number}"
        images.append((relationship, f"media/qr{number}.png", qr_png(voting_url(slip.code))))
        parts = [
            _paragraph(_run(enterprise_name.upper(), 16, bold=True), center=True),
            _paragraph(
                _run(heading, 24, bold=True), _run(f"   Số: {slip.serial:04d}", 18), center=True
            ),
            _paragraph(_run(ballot.title, 18, italic=True), center=True, after=60),
        ]
        if slip.elector_name:
            parts.append(_paragraph(_run(f"Họ và tên: {slip.elector_name}", 18), after=40))
        if ballot.channels != Channels.PAPER:
            parts.append(_paragraph(qr_picture_run(relationship, number), center=True, after=20))
        parts += [
            _paragraph(
                _run("Mã bỏ phiếu: ", 18),
                _run(rules.format_code(slip.code), 26, bold=True, mono=True),
                center=True,
            ),
            _paragraph(_run(instructions, 14, italic=True), center=True, after=60),
            question_paragraphs,
        ]
        cells.append("".join(parts))

    border = (
        "<w:tblBorders>"
        + "".join(
            f'<w:{side} w:val="dashed" w:sz="4" w:space="0" w:color="808080"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        + "</w:tblBorders>"
    )
    width = int(190 / columns * 56.7)  # twentieths of a point per column
    row_height = int(277 / rows * 56.7) - 20
    per_page = rows * columns
    body = []
    for start in range(0, len(cells), per_page):
        page = cells[start : start + per_page]
        page += [_paragraph()] * (per_page - len(page))
        table_rows = []
        for r in range(rows):
            row_cells = "".join(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{cell}</w:tc>'
                for cell in page[r * columns : (r + 1) * columns]
            )
            table_rows.append(
                f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{row_height}" '
                f'w:hRule="exact"/></w:trPr>{row_cells}</w:tr>'
            )
        grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in range(columns))
        body.append(
            f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/>{border}'
            f'<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
            f"{''.join(table_rows)}</w:tbl>"
        )
        if start + per_page < len(cells):
            body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
    return _package(document, "".join(body), images)


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
