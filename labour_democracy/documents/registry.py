"""The document templates and kinds each module contributes.

A module's `documents.py` registers, at import, each .docx template it ships: how to build it
(for `python -m labour_democracy.documents.build`) and sample data (for `labour-democracy
check-templates`), and the label of each kind of document it issues (shown in the list).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from docx.document import Document

from labour_democracy.i18n import gettext as _
from labour_democracy.modules import MODULES


@dataclass(frozen=True)
class DocumentTemplate:
    path: str  # below templates/documents, e.g. "notices/notice.docx"
    build: Callable[[], Document]
    sample: Callable[[], dict[str, Any]]


_TEMPLATES: dict[str, DocumentTemplate] = {}
_KINDS: dict[str, str] = {}


def register_template(path: str, build: Callable[[], Document], sample) -> None:
    _TEMPLATES[path] = DocumentTemplate(path, build, sample)


def register_kind(kind: str, label: str) -> None:
    """`label` is a msgid (mark it with N_), translated where shown."""
    _KINDS[kind] = label


def load_modules() -> None:
    """Import every module's documents.py, which registers its templates and kinds."""
    for module in MODULES:
        try:
            importlib.import_module(f"labour_democracy.{module}.documents")
        except ModuleNotFoundError as error:
            if error.name != f"labour_democracy.{module}.documents":
                raise


def templates() -> dict[str, DocumentTemplate]:
    load_modules()
    return dict(sorted(_TEMPLATES.items()))


def kind_label(kind: str) -> str:
    label = _KINDS.get(kind)
    return _(label) if label else kind


def kind_choices(kinds: list[str]) -> list[tuple[str, str]]:
    load_modules()  # a module's kinds are known once its documents.py has been imported
    return sorted(((kind, kind_label(kind)) for kind in kinds), key=lambda pair: pair[1])
