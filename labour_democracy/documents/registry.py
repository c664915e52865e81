"""The document templates and kinds of the installed modules.

A module declares in its manifest each .docx template it ships (how to build it, for `python -m
labour_democracy.documents.build`, and sample data, for `labour-democracy check-templates` and
`documents samples`), the documents it makes without a template, and the label of each kind
of document it issues (shown in the list).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from docx.document import Document

from labour_democracy.i18n import gettext as _
from labour_democracy.manifest import installed


@dataclass(frozen=True)
class DocumentTemplate:
    path: str  # below templates/documents, e.g. "notices/notice.docx"
    build: Callable[[], Document]
    sample: Callable[[], dict[str, Any]]


@dataclass(frozen=True)
class GeneratedDocument:
    """A document a module makes without a template (the ballot slips, written as raw
    WordprocessingML for speed): its file name in `documents samples` and a sample of it."""

    path: str  # e.g. "voting/ballot_slips.docx"
    sample: Callable[[], bytes]


def templates() -> dict[str, DocumentTemplate]:
    declared = [template for manifest in installed() for template in manifest.document_templates]
    return {template.path: template for template in sorted(declared, key=lambda t: t.path)}


def generated() -> dict[str, GeneratedDocument]:
    declared = [item for manifest in installed() for item in manifest.generated_documents]
    return {item.path: item for item in sorted(declared, key=lambda item: item.path)}


def kind_label(kind: str) -> str:
    for manifest in installed():
        for declared in manifest.document_kinds:
            if declared.kind == kind:
                return _(declared.label)
    return kind


def kind_choices(kinds: list[str]) -> list[tuple[str, str]]:
    return sorted(((kind, kind_label(kind)) for kind in kinds), key=lambda pair: pair[1])
