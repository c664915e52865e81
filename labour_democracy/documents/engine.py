"""The one .docx renderer: docxtpl with autoescape and StrictUndefined, off the event loop.

A template is named by its path below `templates/documents` ("notices/notice.docx"); a
deployment's copy in `LD_TEMPLATE_DIR/documents/` wins. Template bytes are cached (keyed by
file and modification time, so an edited override is picked up) and every render opens a
fresh `DocxTemplate` from them: a rendered template object keeps state and must not be reused.

Autoescape matters: docxtpl does not escape by default, and a "&" or "<" in user text would
give a file Word refuses to open. StrictUndefined makes a missing variable an error instead of
a silent blank in an official document.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

import anyio
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined, TemplateError, UndefinedError
from markupsafe import Markup

from labour_democracy.settings import get_settings

# XML 1.0 allows tab, newline and carriage return but no other control characters; one pasted
# from a spreadsheet would make the file unreadable.
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class TemplateNotFound(LookupError):
    """No shipped or overriding .docx file has this name."""


class DocumentRenderError(RuntimeError):
    """A template could not be filled: a variable is missing or the template is broken."""


NBSP = "\u00a0"


def vietnamese_date(value: dt.date) -> str:
    """ "ngày 05 tháng 01 năm 2026", "ngày 16 tháng 6 năm 2026": Decree 30/2020, Appendix I,
    II.4(b): a leading zero only for days below 10 and for months 1 and 2. The words are joined
    by non-breaking spaces, so a date never wraps inside a line or a cell."""
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return NBSP.join(("ngày", f"{value.day:02d}", "tháng", month, "năm", str(value.year)))


# A date in words or a percentage inside any text: kept on one line (Decree 30 writes "54,55 %"
# with a space, which must not become a line break between the number and its sign).
_DATE_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_PERCENT = re.compile(r"(\d) (%)")


def unbreakable(text: str) -> str:
    text = _DATE_WORDS.sub(
        lambda m: NBSP.join(("ngày", m.group(1), "tháng", m.group(2), "năm", m.group(3))), text
    )
    return _PERCENT.sub("\\1" + NBSP + "\\2", text)


def short_date(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def _finalize(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, Markup):
        return unbreakable(_XML_INVALID.sub("", value))
    return value


def _environment() -> Environment:
    env = Environment(undefined=StrictUndefined, autoescape=True, finalize=_finalize)
    env.filters.update(long_date=vietnamese_date, short_date=short_date)
    return env


# Environments are safe to share between threads once configured; docxtpl sets autoescape on
# the one it is given, which is already True.
_ENV = _environment()


def _checked(template: str) -> PurePosixPath:
    relative = PurePosixPath(template)
    if relative.is_absolute() or ".." in relative.parts or relative.suffix != ".docx":
        raise TemplateNotFound(f"not a template name: {template!r}")
    return relative


def search_path() -> list[Path]:
    """Where .docx templates are looked for, the deployment's overrides first."""
    settings = get_settings()
    overrides = [settings.template_dir / "documents"] if settings.template_dir else []
    return [*overrides, settings.document_templates]


def template_path(template: str) -> Path:
    relative = _checked(template)
    for root in search_path():
        candidate = root / relative
        if candidate.is_file():
            return candidate
    raise TemplateNotFound(f"no document template {template!r} in {search_path()}")


@lru_cache(maxsize=64)
def _read(path: Path, modified_ns: int, size: int) -> bytes:
    return path.read_bytes()


def template_bytes(template: str) -> bytes:
    path = template_path(template)
    stat = path.stat()
    return _read(path, stat.st_mtime_ns, stat.st_size)


def render_bytes(source: bytes, context: Mapping[str, Any]) -> bytes:
    """Fill a template held in memory; runs in the calling thread."""
    document = DocxTemplate(io.BytesIO(source))
    try:
        document.render(dict(context), jinja_env=_ENV, autoescape=True)
    except UndefinedError as error:
        raise DocumentRenderError(f"a variable is missing: {error.message}") from error
    except TemplateError as error:
        raise DocumentRenderError(f"the template is broken: {error}") from error
    keep_together(document.docx)
    italicise_legal_bases(document.docx)
    _stamp_audit_anchor(document.docx)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def is_legal_basis(text: str) -> bool:
    """A "Căn cứ ..." line of the legal bases: one per line, ending ";" or "." (Decree
    30/2020, Appendix I, II.6)."""
    text = text.strip()
    return text.startswith("Căn cứ ") and text.endswith((";", "."))


def italicise_legal_bases(document: Any) -> None:
    """Decree 30/2020, Appendix I: the legal bases are printed in italics, in every document
    and whoever wrote the template."""
    for paragraph in document.element.body.iter(qn("w:p")):
        if not is_legal_basis("".join(paragraph.itertext(qn("w:t")))):
            continue
        for run in paragraph.iter(qn("w:r")):
            properties = run.get_or_add_rPr()
            if properties.find(qn("w:i")) is None:
                italic = OxmlElement("w:i")
                # <w:i> follows rStyle, rFonts and <w:b>/<w:bCs> (ECMA-376 order).
                anchor = None
                for name in ("w:rStyle", "w:rFonts", "w:b", "w:bCs"):
                    found = properties.find(qn(name))
                    if found is not None:
                        anchor = found
                if anchor is not None:
                    anchor.addnext(italic)
                else:
                    properties.insert(0, italic)


def _is_signature_cell(cell: Any) -> bool:
    """A cell with room for a handwritten signature: three empty paragraphs in a row."""
    blank = 0
    for paragraph in cell.iterchildren(qn("w:p")):
        blank = blank + 1 if not "".join(paragraph.itertext(qn("w:t"))).strip() else 0
        if blank >= 3:
            return True
    return False


def _set(properties: Any, name: str) -> None:
    if properties.find(qn(name)) is None:
        element = OxmlElement(name)
        # keepNext and keepLines come first in <w:pPr> (after pStyle); cantSplit may go first
        # in <w:trPr> too (its children are an unordered choice).
        style = properties.find(qn("w:pStyle"))
        if style is not None:
            style.addnext(element)
        else:
            properties.insert(0, element)


def keep_together(document: Any) -> None:
    """What a clerk should never see on paper, prevented in every rendered document whatever its
    template (an override made in Word included): a table row split across two pages, and a
    signature block on a page of its own. Every row gets "cantSplit"; each signature block (a
    table with room for a signature) keeps with the last paragraph of text before it, and the
    lines of its cells with each other."""
    body = document.element.body
    for row in body.iter(qn("w:tr")):
        _set(row.get_or_add_trPr(), "w:cantSplit")
    children = list(body.iterchildren())
    for index, element in enumerate(children):
        if element.tag != qn("w:tbl"):
            continue
        cells = list(element.iter(qn("w:tc")))
        if not any(_is_signature_cell(cell) for cell in cells):
            continue
        for cell in cells:
            paragraphs = list(cell.iterchildren(qn("w:p")))
            for paragraph in paragraphs[:-1]:
                _set(paragraph.get_or_add_pPr(), "w:keepNext")
        position = index - 1
        if position >= 0 and children[position].tag == qn("w:tbl"):
            _keep_last_row(children[position])
        while position >= 0 and children[position].tag == qn("w:p"):
            paragraph = children[position]
            _set(paragraph.get_or_add_pPr(), "w:keepNext")
            if "".join(paragraph.itertext(qn("w:t"))).strip():
                break
            position -= 1
            if position >= 0 and children[position].tag == qn("w:tbl"):
                _keep_last_row(children[position])


def _keep_last_row(table: Any) -> None:
    """A list right before a signature: its last row stays on the signature's page."""
    rows = list(table.iterchildren(qn("w:tr")))
    if rows:
        for paragraph in rows[-1].iter(qn("w:p")):
            _set(paragraph.get_or_add_pPr(), "w:keepNext")


def _stamp_audit_anchor(document: Any) -> None:
    """A discreet footer line with the audit log's head as it stood when the document was
    issued, so paper kept elsewhere can prove later that the log was not cut short
    (`labour-democracy audit verify --anchor 125·3fa9c1d2e4b5f6a7`)."""
    from labour_democracy.core.audit import read_anchor

    anchor = read_anchor()
    if anchor is None:
        return
    document.core_properties.identifier = f"audit {anchor.entries} {anchor.head}"
    for number, section in enumerate(document.sections):
        footers = [section.footer]
        if section.different_first_page_header_footer:
            footers.append(section.first_page_footer)
        for footer in footers:
            if number and footer.is_linked_to_previous:
                continue
            paragraph = footer.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = paragraph.add_run(f"Nhật ký: {anchor.short}")
            run.font.size = Pt(6)
            run.font.color.rgb = RGBColor(0x80, 0x80, 0x80)


def render_sync(template: str, context: Mapping[str, Any]) -> bytes:
    try:
        return render_bytes(template_bytes(template), context)
    except DocumentRenderError as error:
        raise DocumentRenderError(f"{template}: {error}") from error


async def render(template: str, context: Mapping[str, Any]) -> bytes:
    """Render `template` (a path below templates/documents) with `context` to .docx bytes.

    CPU-bound, so it runs in a worker thread. Raises `DocumentRenderError` naming the template
    when a variable is missing, and `TemplateNotFound` for an unknown template.
    """
    return await anyio.to_thread.run_sync(render_sync, template, context)


def template_variables(template: str) -> set[str]:
    """The top-level names a template uses (nested keys are checked by rendering)."""
    return set(_variables(template_bytes(template)))


@lru_cache(maxsize=64)
def _variables(source: bytes) -> frozenset[str]:
    # Parsing a template takes a third of a second: once per file content is enough.
    document = DocxTemplate(io.BytesIO(source))
    return frozenset(document.get_undeclared_template_variables(jinja_env=_ENV))
