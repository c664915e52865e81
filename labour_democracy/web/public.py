"""The enterprise's public page for its workers (no account): each module adds a section.

A worker reaches `/p/<token>` from the QR code on the notice board. Modules declare what they
publish there (a dialogue summary, a conference resolution, a form for suggestions) in their
manifest's `public_sections`; the page renders each section's template with what its loader
returns, in `order`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from labour_democracy.core.tables import Enterprise
from labour_democracy.manifest import installed


@dataclass(frozen=True)
class PublicSection:
    template: str  # a fragment, e.g. "dialogue/_public_section.html"
    load: Callable[[Enterprise], Awaitable[dict[str, Any] | None]]  # None: nothing to show
    order: int


async def sections(enterprise: Enterprise) -> list[tuple[str, dict[str, Any]]]:
    declared = [section for manifest in installed() for section in manifest.public_sections]
    shown = []
    for section in sorted(declared, key=lambda section: section.order):
        data = await section.load(enterprise)
        if data is not None:
            shown.append((section.template, data))
    return shown
