"""Compliance facts for the federation: an enterprise held its worker conference of a year
when the resolution was adopted and published (Decree 145/2020, Art. 47(1): annually)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from labour_democracy.conferences.queries import resolution_adopted
from labour_democracy.conferences.tables import Conference, ConferenceKind, ConferenceStatus
from labour_democracy.i18n import N_
from labour_democracy.manifest import Obligation, ObligationResult


@dataclass(frozen=True)
class Held:
    held: bool
    conference_id: int | None = None
    held_on: dt.date | None = None
    published_on: dt.date | None = None


async def held(enterprise_id: int, year: int) -> Held:
    """The annual conference of `year`: held when its resolution was adopted and published."""
    row = (
        await Conference.select(
            Conference.id, Conference.held_on, Conference.published_on, Conference.status
        )
        .where(
            (Conference.enterprise == enterprise_id)
            & (Conference.year == year)
            & (Conference.kind == ConferenceKind.ANNUAL)
        )
        .first()
    )
    if row is None:
        return Held(False)
    published = row["status"] == ConferenceStatus.PUBLISHED and row["published_on"] is not None
    adopted = await resolution_adopted(row["id"])
    return Held(published and adopted, row["id"], row["held_on"], row["published_on"])


async def held_in(enterprise_ids: list[int], year: int) -> dict[int, Held]:
    """The facts for many enterprises (the federation's dashboard)."""
    return {enterprise_id: await held(enterprise_id, year) for enterprise_id in enterprise_ids}


async def _annual_conference(
    enterprise_ids: Sequence[int], year: int
) -> dict[int, ObligationResult]:
    results = {}
    for enterprise_id, fact in (await held_in(list(enterprise_ids), year)).items():
        evidence = (
            f"/enterprises/{enterprise_id}/conferences/{fact.conference_id}"
            if fact.conference_id
            else ""
        )
        results[enterprise_id] = ObligationResult(
            met=fact.held, on=fact.published_on or fact.held_on, evidence=evidence
        )
    return results


OBLIGATIONS = (
    Obligation(
        key="conference_held",
        label=N_("Annual worker conference held and its resolution published"),
        legal_source="Nghị định số 145/2020/NĐ-CP, Điều 47(1), Điều 114(4)",
        applies_to=N_("Enterprises with 10 or more workers"),
        compute=_annual_conference,
        # Decree 145/2020, Art. 114(4): an employer of fewer than 10 workers need not hold it.
        min_workforce=10,
    ),
)
