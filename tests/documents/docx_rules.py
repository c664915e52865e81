"""What every issued document must satisfy, read back from its .docx (and PDF): each function
returns the problems it finds, so a failing test names them all.

Decree 30/2020/NĐ-CP, Appendix I: A4, margins top/bottom 20-25 mm, left 30-35 mm, right
15-20 mm; Times New Roman; "ngày 05 tháng 02" but "ngày 16 tháng 6" (a leading zero only for
days below 10 and months 1 and 2); a number after "Số:". And what a clerk needs to sign
without editing: no tag left, no English or French, signature blocks kept together.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po
from lxml import etree

from tests.legal_citations import citation_problems as legal_citations

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
LOCALE = Path(__file__).resolve().parents[2] / "labour_democracy" / "locale"
FONT = "Times New Roman"
MM = 1440 / 25.4  # twips per millimetre


def _q(name: str) -> str:
    return f"{{{W}}}{name}"


def parts(content: bytes) -> dict[str, etree._Element]:
    """The XML parts with text or fonts: body, headers, footers, styles."""
    package = zipfile.ZipFile(io.BytesIO(content))
    return {
        name: etree.fromstring(package.read(name))
        for name in package.namelist()
        if re.fullmatch(r"word/(document|styles|header\d*|footer\d*)\.xml", name)
    }


def paragraph_text(paragraph: etree._Element) -> str:
    return "".join(paragraph.itertext(_q("t")))


def texts(content: bytes) -> list[str]:
    found = []
    for name, root in parts(content).items():
        if name != "word/styles.xml":
            found += [paragraph_text(p) for p in root.iter(_q("p"))]
    return found


# Page and fonts ---------------------------------------------------------------------------------


def page_problems(content: bytes) -> list[str]:
    problems = []
    body = parts(content)["word/document.xml"]
    for section in body.iter(_q("sectPr")):
        size, margins = section.find("w:pgSz", NS), section.find("w:pgMar", NS)
        width, height = int(size.get(_q("w"))), int(size.get(_q("h")))
        if abs(width - 210 * MM) > 3 or abs(height - 297 * MM) > 3:
            problems.append(f"page is {width / MM:.0f} x {height / MM:.0f} mm, not A4 portrait")
        for side, low, high in (
            ("top", 20, 25),
            ("bottom", 20, 25),
            ("left", 30, 35),
            ("right", 15, 20),
        ):
            value = abs(int(margins.get(_q(side)))) / MM
            if not low - 0.1 <= value <= high + 0.1:
                problems.append(f"{side} margin {value:.1f} mm (Decree 30: {low}-{high} mm)")
    return problems


def font_problems(content: bytes) -> list[str]:
    """Every font named, in the text and in the defaults and styles it uses, is Times New
    Roman, and no theme font can replace it."""
    problems = set()
    xml = parts(content)
    styles = xml["word/styles.xml"]
    used = {
        element.get(_q("val"))
        for name, root in xml.items()
        if name != "word/styles.xml"
        for tag in ("pStyle", "rStyle", "tblStyle")
        for element in root.iter(_q(tag))
    } | {"Normal"}
    checked = [styles.find("w:docDefaults", NS)]
    for style in styles.findall("w:style", NS):
        name = style.find("w:name", NS)
        if style.get(_q("styleId")) in used or (name is not None and name.get(_q("val")) in used):
            checked.append(style)
    checked += [root for name, root in xml.items() if name != "word/styles.xml"]
    for root in checked:
        for fonts in root.iter(_q("rFonts")):
            for attribute, value in fonts.attrib.items():
                local = etree.QName(attribute).localname
                if local.endswith("Theme"):
                    problems.add(f"theme font {value} ({local})")
                elif local in {"ascii", "hAnsi", "cs"} and value != FONT:
                    problems.add(f"font {value}")
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    if defaults is None or defaults.get(_q("ascii")) != FONT:
        problems.add("the default font is not Times New Roman")
    return sorted(problems)


def metadata_problems(content: bytes) -> list[str]:
    core = zipfile.ZipFile(io.BytesIO(content)).read("docProps/core.xml").decode()
    return ["python-docx in the metadata"] if "python-docx" in core else []


# Text -------------------------------------------------------------------------------------------

_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+\d{4}")
_NUMBER_LINE = re.compile(r"(?:^|\s)Số:\s*(?:$|\()")
_SPLIT_PERCENT = re.compile(r"\d %")  # "54,55 %" with a breakable space


def _padded(value: int, limit: int) -> str:
    return f"{value:02d}" if value < limit else str(value)


def date_problems(lines: list[str]) -> list[str]:
    """Decree 30/2020, Appendix I, II.4(b): "ngày 05 tháng 02", "ngày 16 tháng 6"."""
    problems = []
    for line in lines:
        for match in _DATE.finditer(line):
            day, month = match.group(1), match.group(2)
            if day != _padded(int(day), 10) or month != _padded(int(month), 3):
                problems.append(f"date written {match.group(0)!r}")
            if " " in match.group(0):
                problems.append(f"date may wrap (breakable spaces): {match.group(0)!r}")
    return problems


def text_problems(lines: list[str]) -> list[str]:
    problems = []
    joined = "\n".join(lines)
    for leftover in ("{{", "{%", "}}", "%}"):
        if leftover in joined:
            problems.append(f"template tag {leftover!r} left in the text")
    for line in lines:
        if _NUMBER_LINE.search(line.strip()):
            problems.append(f"empty number: {line.strip()!r}")
        if _SPLIT_PERCENT.search(line):
            problems.append(f"'%' may wrap away from its number: {line.strip()[:60]!r}")
    return problems + date_problems(lines)


@lru_cache(maxsize=1)
def foreign_phrases() -> frozenset[str]:
    """Phrases of the English and French catalogues that a Vietnamese document never holds:
    English sources whose Vietnamese translation differs, French translations likewise;
    long enough (two words and eight letters) that a Vietnamese text cannot hold them by
    chance."""
    found: set[str] = set()
    for path in sorted((LOCALE / "vi" / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as handle:
            vi = {m.id: m.string for m in read_po(handle) if m.id and isinstance(m.id, str)}
        french = LOCALE / "fr" / "LC_MESSAGES" / path.name
        with french.open("rb") as handle:
            fr = {m.id: m.string for m in read_po(handle) if m.id and isinstance(m.id, str)}
        for source, translated in vi.items():
            candidates = [source, fr.get(source) or ""]
            for text in candidates:
                text = text.strip()
                if not text or text == translated or "%(" in text or "{" in text:
                    continue
                if len(text.split()) >= 2 and sum(c.isalpha() for c in text) >= 8:
                    found.add(text)
    return frozenset(found)


def foreign_problems(lines: list[str]) -> list[str]:
    joined = "\n".join(lines)
    return sorted(
        f"text from the en/fr catalogues: {phrase!r}"
        for phrase in foreign_phrases()
        if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", joined)
    )


def legal_basis_problems(content: bytes) -> list[str]:
    """Decree 30/2020, Appendix I, II.6: each "Căn cứ ..." line in italics."""
    problems = []
    body = parts(content)["word/document.xml"]
    for paragraph in body.iter(_q("p")):
        text = paragraph_text(paragraph).strip()
        if not (text.startswith("Căn cứ ") and text.endswith((";", "."))):
            continue
        for run in paragraph.iter(_q("r")):
            if "".join(run.itertext(_q("t"))).strip() and run.find("w:rPr/w:i", NS) is None:
                problems.append(f"a legal basis is not in italics: {text[:60]!r}")
                break
    return problems


def labour_code_problems(lines: list[str]) -> list[str]:
    """The Labour Code is cited with its number (law.md §9): its first mention reads "Bộ luật
    Lao động số 45/2019/QH14"."""
    joined = "\n".join(lines)
    first = joined.find("Bộ luật Lao động")
    if first >= 0 and not joined.startswith("Bộ luật Lao động số 45/2019/QH14", first):
        return [f"the Labour Code cited without its number: {joined[first : first + 40]!r}"]
    return []


def citation_problems(lines: list[str]) -> list[str]:
    """Each legal citation names an instrument of the registry with its number, and an article
    law.md reads or a label saying it is not verified (issue 11, point 9)."""
    return [f"{problem} (in {line[:50]!r})" for line in lines for problem in legal_citations(line)]


# Keeping things together ------------------------------------------------------------------------


def _keeps_next(paragraph: etree._Element) -> bool:
    return paragraph.find("w:pPr/w:keepNext", NS) is not None


def _is_signature_cell(cell: etree._Element) -> bool:
    """A cell with room for a handwritten signature: three empty paragraphs between text."""
    blank = 0
    for paragraph in cell.findall("w:p", NS):
        blank = blank + 1 if not paragraph_text(paragraph).strip() else 0
        if blank >= 3:
            return True
    return False


def keep_problems(content: bytes) -> list[str]:
    """Table rows never split across pages; a signature block stays with the text before it
    (the paragraphs between them keep with the next)."""
    problems = set()
    body = parts(content)["word/document.xml"].find("w:body", NS)
    for row in body.iter(_q("tr")):
        properties = row.find("w:trPr", NS)
        if properties is None or properties.find("w:cantSplit", NS) is None:
            problems.add("a table row may split across pages (no cantSplit)")
    children = list(body)
    for index, element in enumerate(children):
        if element.tag != _q("tbl") or not any(
            _is_signature_cell(cell) for cell in element.iter(_q("tc"))
        ):
            continue
        # The paragraphs before the signature table, back to and including the last one with
        # text, keep with the next: a page never starts with the signature alone.
        position = index - 1
        while position >= 0 and children[position].tag == _q("p"):
            paragraph = children[position]
            if not _keeps_next(paragraph) and not paragraph.find("w:pPr/w:sectPr", NS):
                problems.add(
                    f"the paragraph before a signature block does not keep with it: "
                    f"{paragraph_text(paragraph)[:50]!r}"
                )
            if paragraph_text(paragraph).strip():
                break
            position -= 1
    return sorted(problems)


# The PDF ----------------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(r"^\d{1,3}$")
_ANCHOR = re.compile(r"^Nhật ký:")


def pdf_page_problems(pdf: bytes) -> list[str]:
    """No page without text; no page after the first holding only a line or two (a name)."""
    from pypdf import PdfReader

    problems = []
    reader = PdfReader(io.BytesIO(pdf))
    for number, page in enumerate(reader.pages, start=1):
        lines = [
            line.strip()
            for line in (page.extract_text() or "").splitlines()
            if line.strip() and not _PAGE_NUMBER.match(line.strip())
        ]
        lines = [line for line in lines if not _ANCHOR.match(line)]
        if not lines:
            problems.append(f"page {number} of {len(reader.pages)} is blank")
        elif number > 1 and len(lines) <= 2 and sum(len(line) for line in lines) < 60:
            problems.append(f"page {number} holds only {' / '.join(lines)!r}")
    return problems
