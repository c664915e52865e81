"""The one .docx renderer: docxtpl with autoescape and StrictUndefined, off the event loop.

A template is named by its path below `templates/documents` ("notices/notice.docx"); a
deployment's copy in `LD_TEMPLATE_DIR/documents/` wins. Template bytes are cached (keyed by
file and modification time, so an edited override is picked up) and every render opens a
fresh `DocxTemplate` from them: a rendered template object keeps state and must not be reused.
What does not change between renders is done once per template content: the Jinja is compiled,
the package read (package.py); the passes every document gets run in one walk (passes.py).
Why: docs/decisions/document-rendering.md.

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
from docx.shared import Pt, RGBColor
from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined, Template, TemplateError, UndefinedError
from markupsafe import Markup

from labour_democracy.core.vietnamese_dates import date_words
from labour_democracy.documents import package, passes
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
    """ "ngày 05 tháng 01 năm 2026", "ngày 16 tháng 6 năm 2026" (Decree 30/2020's rule, in
    core.vietnamese_dates), the words joined by non-breaking spaces, so a date never wraps
    inside a line or a cell."""
    return NBSP.join(date_words(value))


# A date in words or a percentage inside any text: kept on one line (Decree 30 writes "54,55 %"
# with a space, which must not become a line break between the number and its sign).
_DATE_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_PERCENT = re.compile(r"(\d) (%)")


def unbreakable(text: str) -> str:
    # Called for every value a template prints: each pattern is tried only on a text that holds
    # its literal part.
    if "ngày" in text:
        text = _DATE_WORDS.sub(
            lambda m: NBSP.join(("ngày", m.group(1), "tháng", m.group(2), "năm", m.group(3))), text
        )
    if " %" in text:
        text = _PERCENT.sub("\\1" + NBSP + "\\2", text)
    return text


def short_date(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def _finalize(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, Markup):
        return unbreakable(_XML_INVALID.sub("", value))
    return value


class _Environment(Environment):
    """Compiles each template source once per process. docxtpl asks for the body's, every
    header's and footer's and each document property's source on every render; compiling a
    long template took longer than filling it."""

    def from_string(self, source, globals=None, template_class=None):
        if globals is None and template_class is None and isinstance(source, str):
            return _compiled(source)
        return super().from_string(source, globals, template_class)


def _environment() -> Environment:
    env = _Environment(undefined=StrictUndefined, autoescape=True, finalize=_finalize)
    env.filters.update(long_date=vietnamese_date, short_date=short_date)
    return env


# Environments are safe to share between threads once configured; docxtpl sets autoescape on
# the one it is given, which is already True.
_ENV = _environment()


@lru_cache(maxsize=256)
def _compiled(source: str) -> Template:
    # A compiled template keeps no state between renders and is safe to share between threads.
    return Environment.from_string(_ENV, source)


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


@lru_cache(maxsize=package.CACHED_TEMPLATES)
def _read(path: Path, modified_ns: int, size: int) -> bytes:
    return path.read_bytes()


def template_bytes(template: str) -> bytes:
    path = template_path(template)
    stat = path.stat()
    return _read(path, stat.st_mtime_ns, stat.st_size)


# What docxtpl's listing pass turns into Word markup inside a text: a tab, a line break, a new
# paragraph (bell) or a page break (form feed).
_LISTING = ("\t", "\n", "\a", "\f")


_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"


class _Template(DocxTemplate):
    """docxtpl's template, with each part's XML prepared for Jinja once per content (the result
    depends on nothing else), the listing pass skipped when the output has nothing for it (it
    then returns its input unchanged, after a walk over every run of every paragraph), and the
    passes every document gets (passes.py) run on the body as docxtpl parses it. Its package
    is opened by package.py (the styles parsed only if read).

    The methods replaced are DocxTemplate's in docxtpl 0.19 and 0.20 (pyproject: <0.21); the
    document tests read every template's output back."""

    def __init__(self, source: bytes) -> None:
        super().__init__(io.BytesIO(source))
        self.source = source

    def init_docx(self, reload: bool = True) -> None:
        if not self.docx or (self.is_rendered and reload):
            self.docx = package.open_document(self.source)
            self.is_rendered = False

    def patch_xml(self, src_xml: str) -> str:
        return _patched(src_xml)

    def resolve_listing(self, xml: str) -> str:
        if not any(character in xml for character in _LISTING):
            return xml
        return super().resolve_listing(xml)

    def fix_tables(self, xml: str) -> Any:
        body = super().fix_tables(xml)
        passes.finish_body(body)
        return body

    def fix_docpr_ids(self, tree: Any) -> None:
        # docxtpl's own walks the body with an XPath query: the same drawings, in the same
        # (document) order, numbered from the same start, several times faster.
        for drawing in tree.iter(_DOC_PR):
            self.docx_ids_index += 1
            drawing.attrib["id"] = str(self.docx_ids_index)


@lru_cache(maxsize=256)
def _patched(xml: str) -> str:
    return DocxTemplate.patch_xml(_PATCHER, xml)


_PATCHER = DocxTemplate(io.BytesIO())  # patch_xml reads no state of its template


def render_bytes(source: bytes, context: Mapping[str, Any]) -> bytes:
    """Fill a template held in memory; runs in the calling thread."""
    document = _Template(source)
    try:
        document.render(dict(context), jinja_env=_ENV, autoescape=True)
    except UndefinedError as error:
        raise DocumentRenderError(f"a variable is missing: {error.message}") from error
    except TemplateError as error:
        raise DocumentRenderError(f"the template is broken: {error}") from error
    _stamp_audit_anchor(document.docx)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


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


@lru_cache(maxsize=package.CACHED_TEMPLATES)
def _variables(source: bytes) -> frozenset[str]:
    # Parsing a template takes a third of a second: once per file content is enough.
    document = DocxTemplate(io.BytesIO(source))
    return frozenset(document.get_undeclared_template_variables(jinja_env=_ENV))
