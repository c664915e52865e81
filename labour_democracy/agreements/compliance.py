"""Compliance facts for the federation: an agreement in force, filed within 10 days of signing
(Labour Code 2019 Art. 77), not expiring within 90 days without renewal bargaining (Art. 83),
and no clause below the law (Arts. 75(2), 82(2))."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from labour_democracy.agreements import ledger, queries, rules
from labour_democracy.agreements.floors import Verdict
from labour_democracy.agreements.tables import Agreement, AgreementKind, AgreementStatus
from labour_democracy.core.tables import Enterprise
from labour_democracy.i18n import N_, today
from labour_democracy.manifest import Obligation, ObligationResult


def _on(year: int) -> dt.date:
    return min(dt.date(year, 12, 31), today())


async def _signed(
    enterprise_ids: Sequence[int], extensions: bool = False
) -> dict[int, list[Agreement]]:
    """The signed agreements; an extension (Art. 83) only when asked: the agreement it extends
    carries the new expiry, so only filing counts the extension itself."""
    clause = Agreement.enterprise.is_in(list(enterprise_ids) or [-1]) & (
        Agreement.status == AgreementStatus.SIGNED.value
    )
    if not extensions:
        clause &= Agreement.kind != AgreementKind.EXTENSION.value
    rows = await Agreement.objects().where(clause)
    found: dict[int, list[Agreement]] = {e: [] for e in enterprise_ids}
    for row in rows:
        found[row.enterprise].append(row)
    return found


async def _in_force(enterprise_id: int, agreements: list[Agreement], on: dt.date):
    for agreement in agreements:
        renegotiating = await queries.renegotiating(enterprise_id, agreement)
        if rules.standing(on, agreement.effective_on, agreement.expires_on, renegotiating).in_force:
            return agreement
    return None


def _evidence(enterprise_id: int, agreement: Agreement | None = None) -> str:
    base = f"/enterprises/{enterprise_id}/agreements"
    return f"{base}/{agreement.id}" if agreement else base


async def in_force(enterprise_ids: Sequence[int], year: int) -> dict[int, ObligationResult]:
    """Met with an agreement in force; owed once an agreement has expired without another;
    nothing due for an enterprise that never signed one (bargaining is voluntary, Art. 66)."""
    on = _on(year)
    signed = await _signed(enterprise_ids)
    results = {}
    for enterprise_id, agreements in signed.items():
        current = await _in_force(enterprise_id, agreements, on)
        met = True if current else (False if agreements else None)
        results[enterprise_id] = ObligationResult(
            met=met, on=current.effective_on if current else None,
            evidence=_evidence(enterprise_id, current),
        )  # fmt: skip
    return results


async def filed_on_time(enterprise_ids: Sequence[int], year: int) -> dict[int, ObligationResult]:
    on = _on(year)
    signed = await _signed(enterprise_ids, extensions=True)
    results = {}
    for enterprise_id, agreements in signed.items():
        standing = {a.id: rules.filed_in_time(a.filed_on, a.signed_on, on) for a in agreements}
        due = [a for a in agreements if a.signed_on.year == year and standing[a.id] is not None]
        done = sum(1 for a in due if standing[a.id])
        results[enterprise_id] = ObligationResult.counted(done, len(due), _evidence(enterprise_id))
    return results


async def not_expiring(enterprise_ids: Sequence[int], year: int) -> dict[int, ObligationResult]:
    """Owed when the agreement in force expires within 90 days and no new bargaining started."""
    on = _on(year)
    signed = await _signed(enterprise_ids)
    results = {}
    for enterprise_id, agreements in signed.items():
        current = await _in_force(enterprise_id, agreements, on)
        if current is None:
            results[enterprise_id] = ObligationResult(met=None)
            continue
        renegotiating = await queries.renegotiating(enterprise_id, current)
        expiring = rules.in_renewal_window(on, current.expires_on) and not renegotiating
        results[enterprise_id] = ObligationResult(
            met=not expiring, on=current.expires_on, evidence=_evidence(enterprise_id, current)
        )
    return results


async def clauses_lawful(enterprise_ids: Sequence[int], year: int) -> dict[int, ObligationResult]:
    """The clauses with a legal floor of the agreement in force, and how many are not below the
    floor in force (a new floor makes an amendment mandatory, Art. 82(2))."""
    on = _on(year)
    signed = await _signed(enterprise_ids)
    regions = {
        row["id"]: row["min_wage_region"]
        for row in await Enterprise.select(Enterprise.id, Enterprise.min_wage_region).where(
            Enterprise.id.is_in(list(enterprise_ids) or [-1])
        )
    }
    results = {}
    for enterprise_id, agreements in signed.items():
        current = await _in_force(enterprise_id, agreements, on)
        if current is None:
            results[enterprise_id] = ObligationResult(met=None)
            continue
        checked = [
            c for c in await ledger.checked_clauses(current, regions.get(enterprise_id), on)
            if c.verdict not in (None, Verdict.NO_BASELINE)
        ]  # fmt: skip
        done = sum(1 for c in checked if c.verdict is not Verdict.BELOW)
        results[enterprise_id] = ObligationResult.counted(
            done, len(checked), _evidence(enterprise_id, current)
        )
    return results


OBLIGATIONS = (
    Obligation(
        "agreement_in_force",
        N_("Collective labour agreement in force"),
        "Bộ luật Lao động số 45/2019/QH14, Điều 78, 83",
        N_("Enterprises that have signed a collective labour agreement"),
        in_force,
    ),
    Obligation(
        "agreement_filed",
        N_("Agreements filed with Sở Nội vụ within 10 days"),
        "Bộ luật Lao động số 45/2019/QH14, Điều 77",
        N_("Enterprises that signed an agreement this year"),
        filed_on_time,
    ),
    Obligation(
        "agreement_not_expiring",
        N_("Agreement not expiring within 90 days without renewal bargaining"),
        "Bộ luật Lao động số 45/2019/QH14, Điều 83",
        N_("Enterprises with an agreement in force"),
        not_expiring,
    ),
    Obligation(
        "agreement_clauses_lawful",
        N_("Agreement clauses not below the law"),
        "Bộ luật Lao động số 45/2019/QH14, Điều 75(2), 82(2)",
        N_("Enterprises with an agreement in force"),
        clauses_lawful,
    ),
)
