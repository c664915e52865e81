"""What every rendered body gets, whatever its template (an override made in Word included),
done in one walk over the body's XML as docxtpl parses it, before python-docx wraps it.

A clerk should never see on paper a table row split across two pages, a signature block on a
page of its own, or a legal basis in upright type (Decree 30/2020, Appendix I). Every row gets
"cantSplit"; each signature block (a table with room for a signature) keeps with the last
paragraph of text before it, and the lines of its cells with each other; every run of a
"Căn cứ ..." line is italic.

Plain lxml, not python-docx's element classes: creating a python-docx proxy for each of the
body's elements cost more than the passes themselves (a 40-page agreement has 15,000).
"""

from __future__ import annotations

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


P, R, T, TR, TC, TBL = _w("p"), _w("r"), _w("t"), _w("tr"), _w("tc"), _w("tbl")
P_PR, R_PR, TR_PR, TBL_PR_EX, P_STYLE = (
    _w("pPr"),
    _w("rPr"),
    _w("trPr"),
    _w("tblPrEx"),
    _w("pStyle"),
)
CANT_SPLIT, KEEP_NEXT, ITALIC = _w("cantSplit"), _w("keepNext"), _w("i")
# <w:i> follows rStyle, rFonts and <w:b>/<w:bCs> (ECMA-376 order).
_BEFORE_ITALIC = (_w("rStyle"), _w("rFonts"), _w("b"), _w("bCs"))


def is_legal_basis(text: str) -> bool:
    """A "Căn cứ ..." line of the legal bases: one per line, ending ";" or "." (Decree
    30/2020, Appendix I, II.6)."""
    text = text.strip()
    return text.startswith("Căn cứ ") and text.endswith((";", "."))


def finish_body(body: etree._Element) -> None:
    """Rows kept whole and legal bases in italics (one walk), then signatures kept with their
    text."""
    for element in body.iter(P, TR):
        if element.tag == TR:
            _set(_row_properties(element), CANT_SPLIT)
        elif is_legal_basis(_text(element)):
            _italicise(element)
    _keep_signatures_with_text(body)


def _text(paragraph: etree._Element) -> str:
    return "".join(paragraph.itertext(T))


def _blank(paragraph: etree._Element) -> bool:
    return not any(text.strip() for text in paragraph.itertext(T))


def _new(parent: etree._Element, tag: str) -> etree._Element:
    # Made inside `parent` (the document's "w" prefix is reused), then put in its place.
    return etree.SubElement(parent, tag)


def _first_child(parent: etree._Element, tag: str) -> etree._Element:
    """The child `tag` of `parent`, made as its first child when missing (pPr, rPr)."""
    found = parent.find(tag)
    if found is None:
        found = _new(parent, tag)
        parent.insert(0, found)
    return found


def _row_properties(row: etree._Element) -> etree._Element:
    found = row.find(TR_PR)
    if found is None:
        found = _new(row, TR_PR)
        exceptions = row.find(TBL_PR_EX)
        if exceptions is not None:
            exceptions.addnext(found)
        else:
            row.insert(0, found)
    return found


def _set(properties: etree._Element, tag: str) -> None:
    if properties.find(tag) is None:
        element = _new(properties, tag)
        # keepNext and keepLines come first in <w:pPr> (after pStyle); cantSplit may go first
        # in <w:trPr> too (its children are an unordered choice).
        style = properties.find(P_STYLE)
        if style is not None:
            style.addnext(element)
        else:
            properties.insert(0, element)


def _italicise(paragraph: etree._Element) -> None:
    for run in paragraph.iter(R):
        properties = _first_child(run, R_PR)
        if properties.find(ITALIC) is None:
            anchor = None
            for tag in _BEFORE_ITALIC:
                found = properties.find(tag)
                if found is not None:
                    anchor = found
            italic = _new(properties, ITALIC)
            if anchor is not None:
                anchor.addnext(italic)
            else:
                properties.insert(0, italic)


def _is_signature_cell(cell: etree._Element) -> bool:
    """A cell with room for a handwritten signature: three empty paragraphs in a row."""
    blank = 0
    for paragraph in cell.iterchildren(P):
        blank = blank + 1 if _blank(paragraph) else 0
        if blank >= 3:
            return True
    return False


def _keep_signatures_with_text(body: etree._Element) -> None:
    children = list(body.iterchildren())
    for index, element in enumerate(children):
        if element.tag != TBL:
            continue
        cells = list(element.iter(TC))
        if not any(_is_signature_cell(cell) for cell in cells):
            continue
        for cell in cells:
            paragraphs = list(cell.iterchildren(P))
            for paragraph in paragraphs[:-1]:
                _set(_first_child(paragraph, P_PR), KEEP_NEXT)
        position = index - 1
        if position >= 0 and children[position].tag == TBL:
            _keep_last_row(children[position])
        while position >= 0 and children[position].tag == P:
            paragraph = children[position]
            _set(_first_child(paragraph, P_PR), KEEP_NEXT)
            if not _blank(paragraph):
                break
            position -= 1
            if position >= 0 and children[position].tag == TBL:
                _keep_last_row(children[position])


def _keep_last_row(table: etree._Element) -> None:
    """A list right before a signature: its last row stays on the signature's page."""
    rows = list(table.iterchildren(TR))
    if rows:
        for paragraph in rows[-1].iter(P):
            _set(_first_child(paragraph, P_PR), KEEP_NEXT)
