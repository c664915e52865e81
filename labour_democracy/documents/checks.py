"""`labour-democracy check-templates`: every .docx template renders with its sample data.

Catches, before a person issues a document: a template file that is missing, an override
file that no module knows (a misspelt name would silently never be used), a variable the
context does not provide (a typo in a designer's `{{ heder.issuer }}`), and tags left
unrendered in the output (a tag split across runs by Word).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import docx

from labour_democracy.documents import engine, registry

_LEFTOVER_TAG = re.compile(r"\{\{|\{%|%\}|\}\}")


def paragraph_texts(content: bytes) -> list[str]:
    """The text of each paragraph of a .docx: body, table cells, headers and footers."""
    document = docx.Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [p.text for row in table.rows for cell in row.cells for p in cell.paragraphs]
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.footer):
            texts += [p.text for p in part.paragraphs]
    return texts


def all_text(content: bytes) -> str:
    return "\n".join(paragraph_texts(content))


def unclosed_tags(content: bytes) -> list[str]:
    """Paragraphs whose tags do not close: Jinja would read on to the next "}}" elsewhere in
    the file and silently swallow everything in between."""
    return list(_unclosed_tags(content))


@lru_cache(maxsize=64)
def _unclosed_tags(content: bytes) -> tuple[str, ...]:
    # Reading a template's paragraphs takes a tenth of a second: once per file content.
    return tuple(
        text
        for text in paragraph_texts(content)
        if text.count("{{") != text.count("}}") or text.count("{%") != text.count("%}")
    )


@dataclass
class TemplateCheck:
    template: str
    source: Path | None = None
    problems: list[str] = field(default_factory=list)


def _files_on_disk() -> set[str]:
    found: set[str] = set()
    for root in engine.search_path():
        if root.is_dir():
            found |= {path.relative_to(root).as_posix() for path in root.rglob("*.docx")}
    return found


def check_template(template: registry.DocumentTemplate) -> TemplateCheck:
    result = TemplateCheck(template.path)
    try:
        result.source = engine.template_path(template.path)
    except engine.TemplateNotFound:
        result.problems.append("the file is missing")
        return result
    for text in unclosed_tags(engine.template_bytes(template.path)):
        result.problems.append(f"a tag is not closed: {text[:80]!r}")
    if result.problems:
        return result
    sample = template.sample()
    unknown = engine.template_variables(template.path) - set(sample)
    if unknown:
        result.problems.append(f"unknown variables: {', '.join(sorted(unknown))}")
    try:
        content = engine.render_sync(template.path, sample)
    except engine.DocumentRenderError as error:
        result.problems.append(str(error))
        return result
    leftovers = _LEFTOVER_TAG.findall(all_text(content))
    if leftovers:
        result.problems.append(
            f"tags left in the output ({' '.join(sorted(set(leftovers)))}): "
            "a tag was split by the editor; retype it in one go"
        )
    return result


def check_templates() -> list[TemplateCheck]:
    known = registry.templates()
    results = [check_template(template) for template in known.values()]
    for stray in sorted(_files_on_disk() - set(known)):
        results.append(
            TemplateCheck(
                stray,
                engine.template_path(stray),
                problems=["no module uses a template of this name (is the file name right?)"],
            )
        )
    return results
