"""Compliance obligations for the federation: the democracy regulation issued and published
(Decree 145 Art. 48), the internal labour rules registered (Labour Code Art. 119), and
disclosures made by their deadline (Decree 145 Art. 43; Law 10/2022 Art. 65(2))."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from labour_democracy.core.legal_sources import DECREE_145, DEMOCRACY_LAW, LABOUR_CODE
from labour_democracy.i18n import N_, today
from labour_democracy.manifest import Obligation, ObligationResult
from labour_democracy.workplace_rules import rules
from labour_democracy.workplace_rules.tables import (
    Disclosure,
    InternalRules,
    InternalRulesStatus,
    RegulationStatus,
    RegulationVersion,
)


def _year_end(year: int) -> dt.date:
    return min(dt.date(year, 12, 31), today())


async def _regulation(enterprise_ids: Sequence[int], year: int) -> dict[int, ObligationResult]:
    end = _year_end(year)
    rows = await RegulationVersion.select(
        RegulationVersion.enterprise, RegulationVersion.published_on
    ).where(
        RegulationVersion.enterprise.is_in(list(enterprise_ids) or [-1])
        & RegulationVersion.status.is_in(
            [RegulationStatus.PUBLISHED.value, RegulationStatus.SUPERSEDED.value]
        )
        & (RegulationVersion.published_on <= end)
    )
    first: dict[int, dt.date] = {}
    for row in rows:
        day = row["published_on"]
        first[row["enterprise"]] = min(day, first.get(row["enterprise"], day))
    return {
        enterprise_id: ObligationResult(
            met=enterprise_id in first,
            on=first.get(enterprise_id),
            evidence=f"/enterprises/{enterprise_id}/workplace-rules",
        )
        for enterprise_id in enterprise_ids
    }


async def _internal_rules(enterprise_ids: Sequence[int], year: int) -> dict[int, ObligationResult]:
    end = _year_end(year)
    rows = await InternalRules.select(
        InternalRules.enterprise, InternalRules.filed_on, InternalRules.status
    ).where(
        InternalRules.enterprise.is_in(list(enterprise_ids) or [-1])
        & InternalRules.filed_on.is_not_null()
        & (InternalRules.filed_on <= end)
    )
    filed: dict[int, dt.date] = {}
    for row in rows:
        if row["status"] in (InternalRulesStatus.FILED, InternalRulesStatus.REGISTERED):
            filed[row["enterprise"]] = row["filed_on"]
    return {
        enterprise_id: ObligationResult(
            met=enterprise_id in filed,
            on=filed.get(enterprise_id),
            evidence=f"/enterprises/{enterprise_id}/workplace-rules/internal-rules",
        )
        for enterprise_id in enterprise_ids
    }


async def _disclosures(enterprise_ids: Sequence[int], year: int) -> dict[int, ObligationResult]:
    rows = await Disclosure.select(
        Disclosure.enterprise, Disclosure.due_on, Disclosure.disclosed_on
    ).where(
        Disclosure.enterprise.is_in(list(enterprise_ids) or [-1])
        & (Disclosure.disclosed_on >= dt.date(year, 1, 1))
        & (Disclosure.disclosed_on <= _year_end(year))
    )
    counts = {enterprise_id: [0, 0] for enterprise_id in enterprise_ids}
    for row in rows:
        tally = counts[row["enterprise"]]
        tally[1] += 1
        tally[0] += row["disclosed_on"] <= row["due_on"]
    return {
        enterprise_id: ObligationResult.counted(
            done, total, f"/enterprises/{enterprise_id}/workplace-rules/disclosures"
        )
        for enterprise_id, (done, total) in counts.items()
    }


OBLIGATIONS = (
    Obligation(
        key="democracy_regulation_published",
        label=N_("Democracy regulation issued after consultation and published"),
        legal_source="Nghị định số 145/2020/NĐ-CP, Điều 48, Điều 114(4)",
        applies_to=N_("Employers of 10 or more workers"),
        compute=_regulation,
        min_workforce=rules.WORKFORCE_THRESHOLD,
    ),
    Obligation(
        key="internal_rules_registered",
        label=N_("Internal labour rules filed for registration"),
        legal_source=f"{LABOUR_CODE.cited}, Điều 118, 119",
        applies_to=N_("Employers of 10 or more workers"),
        compute=_internal_rules,
        min_workforce=rules.WORKFORCE_THRESHOLD,
    ),
    Obligation(
        key="disclosures_on_time",
        label=N_("Disclosures made by their deadline"),
        legal_source=(f"{DECREE_145.cited}, Điều 43; {DEMOCRACY_LAW.cited}, Điều 65(2)"),
        applies_to=N_("Every employer"),
        compute=_disclosures,
    ),
)
