"""Facts for the federation: how many of the workers' suggestions each enterprise answered.

Counts only: the texts are the workers' own words and may name people."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from piccolo.query.functions.aggregate import Count

from labour_democracy.core.rates import Rate, rates_by_enterprise
from labour_democracy.i18n import N_
from labour_democracy.manifest import Obligation, ObligationResult
from labour_democracy.suggestions.tables import Suggestion, SuggestionStatus


async def answer_rates(enterprise_ids: list[int], year: int) -> dict[int, Rate]:
    """Per enterprise, the suggestions received in `year` and taken up (those not taken up
    have a reason instead of an answer), and how many of them are answered; one grouped query
    whatever the number of enterprises."""
    if not enterprise_ids:
        return {}
    rows = (
        await Suggestion.select(Suggestion.enterprise, Suggestion.status, Count())
        .where(Suggestion.enterprise.is_in(list(enterprise_ids)))
        .where(Suggestion.received_on >= dt.date(year, 1, 1))
        .where(Suggestion.received_on <= dt.date(year, 12, 31))
        .group_by(Suggestion.enterprise, Suggestion.status)
    )
    return rates_by_enterprise(
        rows, enterprise_ids, SuggestionStatus.ANSWERED, SuggestionStatus.REJECTED
    )


async def _answered(enterprise_ids: Sequence[int], year: int) -> dict[int, ObligationResult]:
    return {
        enterprise_id: ObligationResult.counted(
            rate.done, rate.total, f"/enterprises/{enterprise_id}/suggestions"
        )
        for enterprise_id, rate in (await answer_rates(list(enterprise_ids), year)).items()
    }


OBLIGATIONS = (
    Obligation(
        key="suggestions_answered",
        label=N_("Workers' suggestions answered"),
        legal_source="Nghị định số 145/2020/NĐ-CP, Điều 44",
        applies_to=N_("Every employer"),
        compute=_answered,
    ),
)
