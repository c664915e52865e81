"""Facts for the federation: how many agreed actions each enterprise carried out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from piccolo.query.functions.aggregate import Count

from labour_democracy.core.rates import Rate, rates_by_enterprise
from labour_democracy.followups.tables import FollowUp, FollowUpStatus
from labour_democracy.i18n import N_
from labour_democracy.manifest import Obligation, ObligationResult


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


async def _carried_out(enterprise_ids: Sequence[int], year: int) -> dict[int, ObligationResult]:
    return {
        enterprise_id: ObligationResult.counted(
            rate.done, rate.total, f"/enterprises/{enterprise_id}/followups"
        )
        for enterprise_id, rate in (await completion_rates(list(enterprise_ids), year)).items()
    }


OBLIGATIONS = (
    Obligation(
        key="followups_done",
        label=N_("Actions agreed at dialogues and conferences carried out"),
        legal_source="Nghị định số 145/2020/NĐ-CP, Điều 46(1)",
        applies_to=N_("Every employer"),
        compute=_carried_out,
    ),
)
