"""Telling the installed modules that core changed an enterprise (its profile or its roster), in
the transaction of the change, so what a module keeps about the enterprise (the federation's
counts) stays exact. Core calls each manifest's `enterprise_changed` listeners and never names a
module."""

from __future__ import annotations

from labour_democracy.manifest import installed


async def enterprise_changed(enterprise_id: int) -> None:
    """Call every installed module's listener; inside the transaction that made the change."""
    for manifest in installed():
        for listener in manifest.enterprise_changed:
            await listener(enterprise_id)
