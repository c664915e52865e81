"""The renderer: escaping, strict variables, overrides, a fresh template per render."""

from __future__ import annotations

import asyncio
import io
import zipfile

import jinja2
import pytest
from docx.shared import Pt
from lxml import etree

from labour_democracy.documents import engine, layout, package, passes
from labour_democracy.documents.checks import all_text
from labour_democracy.notices.documents import TEMPLATE
from tests.documents.conftest import read

HOSTILE = 'Lương & thưởng <b>Tết</b> {{ x }} {% if y %} "trích" Ước tính: 5 > 3 & 2 < 4'


def _xml_parts(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n.endswith(".xml")}


@pytest.mark.unit
def test_user_text_with_markup_characters_and_tags_comes_out_literally(notice_context):
    notice_context["summary"] = HOSTILE
    notice_context["body"] = [HOSTILE, "Người lao động được nghỉ ngày 30/4 và 1/5."]
    notice_context["signature"]["name"] = "Nguyễn Thị Ánh & Cộng sự"
    notice_context["recipients"] = ["Phòng <HCNS>;", "Lưu: VT, HCNS."]
    content = engine.render_sync(TEMPLATE, notice_context)

    for name, xml in _xml_parts(content).items():
        etree.fromstring(xml)  # every part is well-formed XML: Word opens the file
        assert b"<b>" not in xml, name
    text = all_text(content)
    assert text.count(HOSTILE) == 2
    assert "Nguyễn Thị Ánh & Cộng sự" in text
    assert "- Phòng <HCNS>;" in text
    assert "Người lao động được nghỉ ngày 30/4 và 1/5." in text


@pytest.mark.unit
def test_no_template_tag_is_left_in_the_output(rendered_notice):
    text = all_text(rendered_notice)
    for tag in ("{{", "}}", "{%", "%}"):
        assert tag not in text


@pytest.mark.unit
def test_control_characters_pasted_into_text_do_not_break_the_file(notice_context):
    notice_context["body"] = ["Bảng\x0blương\x01 tháng 1\ttab"]
    content = engine.render_sync(TEMPLATE, notice_context)
    assert "Bảnglương tháng 1" in all_text(content)


@pytest.mark.unit
def test_a_missing_variable_is_an_error_naming_it(notice_context):
    del notice_context["summary"]
    with pytest.raises(engine.DocumentRenderError, match="summary"):
        engine.render_sync(TEMPLATE, notice_context)


@pytest.mark.unit
def test_a_missing_nested_key_is_an_error_too(notice_context):
    del notice_context["signature"]["name"]
    with pytest.raises(engine.DocumentRenderError, match="name"):
        engine.render_sync(TEMPLATE, notice_context)


@pytest.mark.unit
def test_unknown_and_escaping_template_names_are_refused():
    for name in ("notices/none.docx", "../settings.py", "/etc/passwd.docx", "notices/notice"):
        with pytest.raises(engine.TemplateNotFound):
            engine.template_path(name)


async def test_render_runs_in_a_worker_thread_and_renders_concurrently(notice_context):
    results = await asyncio.gather(
        *(engine.render(TEMPLATE, {**notice_context, "summary": f"Số {i}"}) for i in range(5))
    )
    summaries = [read(content).paragraphs[1].text for content in results]
    assert summaries == [f"Số {i}" for i in range(5)]


@pytest.mark.unit
def test_each_render_starts_from_the_template_not_from_the_last_render(notice_context):
    first = engine.render_sync(TEMPLATE, {**notice_context, "body": ["một", "hai", "ba"]})
    second = engine.render_sync(TEMPLATE, {**notice_context, "body": ["bốn"]})
    assert "một" in all_text(first)
    assert "một" not in all_text(second) and "bốn" in all_text(second)


@pytest.mark.unit
def test_template_variables_lists_the_top_level_names():
    assert engine.template_variables(TEMPLATE) == {
        "header",
        "doc_type",
        "summary",
        "body",
        "signature",
        "recipients",
    }


@pytest.mark.unit
def test_an_override_in_the_template_dir_is_used(template_dir, notice_context):
    def body(document):
        layout.body_paragraph(document, "Mẫu riêng của doanh nghiệp: {{ summary }}")

    override = template_dir / "documents" / "notices" / "notice.docx"
    override.parent.mkdir(parents=True)
    layout.standard_template(body).save(override)

    assert engine.template_path(TEMPLATE) == override
    text = all_text(engine.render_sync(TEMPLATE, notice_context))
    assert f"Mẫu riêng của doanh nghiệp: {notice_context['summary']}" in text


@pytest.mark.unit
def test_an_edited_override_is_read_again(template_dir, notice_context):
    override = template_dir / "documents" / "notices" / "notice.docx"
    override.parent.mkdir(parents=True)
    for version in ("A", "BB"):  # sizes differ: two saves can share a modification time

        def body(document, version=version):
            layout.body_paragraph(document, f"Phiên bản {version}")

        layout.standard_template(body).save(override)
        assert f"Phiên bản {version}" in all_text(engine.render_sync(TEMPLATE, notice_context))


@pytest.mark.unit
def test_the_shipped_template_is_used_without_an_override(template_dir):
    assert engine.template_path(TEMPLATE).is_relative_to(engine.search_path()[-1])


@pytest.mark.unit
def test_a_tab_and_a_line_break_typed_in_a_value_become_word_markup(notice_context):
    def count(content: bytes, name: str) -> int:
        body = etree.fromstring(_xml_parts(content)["word/document.xml"])
        return sum(1 for _ in body.iter(f"{{{passes.W}}}{name}"))

    plain = engine.render_sync(TEMPLATE, {**notice_context, "body": ["Cột một cột hai"]})
    typed = engine.render_sync(TEMPLATE, {**notice_context, "body": ["Cột một\tcột hai\nhết"]})
    for name in ("tab", "br"):
        assert count(typed, name) == count(plain, name) + 1, name


@pytest.mark.unit
def test_rendering_a_template_again_compiles_nothing(notice_context, monkeypatch):
    engine.render_sync(TEMPLATE, notice_context)
    compiled = []
    compile_source = jinja2.Environment.compile

    def counting(self, source, *args, **kwargs):
        compiled.append(source)
        return compile_source(self, source, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    content = engine.render_sync(TEMPLATE, {**notice_context, "summary": "Lần hai"})
    assert compiled == []
    assert read(content).paragraphs[1].text == "Lần hai"


@pytest.mark.unit
def test_the_styles_are_written_back_as_the_template_holds_them(rendered_notice):
    with zipfile.ZipFile(io.BytesIO(engine.template_bytes(TEMPLATE))) as template:
        styles = template.read("word/styles.xml")
    assert _xml_parts(rendered_notice)["word/styles.xml"] == styles


@pytest.mark.unit
def test_a_document_opened_for_rendering_still_reads_and_writes_its_styles():
    document = package.open_document(engine.template_bytes(TEMPLATE))
    normal = document.styles["Normal"]
    assert normal.font.name == layout.FONT
    normal.font.size = Pt(13)
    output = io.BytesIO()
    document.save(output)
    assert read(output.getvalue()).styles["Normal"].font.size == Pt(13)
