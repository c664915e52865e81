"""The passes every rendered body gets (passes.py), on hand-written WordprocessingML: what a
template made in Word may hold (a style, row exceptions, bold runs) keeps its ECMA-376 order."""

from __future__ import annotations

import pytest
from lxml import etree

from labour_democracy.documents import passes

pytestmark = pytest.mark.unit

W = passes.W
NS = {"w": W}


def _body(inner: str) -> etree._Element:
    return etree.fromstring(f'<w:body xmlns:w="{W}">{inner}</w:body>')


def _names(element: etree._Element) -> list[str]:
    return [etree.QName(child).localname for child in element]


def test_every_row_gets_cant_split_after_the_row_exceptions():
    body = _body(
        "<w:tbl><w:tr><w:tblPrEx/><w:tc><w:p/></w:tc></w:tr>"
        "<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:p/></w:tc></w:tr>"
        "<w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>"
    )
    passes.finish_body(body)
    first, kept, plain = body.iterfind(".//w:tr", NS)
    assert _names(first)[:2] == ["tblPrEx", "trPr"]
    assert _names(kept.find("w:trPr", NS)) == ["cantSplit"]  # not added twice
    assert _names(plain)[0] == "trPr" and _names(plain[0]) == ["cantSplit"]


def test_a_legal_basis_is_italic_after_the_run_style_fonts_and_bold():
    body = _body(
        "<w:p><w:r><w:rPr><w:rStyle w:val='x'/><w:b/><w:sz w:val='28'/></w:rPr>"
        "<w:t>Căn cứ Bộ luật Lao động</w:t></w:r><w:r><w:t>;</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Căn cứ vào đâu</w:t></w:r></w:p>"  # no ";" or ".": not a legal basis
    )
    passes.finish_body(body)
    basis, other = body.iterfind("w:p", NS)
    styled, plain = basis.iterfind("w:r/w:rPr", NS)
    assert _names(styled) == ["rStyle", "b", "i", "sz"]
    assert _names(plain) == ["i"]
    assert other.find(".//w:i", NS) is None


def test_a_signature_keeps_with_the_text_before_it_through_blank_lines():
    blank = "<w:p/>"
    body = _body(
        "<w:p><w:r><w:t>Đoạn trước</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:pStyle w:val='x'/><w:jc w:val='left'/></w:pPr></w:p>"
        f"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>CHỦ TỊCH</w:t></w:r></w:p>{blank * 3}"
        "<w:p><w:r><w:t>Nguyễn Văn A</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    passes.finish_body(body)
    text, styled, table = body
    assert _names(text.find("w:pPr", NS)) == ["keepNext"]
    assert _names(styled.find("w:pPr", NS)) == ["pStyle", "keepNext", "jc"]
    cell = list(table.iterfind(".//w:tc/w:p", NS))
    assert [p.find("w:pPr/w:keepNext", NS) is not None for p in cell] == [True] * 4 + [False]


def test_a_table_without_room_to_sign_changes_nothing_around_it():
    body = _body(
        "<w:p><w:r><w:t>Đoạn trước</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    passes.finish_body(body)
    assert body.find("w:p/w:pPr", NS) is None
    assert body.find(".//w:tc/w:p/w:pPr", NS) is None
