"""Demo: the demo enterprise on its province's register, its facts of the year read from its
records, so the demo federation officer's dashboard has something to count."""

from __future__ import annotations

from labour_democracy.compliance import facts, register
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.i18n import today


async def load(context: EnterpriseContext) -> None:
    ids = await register.enter_app_users([context.enterprise.province])
    await facts.sync_recorded(ids, today().year)
