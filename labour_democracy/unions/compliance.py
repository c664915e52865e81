"""What the federation counts about unions: a union where there are enough workers, a founding
campaign under way where there is none yet, and a committee whose term has not run out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from labour_democracy.core.tables import Enterprise, Representation
from labour_democracy.i18n import N_
from labour_democracy.manifest import Obligation, ObligationResult
from labour_democracy.unions import rules
from labour_democracy.unions.tables import GrassrootsUnion, UnionStatus

_SOURCE = (
    "Luật Công đoàn số 50/2024/QH15, Điều 5, 19(5); Bộ luật Lao động số 45/2019/QH14, Điều 170"
)


async def _unions(enterprise_ids: Sequence[int]) -> dict[int, dict]:
    """Each enterprise's latest union, unless it was dissolved: then it has none again."""
    rows = (
        await GrassrootsUnion.select(
            GrassrootsUnion.enterprise, GrassrootsUnion.status, GrassrootsUnion.next_congress_on
        )
        .where(GrassrootsUnion.enterprise.is_in(list(enterprise_ids) or [-1]))
        .order_by(GrassrootsUnion.id)
    )
    latest = {r["enterprise"]: r for r in rows}  # the latest wins
    return {e: r for e, r in latest.items() if r["status"] != UnionStatus.DISSOLVED}


async def _representation(enterprise_ids: Sequence[int]) -> dict[int, str]:
    rows = await Enterprise.select(Enterprise.id, Enterprise.representation).where(
        Enterprise.id.is_in(list(enterprise_ids) or [-1])
    )
    return {r["id"]: r["representation"] for r in rows}


async def _union_present(enterprise_ids: Sequence[int], year: int) -> dict[int, ObligationResult]:
    present = await _representation(enterprise_ids)
    return {
        e: ObligationResult(
            met=present.get(e, Representation.NONE) != Representation.NONE,
            evidence=f"/enterprises/{e}/union",
        )
        for e in enterprise_ids
    }


async def _founding(enterprise_ids: Sequence[int], year: int) -> dict[int, ObligationResult]:
    """Met where a union exists or its founding is under way; not met where neither."""
    present = await _representation(enterprise_ids)
    unions = await _unions(enterprise_ids)
    return {
        e: ObligationResult(
            met=present.get(e) != Representation.NONE or e in unions,
            evidence=f"/enterprises/{e}/union",
        )
        for e in enterprise_ids
    }


async def _term(enterprise_ids: Sequence[int], year: int) -> dict[int, ObligationResult]:
    unions = await _unions(enterprise_ids)
    on = min(dt.date.today(), dt.date(year, 12, 31))
    results = {}
    for e in enterprise_ids:
        union = unions.get(e)
        if (
            union is None
            or union["status"] != UnionStatus.RECOGNISED
            or not union["next_congress_on"]
        ):
            results[e] = ObligationResult(met=None)
        else:
            results[e] = ObligationResult(
                met=on < union["next_congress_on"],
                on=union["next_congress_on"],
                evidence=f"/enterprises/{e}/union",
            )
    return results


_THRESHOLD = int(rules.UNION_TARGET_WORKFORCE.value)
OBLIGATIONS = (
    Obligation(
        key="union_present",
        label=N_("A workers' representative organisation exists"),
        legal_source=_SOURCE,
        applies_to=N_("Enterprises with 10 workers or more (the federation's setting)"),
        compute=_union_present,
        min_workforce=_THRESHOLD,
    ),
    Obligation(
        key="union_founding",
        label=N_("A union, or its founding under way"),
        legal_source=_SOURCE,
        applies_to=N_("Enterprises with 10 workers or more (the federation's setting)"),
        compute=_founding,
        min_workforce=_THRESHOLD,
    ),
    Obligation(
        key="union_term",
        label=N_("The union committee's term has not run out"),
        legal_source="Điều lệ Công đoàn Việt Nam (nhiệm kỳ: cài đặt của công đoàn cấp trên)",
        applies_to=N_("Enterprises with a recognised union"),
        compute=_term,
    ),
)
