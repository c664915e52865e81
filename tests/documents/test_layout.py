"""The Decree 30/2020 layout, read back from a rendered notice with python-docx."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from labour_democracy.documents import engine, layout, rules
from labour_democracy.documents.checks import all_text
from labour_democracy.notices.documents import TEMPLATE
from tests.documents.conftest import read

pytestmark = pytest.mark.unit  # no database, no app: `pytest -m unit` runs these


def _mm(length) -> float:
    return length / 36_000  # EMU per millimetre


def _runs_with_text(document, text: str):
    cells = [cell for table in document.tables for row in table.rows for cell in row.cells]
    paragraphs = [*document.paragraphs, *(p for cell in cells for p in cell.paragraphs)]
    runs = [run for p in paragraphs for run in p.runs if text in run.text]
    assert runs, f"no run holds {text!r}"
    return runs


def test_page_is_a4_portrait_with_the_decree_margins(rendered_notice):
    section = read(rendered_notice).sections[0]
    assert round(_mm(section.page_width)) == 210 and round(_mm(section.page_height)) == 297
    assert 20 <= round(_mm(section.top_margin)) <= 25
    assert 20 <= round(_mm(section.bottom_margin)) <= 25
    assert 30 <= round(_mm(section.left_margin)) <= 35
    assert 15 <= round(_mm(section.right_margin)) <= 20


def test_every_text_is_times_new_roman(rendered_notice):
    document = read(rendered_notice)
    assert document.styles["Normal"].font.name == "Times New Roman"
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    fonts = defaults.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{k}")) for k in ("ascii", "hAnsi", "cs", "eastAsia")} == {
        "Times New Roman"
    }
    assert not [k for k in fonts.attrib if k.endswith("Theme")]  # a theme font would win
    xml = document.element.xml
    assert "w:ascii=" not in xml.replace('w:ascii="Times New Roman"', "")


def test_national_title_and_motto_are_top_right_in_bold(rendered_notice):
    document = read(rendered_notice)
    heading = document.tables[0]
    right = heading.rows[0].cells[1].paragraphs
    assert right[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert right[1].text == "Độc lập - Tự do - Hạnh phúc"
    title, motto = right[0].runs[0], right[1].runs[0]
    assert title.bold and Pt(12) <= title.font.size <= Pt(13)
    assert motto.bold and Pt(13) <= motto.font.size <= Pt(14)
    rule = right[2]._p.pPr.find(qn("w:pBdr"))
    assert rule is not None and rule.find(qn("w:top")).get(qn("w:val")) == "single"


def test_issuer_number_place_and_date_follow_the_decree(rendered_notice, notice_context):
    heading = read(rendered_notice).tables[0]
    issuer = heading.rows[0].cells[0].paragraphs[0].runs[0]
    assert issuer.text == "CÔNG TY TNHH SẢN XUẤT HÀNG MAY VIỆT NAM"
    assert issuer.bold and Pt(12) <= issuer.font.size <= Pt(13)
    number = heading.rows[1].cells[0].paragraphs[0].runs[0]
    assert number.text == "Số: 01/TB-SHVN" and number.font.size == Pt(13)
    place = heading.rows[1].cells[1].paragraphs[0].runs[0]
    # The date's words are joined by non-breaking spaces: a date never wraps.
    assert place.text == "Bắc Ninh, ngày\u00a005\u00a0tháng\u00a001\u00a0năm\u00a02026"
    assert place.italic and Pt(13) <= place.font.size <= Pt(14)


def test_type_and_summary_are_centred_bold_and_the_body_justified(rendered_notice):
    document = read(rendered_notice)
    doc_type, summary = document.paragraphs[0], document.paragraphs[1]
    assert doc_type.text == "THÔNG BÁO" and summary.text.startswith("Về việc")
    for paragraph in (doc_type, summary):
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert paragraph.runs[0].bold and Pt(13) <= paragraph.runs[0].font.size <= Pt(14)
    body = next(p for p in document.paragraphs if p.text.startswith("Căn cứ"))
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert round(_mm(body.paragraph_format.first_line_indent)) in (10, 13)
    assert body.paragraph_format.space_after >= Pt(6)
    assert 1.0 <= body.paragraph_format.line_spacing <= 1.5


def test_recipients_and_signature_blocks(rendered_notice):
    signature = read(rendered_notice).tables[1]
    left, right = signature.rows[0].cells
    heading = left.paragraphs[0].runs[0]
    assert heading.text == "Nơi nhận:" and heading.bold and heading.italic
    assert heading.font.size == Pt(12)
    recipients = [p for p in left.paragraphs[1:] if p.text]
    assert [p.text for p in recipients] == ["- Như trên;", "- Lưu: VT, HCNS."]
    assert all(p.runs[0].font.size == Pt(11) and not p.runs[0].bold for p in recipients)
    lines = [p for p in right.paragraphs if p.text]
    assert [p.text for p in lines] == ["TM. BAN GIÁM ĐỐC", "GIÁM ĐỐC", "Nguyễn Văn An"]
    assert all(p.runs[0].bold and Pt(13) <= p.runs[0].font.size <= Pt(14) for p in lines)


def test_an_empty_authority_leaves_no_empty_line(notice_context):
    notice_context["signature"]["authority"] = ""
    signature = read(engine.render_sync(TEMPLATE, notice_context)).tables[1]
    assert signature.rows[0].cells[1].paragraphs[0].text == "GIÁM ĐỐC"


def test_pages_are_numbered_from_the_second_page(rendered_notice):
    section = read(rendered_notice).sections[0]
    assert section.different_first_page_header_footer
    assert not section.first_page_header.paragraphs[0].text
    header = section.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert 'w:instr="PAGE"' in header._p.xml


def test_a_superior_body_is_printed_above_the_issuer_when_given(notice_context):
    notice_context["header"]["superior_body"] = "TẬP ĐOÀN DỆT MAY VIỆT NAM"
    cell = read(engine.render_sync(TEMPLATE, notice_context)).tables[0].rows[0].cells[0]
    texts = [p.text for p in cell.paragraphs if p.text]
    assert texts[:2] == ["TẬP ĐOÀN DỆT MAY VIỆT NAM", "CÔNG TY TNHH SẢN XUẤT HÀNG MAY VIỆT NAM"]
    assert not cell.paragraphs[0].runs[0].bold


def test_standard_context_puts_text_in_the_decree_case():
    context = layout.standard_context(
        issuer="Công ty Cổ phần Đồng Tâm",
        place="  Hà Nội ",
        date=dt.date(2026, 2, 3),
        doc_type="thông báo",
        summary="Về việc\nnghỉ Tết",
        body=["Đoạn một.\n\n  Đoạn   hai.  "],
        signer_authority="kt. giám đốc",
        signer_title="Phó Giám đốc",
        signer_name="Lê Thị Hoa",
        recipients=["- Như trên", "Lưu: VT, HCNS"],
    )
    assert context["header"]["issuer"] == "CÔNG TY CỔ PHẦN ĐỒNG TÂM"
    assert context["header"]["place"] == "Hà Nội"
    assert context["doc_type"] == "THÔNG BÁO"
    assert context["summary"] == "Về việc nghỉ Tết"
    assert context["body"] == ["Đoạn một.", "Đoạn hai."]
    assert context["signature"] == {
        "authority": "KT. GIÁM ĐỐC",
        "title": "PHÓ GIÁM ĐỐC",
        "name": "Lê Thị Hoa",
    }
    assert context["recipients"] == ["Như trên;", "Lưu: VT, HCNS."]


def test_a_letter_has_its_summary_under_the_number_and_no_title():
    document = layout.standard_template(letter=True)
    paragraphs = [p.text for p in document.tables[0].rows[1].cells[0].paragraphs]
    assert paragraphs == ["Số: {{ header.reference }}", "V/v {{ summary }}"]
    assert "{{ doc_type }}" not in [p.text for p in document.paragraphs]


def test_a_list_table_repeats_one_row_per_item(notice_context):
    def body(document):
        layout.add_list_table(
            document,
            [
                ("STT", "{{ loop.index }}", layout.Mm(15)),
                ("Họ và tên", "{{ item }}", layout.Mm(80)),
            ],
            "people",
        )

    template = layout.standard_template(body)
    buffer = io.BytesIO()
    template.save(buffer)
    content = engine.render_bytes(buffer.getvalue(), {**notice_context, "people": ["An", "Bình"]})
    table = read(content).tables[1]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["STT", "Họ và tên"],
        ["1", "An"],
        ["2", "Bình"],
    ]
    assert "{%" not in all_text(content)


@pytest.mark.parametrize(
    ("number", "type_code", "symbol", "expected"),
    [
        (1, "TB", "SHVN", "01/TB-SHVN"),
        (9, "TB", "SHVN", "09/TB-SHVN"),
        (10, "TB", "SHVN", "10/TB-SHVN"),
        (123, "QĐ", "CĐCS", "123/QĐ-CĐCS"),
        (5, "", "SHVN-VP", "05/SHVN-VP"),
    ],
)
def test_references_have_a_leading_zero_below_ten_and_letters_no_type(
    number, type_code, symbol, expected
):
    assert rules.format_reference(number, type_code, symbol) == expected


def test_there_is_no_number_zero():
    with pytest.raises(ValueError):
        rules.format_reference(0, "TB", "SHVN")


@pytest.mark.parametrize(
    ("province", "place"),
    [
        ("Thành phố Hà Nội", "Hà Nội"),
        ("Tỉnh Bắc Ninh", "Bắc Ninh"),
        ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"),
        ("Huế", "Huế"),
    ],
)
def test_the_place_is_the_province_name_without_its_kind(province, place):
    assert rules.place_name(province) == place


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 1, 5), "ngày 05 tháng 01 năm 2026"),
        (dt.date(2026, 2, 28), "ngày 28 tháng 02 năm 2026"),
        (dt.date(2026, 3, 9), "ngày 09 tháng 3 năm 2026"),
        (dt.date(2026, 6, 16), "ngày 16 tháng 6 năm 2026"),
        (dt.date(2026, 12, 25), "ngày 25 tháng 12 năm 2026"),
    ],
)
def test_vietnamese_dates_pad_days_below_10_and_months_1_and_2_only(day, expected):
    """Decree 30/2020, Appendix I, II.4(b); the words never wrap (non-breaking spaces)."""
    assert engine.vietnamese_date(day) == expected.replace(" ", engine.NBSP)


def test_percentages_and_dates_in_any_text_never_wrap():
    text = engine.unbreakable("Tăng 5 % từ ngày 16 tháng 6 năm 2026.")
    assert text == "Tăng 5\u00a0% từ ngày\u00a016\u00a0tháng\u00a06\u00a0năm\u00a02026."


@pytest.mark.parametrize(
    ("line", "expected"),
    [("Lưu: VT, HCNS.", True), ("- Lưu: VT.", True), ("Như trên;", False), ("Lưu VT", False)],
)
def test_the_last_recipient_must_be_the_archive_copy(line, expected):
    assert rules.files_the_original(line) is expected
