"""The enterprise's public page for its workers (no account): each module adds a section.

A worker reaches `/p/<token>` from the QR code on the notice board. Modules register what they
publish there (a dialogue summary, a conference resolution, a form for suggestions) with
`register(PublicSection(...))`; the page renders each section's template with what its loader
returns, in `order`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from labour_democracy.core.tables import Enterprise


@dataclass(frozen=True)
class PublicSection:
    template: str  # a fragment, e.g. "dialogue/_public_section.html"
    load: Callable[[Enterprise], Awaitable[dict[str, Any] | None]]  # None: nothing to show
    order: int


_SECTIONS: list[PublicSection] = []


def register(section: PublicSection) -> None:
    _SECTIONS.append(section)
    _SECTIONS.sort(key=lambda item: item.order)


async def sections(enterprise: Enterprise) -> list[tuple[str, dict[str, Any]]]:
    shown = []
    for section in _SECTIONS:
        data = await section.load(enterprise)
        if data is not None:
            shown.append((section.template, data))
    return shown
