"""`labour-democracy documents samples DIR`: one file of every document the app can issue.

Every template in the documents registry is rendered with its module's sample context, and
every document a module makes without a template (the ballot slips) with its sample, as .docx
and, where LibreOffice is installed, as .pdf. Template authors run it with `LD_TEMPLATE_DIR` to
see their overrides filled; the tests read every file back (tests/documents/test_samples.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from labour_democracy.documents import engine, pdf, registry


@dataclass(frozen=True)
class Sample:
    name: str  # "conferences/minutes.docx"
    docx: Path
    pdf: Path | None = None
    error: str = ""


def _makers() -> dict[str, Callable[[], bytes]]:
    makers: dict[str, Callable[[], bytes]] = {}
    for path, template in registry.templates().items():
        makers[path] = lambda template=template: engine.render_sync(
            template.path, template.sample()
        )
    for path, item in registry.generated().items():
        makers[path] = item.sample
    return dict(sorted(makers.items()))


def names() -> list[str]:
    return list(_makers())


async def write_samples(directory: Path, *, with_pdf: bool = True) -> list[Sample]:
    """Write every sample below `directory` (module folders as in templates/documents)."""
    written = []
    for name, make in _makers().items():
        target = directory / name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            content = make()
        except engine.DocumentRenderError as error:
            written.append(Sample(name, target, error=str(error)))
            continue
        target.write_bytes(content)
        pdf_path = None
        if with_pdf and pdf.is_available():
            try:
                pdf_path = target.with_suffix(".pdf")
                pdf_path.write_bytes(await pdf.to_pdf(content))
            except pdf.PdfUnavailable as error:
                written.append(Sample(name, target, error=str(error)))
                continue
        written.append(Sample(name, target, pdf_path))
    return written
