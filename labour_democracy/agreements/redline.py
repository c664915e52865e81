"""Comparing two versions of an agreement: the side-by-side rows of the page and a .docx with
real Word tracked changes (w:ins / w:del), which a lawyer accepts or rejects in Word or
LibreOffice. Pure: two texts (chapters with their articles, as `ledger.text_of` makes them) in,
rows or bytes out.

Like the voting engine's slips, the .docx is written directly as WordprocessingML: a tracked
change is markup docxtpl cannot produce, and the comparison is rendered on demand, not issued.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

AUTHOR = "labour-democracy"
_WORD = re.compile(r"\s+|[^\s]+")


def paragraphs(text: list[dict]) -> list[tuple[str, str]]:
    """The agreement as (style, text) paragraphs: chapter headings, article headings, lines."""
    out: list[tuple[str, str]] = []
    for chapter in text:
        if not chapter["articles"]:
            continue
        out.append(("chapter", f"Chương {chapter['number']}. {chapter['title']}"))
        for article in chapter["articles"]:
            out.append(("article", f"Điều {article['number']}. {article['title']}"))
            out.extend(("body", line) for line in article["text"].splitlines() if line.strip())
    return out


@dataclass(frozen=True)
class Piece:
    kind: str  # "same", "ins", "del"
    text: str


def word_diff(old: str, new: str) -> list[Piece]:
    """The words kept, deleted and inserted from `old` to `new`."""
    a, b = _WORD.findall(old), _WORD.findall(new)
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            pieces.append(Piece("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("del", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("ins", "".join(b[j1:j2])))
    return pieces


@dataclass(frozen=True)
class Row:
    """One paragraph of the comparison: `change` is same / changed / inserted / deleted."""

    style: str
    change: str
    old: str
    new: str
    pieces: tuple[Piece, ...]


def compare(old_text: list[dict], new_text: list[dict]) -> list[Row]:
    """Paragraphs aligned between the versions; a replaced paragraph paired with its successor
    is diffed word by word, the rest are whole insertions or deletions."""
    old, new = paragraphs(old_text), paragraphs(new_text)
    rows: list[Row] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [Row(s, "same", t, t, (Piece("same", t),)) for s, t in old[i1:i2]]
            continue
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(pairs):
            (style, before), (_style, after) = old[i1 + k], new[j1 + k]
            rows.append(Row(style, "changed", before, after, tuple(word_diff(before, after))))
        rows += [Row(s, "deleted", t, "", (Piece("del", t),)) for s, t in old[i1 + pairs : i2]]
        rows += [Row(s, "inserted", "", t, (Piece("ins", t),)) for s, t in new[j1 + pairs : j2]]
    return rows


# WordprocessingML ---------------------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.settings+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/settings" Target="settings.xml"/></Relationships>'
)
# Word opens the document showing the markup, with change tracking on for further edits.
_SETTINGS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings xmlns:w="{_W}">'
    "<w:trackRevisions/></w:settings>"
)
# Decree 30/2020 page: A4, margins 20/15/20/30 mm (in twentieths of a point).
_SECTION = (
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="720" '
    'w:footer="720" w:gutter="0"/></w:sectPr>'
)
_STYLE = {
    "title": ('<w:jc w:val="center"/>', True),
    "chapter": ('<w:jc w:val="center"/><w:spacing w:before="240"/>', True),
    "article": ('<w:jc w:val="both"/><w:spacing w:before="120"/>', True),
    "body": ('<w:jc w:val="both"/><w:ind w:firstLine="720"/><w:spacing w:after="120"/>', False),
}


class _Revisions:
    def __init__(self, date: str) -> None:
        self.next_id = 1
        self.date = date

    def attributes(self) -> str:
        number = self.next_id
        self.next_id += 1
        return f'w:id="{number}" w:author="{AUTHOR}" w:date="{self.date}"'


def _run_properties(bold: bool) -> str:
    fonts = '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>'
    return f'<w:rPr>{fonts}{"<w:b/>" if bold else ""}<w:sz w:val="28"/></w:rPr>'


def _paragraph(row: Row, revisions: _Revisions) -> str:
    paragraph_style, bold = _STYLE[row.style]
    rpr = _run_properties(bold)
    mark = ""
    if row.change == "inserted":
        mark = f"<w:rPr><w:ins {revisions.attributes()}/></w:rPr>"
    elif row.change == "deleted":
        mark = f"<w:rPr><w:del {revisions.attributes()}/></w:rPr>"
    runs = []
    for piece in row.pieces:
        text = escape(piece.text)
        if piece.kind == "same":
            runs.append(f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>')
        elif piece.kind == "ins":
            runs.append(
                f"<w:ins {revisions.attributes()}><w:r>{rpr}"
                f'<w:t xml:space="preserve">{text}</w:t></w:r></w:ins>'
            )
        else:
            runs.append(
                f"<w:del {revisions.attributes()}><w:r>{rpr}"
                f'<w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>'
            )
    return f"<w:p><w:pPr>{paragraph_style}{mark}</w:pPr>{''.join(runs)}</w:p>"


def redline_docx(
    title: str, old_text: list[dict], new_text: list[dict], moment: dt.datetime | None = None
) -> bytes:
    """A .docx of `new_text` with every difference from `old_text` as a tracked change."""
    moment = moment or dt.datetime.now(dt.UTC)
    revisions = _Revisions(moment.strftime("%Y-%m-%dT%H:%M:%SZ"))
    heading = Row("title", "same", title, title, (Piece("same", title),))
    body = "".join(_paragraph(row, revisions) for row in [heading, *compare(old_text, new_text)])
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_W}"><w:body>{body}{_SECTION}</w:body></w:document>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/_rels/document.xml.rels", _DOCUMENT_RELS)
        archive.writestr("word/settings.xml", _SETTINGS)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()
