"""The enterprise's workplace-rules settings (what the democracy regulation chooses), read by
the regulation and the disclosure board; and whether the state-owned enterprises' rules of Law
10/2022 apply (state-owned, or opted in under Art. 82(2))."""

from __future__ import annotations

from labour_democracy.core.tables import Enterprise, Ownership
from labour_democracy.db import write_transaction
from labour_democracy.workplace_rules.tables import WorkplaceRulesSettings


async def settings_for(enterprise_id: int) -> WorkplaceRulesSettings:
    """The enterprise's settings, created with the law's defaults on first use."""
    found = (
        await WorkplaceRulesSettings.objects()
        .where(WorkplaceRulesSettings.enterprise == enterprise_id)
        .first()
    )
    if found:
        return found
    async with write_transaction():
        found = (
            await WorkplaceRulesSettings.objects()
            .where(WorkplaceRulesSettings.enterprise == enterprise_id)
            .first()
        )
        if found is None:
            found = WorkplaceRulesSettings(enterprise=enterprise_id)
            await found.save()
    return found


async def soe_rules(enterprise: Enterprise) -> bool:
    """Do Law 10/2022's rules for state-owned enterprises apply (Arts. 64-81, 82(2))?"""
    if enterprise.ownership == Ownership.STATE_OWNED:
        return True
    return bool((await settings_for(enterprise.id)).follows_law_10)
