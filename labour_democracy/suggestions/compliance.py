"""Facts for the federation: how many of the workers' suggestions each enterprise answered.

Counts only: the texts are the workers' own words and may name people."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from piccolo.query.functions.aggregate import Count

from labour_democracy.core.rates import Rate, rates_by_enterprise
from labour_democracy.i18n import N_
from labour_democracy.manifest import Obligation, ObligationResult
from labour_democracy.suggestions.tables import Suggestion, SuggestionStatus


async def _status_counts(enterprise_ids: list[int], year: int) -> list[dict]:
    """How many suggestions each enterprise received in `year`, by status (`enterprise`,
    `status`, `count`); one grouped query whatever the number of enterprises."""
    return (
        await Suggestion.select(Suggestion.enterprise, Suggestion.status, Count())
        .where(Suggestion.enterprise.is_in(list(enterprise_ids)))
        .where(Suggestion.received_on >= dt.date(year, 1, 1))
        .where(Suggestion.received_on <= dt.date(year, 12, 31))
        .group_by(Suggestion.enterprise, Suggestion.status)
    )


def _answered_of_taken_up(rows: list[dict], enterprise_ids: list[int]) -> dict[int, Rate]:
    """Those not taken up have a reason instead of an answer: they are left out."""
    return rates_by_enterprise(
        rows, enterprise_ids, SuggestionStatus.ANSWERED, SuggestionStatus.REJECTED
    )


async def answer_rates(enterprise_ids: list[int], year: int) -> dict[int, Rate]:
    """Per enterprise, the suggestions received in `year` and taken up, and how many of them
    are answered."""
    if not enterprise_ids:
        return {}
    return _answered_of_taken_up(await _status_counts(enterprise_ids, year), enterprise_ids)


@dataclass(frozen=True)
class YearFigures:
    """One enterprise's suggestions received in a year, in counts only: all of them, those not
    taken up, and of those taken up how many are answered (the rate the federation counts)."""

    year: int
    received: int
    not_taken_up: int
    answered: Rate


async def year_figures(enterprise_id: int, year: int) -> YearFigures:
    rows = await _status_counts([enterprise_id], year)
    return YearFigures(
        year=year,
        received=sum(row["count"] for row in rows),
        not_taken_up=sum(
            row["count"] for row in rows if row["status"] == SuggestionStatus.REJECTED
        ),
        answered=_answered_of_taken_up(rows, [enterprise_id])[enterprise_id],
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
