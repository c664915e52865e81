"""`labour-democracy check-templates` and the builder of the shipped templates."""

from __future__ import annotations

import io

from click.testing import CliRunner

from labour_democracy.cli import main
from labour_democracy.documents import build, layout, registry
from labour_democracy.settings import get_settings


def _check():
    return CliRunner().invoke(main, ["check-templates"])


def _override(template_dir, name: str, body) -> None:
    path = template_dir / "documents" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    layout.standard_template(body).save(path)


def test_the_shipped_templates_pass():
    result = _check()
    assert result.exit_code == 0, result.output
    assert "ok   notices/notice.docx" in result.output


def test_an_unknown_variable_in_an_override_fails_and_is_named(template_dir):
    _override(
        template_dir,
        "notices/notice.docx",
        lambda document: layout.body_paragraph(document, "{{ heder.issuer }}"),
    )
    result = _check()
    assert result.exit_code == 1
    assert "FAIL notices/notice.docx: unknown variables: heder" in result.output
    assert str(template_dir) in result.output


def test_a_missing_nested_variable_fails(template_dir):
    _override(
        template_dir,
        "notices/notice.docx",
        lambda document: layout.body_paragraph(document, "{{ header.seal }}"),
    )
    result = _check()
    assert result.exit_code == 1
    assert "a variable is missing" in result.output and "seal" in result.output


def test_a_tag_split_across_runs_renders_but_an_unclosed_tag_fails(template_dir):
    def split_tag(document):
        paragraph = layout.body_paragraph(document, "{")
        paragraph.add_run("{ summary }}")  # Word split the tag into two runs

    _override(template_dir, "notices/notice.docx", split_tag)
    assert _check().exit_code == 0  # docxtpl joins runs inside a tag: this one survives

    def broken_tag(document):
        layout.body_paragraph(document, "{{ summary }")

    _override(template_dir, "notices/notice.docx", broken_tag)
    result = _check()
    assert result.exit_code == 1
    assert "FAIL notices/notice.docx: a tag is not closed: '{{ summary }'" in result.output


def test_an_override_no_module_uses_fails(template_dir):
    _override(template_dir, "notices/notise.docx", layout.add_body)
    result = _check()
    assert result.exit_code == 1
    assert "FAIL notices/notise.docx: no module uses a template of this name" in result.output


def test_the_committed_templates_are_what_the_builders_make():
    root = get_settings().document_templates
    for path, template in registry.templates().items():
        buffer = io.BytesIO()
        template.build().save(buffer)
        assert (root / path).read_bytes() == build.reproducible(buffer.getvalue()), (
            f"{path} is out of date: run labour-democracy documents build"
        )
