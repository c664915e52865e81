"""The enterprise menu: each module declares its pages in its manifest; the layout shows what
the role allows."""

from __future__ import annotations

from dataclasses import dataclass

from labour_democracy.core.permissions import Permission
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.i18n import gettext as _
from labour_democracy.manifest import installed


@dataclass(frozen=True)
class MenuItem:
    label: str  # a msgid, translated when shown
    path: str  # below /enterprises/{id}
    permission: Permission
    order: int


def enterprise_menu(context: EnterpriseContext) -> list[tuple[str, str]]:
    base = f"/enterprises/{context.enterprise_id}"
    items = sorted(
        (item for manifest in installed() for item in manifest.menu), key=lambda item: item.order
    )
    return [(_(item.label), base + item.path) for item in items if context.can(item.permission)]
