"""Who is in a ballot's electorate: active workers of the whole enterprise, of a unit and the
units below it, or of the union's members or non-members (the dialogue group's election)."""

from __future__ import annotations

from labour_democracy.core.enterprises import active_workers
from labour_democracy.core.tables import OrgUnit, Worker
from labour_democracy.i18n import today
from labour_democracy.voting.tables import Ballot, ElectorateKind


async def electorate_clause(ballot: Ballot):
    """Who is in the ballot's electorate today (active workers of its group)."""
    clause = active_workers(ballot.enterprise, today())
    if ballot.electorate_kind == ElectorateKind.UNION_MEMBERS:
        clause &= Worker.union_member.eq(True)
    elif ballot.electorate_kind == ElectorateKind.NON_MEMBERS:
        clause &= Worker.union_member.eq(False)
    elif ballot.electorate_kind == ElectorateKind.ORG_UNIT:
        clause &= Worker.org_unit.is_in(
            await _unit_and_descendants(ballot.electorate_unit, ballot.enterprise)
        )
    return clause


async def _unit_and_descendants(unit_id: int, enterprise_id: int) -> list[int]:
    units = await OrgUnit.select(OrgUnit.id, OrgUnit.parent).where(
        OrgUnit.enterprise == enterprise_id
    )
    found, frontier = {unit_id}, [unit_id]
    while frontier:
        parent = frontier.pop()
        for unit in units:
            if unit["parent"] == parent and unit["id"] not in found:
                found.add(unit["id"])
                frontier.append(unit["id"])
    return sorted(found)
