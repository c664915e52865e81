"""The federation's view: enterprises of its province with enough workers and no union, with
each one's founding progress; and the context in which the upper-level union acts on one of
them (only a federation officer of its province, or an administrator)."""

from __future__ import annotations

from dataclasses import dataclass

from labour_democracy.core.permissions import Actor
from labour_democracy.core.scope import EnterpriseContext, enterprise_context, federation_provinces
from labour_democracy.core.tables import Enterprise, Representation
from labour_democracy.i18n import today
from labour_democracy.unions import rules
from labour_democracy.unions.founding import founders_by_union
from labour_democracy.unions.permissions import UPPER_UNION
from labour_democracy.unions.tables import GrassrootsUnion

PER_PAGE = 50


async def upper_union_context(actor: Actor, enterprise_id: int) -> EnterpriseContext:
    """NotFound outside the officer's province, Forbidden for any role but the upper level."""
    return await enterprise_context(actor, enterprise_id, UPPER_UNION)


@dataclass(frozen=True)
class Candidate:
    """An enterprise that still needs its union, and how far its founding has come."""

    enterprise_id: int
    name: str
    workforce: int
    status: str | None
    founders: int


async def without_union(actor: Actor, threshold: int, page: int = 1) -> tuple[list[Candidate], int]:
    """Enterprises of the officer's province(s) with at least `threshold` active workers and no
    representative organisation, largest first; one page and the total."""
    provinces = federation_provinces(actor)
    if provinces == []:
        return [], 0
    where = "e.representation = {}"
    values: list = [Representation.NONE.value]
    if provinces is not None:
        where += " AND e.province IN (" + ", ".join("{}" for _ in provinces) + ")"
        values += provinces
    base = (
        "SELECT e.id AS id, e.name AS name, COUNT(w.id) AS workforce FROM enterprise AS e "
        "JOIN worker AS w ON w.enterprise = e.id AND (w.end_date IS NULL OR w.end_date > {}) "
        f"WHERE {where} GROUP BY e.id, e.name HAVING COUNT(w.id) >= {{}}"
    )
    values = [today(), *values, threshold]
    total = (await Enterprise.raw(f"SELECT COUNT(*) AS n FROM ({base}) AS c", *values))[0]["n"]
    page = max(1, min(page, -(-total // PER_PAGE)))  # a page past the last shows the last
    rows = await Enterprise.raw(
        base + " ORDER BY workforce DESC, e.id LIMIT {} OFFSET {}",
        *values,
        PER_PAGE,
        (page - 1) * PER_PAGE,
    )
    ids = [r["id"] for r in rows]
    unions = {  # the latest of each enterprise: a new founding after a dissolution
        u["enterprise"]: u
        for u in await GrassrootsUnion.select(
            GrassrootsUnion.id, GrassrootsUnion.enterprise, GrassrootsUnion.status
        )
        .where(GrassrootsUnion.enterprise.is_in(ids or [-1]))
        .order_by(GrassrootsUnion.id)
    }
    counted = await founders_by_union([u["id"] for u in unions.values()])
    return [
        Candidate(
            r["id"],
            r["name"],
            r["workforce"],
            unions[r["id"]]["status"] if r["id"] in unions else None,
            counted.get(unions[r["id"]]["id"], 0) if r["id"] in unions else 0,
        )
        for r in rows
    ], total


def threshold_of(value: str | None) -> int:
    """The federation's threshold from the address, else the setting's default (10)."""
    default = int(rules.UNION_TARGET_WORKFORCE.value)
    try:
        number = int(value or default)
    except ValueError:
        return default
    return number if 1 <= number <= 100_000 else default


async def pending_recognition(actor: Actor) -> list[dict]:
    """Unions whose dossier waits for the officer's decision."""
    provinces = federation_provinces(actor)
    query = GrassrootsUnion.select(
        GrassrootsUnion.id,
        GrassrootsUnion.name,
        GrassrootsUnion.enterprise,
        GrassrootsUnion.status,
    ).where(GrassrootsUnion.status == "dossier_sent")
    if provinces is not None:
        query = query.where(GrassrootsUnion.enterprise.province.is_in(provinces or [-1]))
    return await query
