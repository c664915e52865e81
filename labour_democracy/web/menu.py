"""The enterprise menu: each module registers its pages; the layout shows what the role allows."""

from __future__ import annotations

from dataclasses import dataclass

from labour_democracy.core.permissions import Permission
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.i18n import gettext as _


@dataclass(frozen=True)
class MenuItem:
    label: str  # a msgid, translated when shown
    path: str  # below /enterprises/{id}
    permission: Permission
    order: int


_ITEMS: list[MenuItem] = []


def register(*items: MenuItem) -> None:
    _ITEMS.extend(items)
    _ITEMS.sort(key=lambda item: item.order)


def enterprise_menu(context: EnterpriseContext) -> list[tuple[str, str]]:
    base = f"/enterprises/{context.enterprise_id}"
    return [(_(item.label), base + item.path) for item in _ITEMS if context.can(item.permission)]
