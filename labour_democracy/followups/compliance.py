"""Facts for the federation: how many agreed actions each enterprise carried out."""

from __future__ import annotations

import datetime as dt

from piccolo.query.functions.aggregate import Count

from labour_democracy.core.rates import Rate, rates_by_enterprise
from labour_democracy.followups.tables import FollowUp, FollowUpStatus


async def completion_rates(enterprise_ids: list[int], year: int) -> dict[int, Rate]:
    """Per enterprise, the actions due in `year` (dropped ones left out) and how many are
    done; one grouped query whatever the number of enterprises."""
    if not enterprise_ids:
        return {}
    rows = (
        await FollowUp.select(FollowUp.enterprise, FollowUp.status, Count())
        .where(FollowUp.enterprise.is_in(list(enterprise_ids)))
        .where(FollowUp.due_on >= dt.date(year, 1, 1))
        .where(FollowUp.due_on <= dt.date(year, 12, 31))
        .group_by(FollowUp.enterprise, FollowUp.status)
    )
    return rates_by_enterprise(rows, enterprise_ids, FollowUpStatus.DONE, FollowUpStatus.DROPPED)
