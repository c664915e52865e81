"""What the federation reads: the figures of its scope (province → commune/ward or
industrial-park union → enterprise), with filters, trends by year, the list of late
obligations and each enterprise's standing; all from the tallies, never a scan of the facts,
except the pages of one list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from labour_democracy.compliance import obligations, rules, tallies
from labour_democracy.compliance.tables import Fact, FactState, RegisterEntry
from labour_democracy.core.errors import Forbidden, NotFound
from labour_democracy.core.permissions import Actor
from labour_democracy.core.schemas import Page
from labour_democracy.core.scope import FederationScope, federation_scope
from labour_democracy.core.tables import Enterprise, Province, UpperUnion
from labour_democracy.i18n import today
from labour_democracy.manifest import Obligation

TREND_YEARS = 5


@dataclass(frozen=True)
class Filters:
    """What the officer looks at: a year, a province (national readers choose), an upper union
    (the drill-down), and the filters by sector, ownership and size."""

    year: int
    province: int | None = None
    union: int | None = None
    sector: str | None = None
    ownership: str | None = None
    size: str | None = None

    def size_range(self) -> tuple[int, int | None] | None:
        return rules.size_class_range(self.size) if self.size else None


@dataclass(frozen=True)
class Line:
    """One obligation's figure, with what the page says about it; `items` counts the items
    behind it where the enterprises gave them (petitions resolved of those received: held of
    eligible), reported or recorded."""

    obligation: Obligation
    threshold: int
    owed_by_default: bool
    figure: rules.Figure
    items: rules.Figure


@dataclass
class View:
    """Where the reader stands and what they may do there."""

    scope: FederationScope
    filters: Filters
    province_ids: tuple[int, ...] | None  # None: every province
    union_ids: tuple[int, ...] | None  # None: every union of the provinces
    thresholds: dict[str, int] = field(default_factory=dict)
    owed: dict[str, bool] = field(default_factory=dict)
    shape: list = field(default_factory=list)  # `_shape`: the obligations as counted here


async def view(actor: Actor, filters: Filters) -> View:
    """The reader's scope narrowed by the filters: `Forbidden` for a reader without any,
    `NotFound` for a province or union outside it."""
    scope = federation_scope(actor)
    if scope.is_empty:
        raise Forbidden
    province_ids = scope.province_ids
    union_ids: tuple[int, ...] | None = None
    if scope.province_ids == ():  # a local union officer: only its unions
        union_ids = scope.upper_union_ids
    if filters.province is not None:
        outside = province_ids is not None and filters.province not in province_ids
        if outside and not union_ids:
            raise NotFound
        province_ids = (filters.province,)
    if filters.union is not None:
        union = (
            await UpperUnion.select(UpperUnion.province)
            .where(UpperUnion.id == filters.union)
            .first()
        )
        visible = union is not None and (
            (union_ids is not None and filters.union in union_ids)
            or (union_ids is None and (province_ids is None or union["province"] in province_ids))
        )
        if not visible:
            raise NotFound
        union_ids = (filters.union,)
    await tallies.ensure_bands()
    single = province_ids[0] if province_ids and len(province_ids) == 1 else None
    return View(
        scope=scope,
        filters=filters,
        province_ids=None if union_ids else province_ids,
        union_ids=union_ids,
        thresholds=await obligations.thresholds(single),
        owed=await obligations.owed_by_default(filters.year),
    )


def rules_of(v: View) -> dict[str, tallies.Rule]:
    """Who each declared obligation counts in the view: its threshold, state-owned only."""
    return {
        o.key: tallies.Rule(v.thresholds.get(o.key, o.min_workforce), o.state_owned_only)
        for o in obligations.declared()
    }


_NONE = (0, 0, 0, 0, 0)


def lines(counts: tallies.Eligible | None, v: View) -> list[Line]:
    """Each declared obligation's figure over the counted enterprises it applies to (a
    province's breakdown asks this of a hundred unions: the obligations are read once)."""
    result = []
    enterprises_by_key = counts.enterprises if counts is not None else {}
    facts_by_key = counts.facts if counts is not None else {}
    for obligation, minimum, owed in _shape(v):
        met, not_met, nothing_due, done, total = facts_by_key.get(obligation.key, _NONE)
        enterprises = enterprises_by_key.get(obligation.key, 0)
        figure = rules.figure(enterprises, met, not_met, nothing_due, owed)
        result.append(Line(obligation, minimum, owed, figure, rules.Figure(done, total)))
    return result


def _shape(v: View) -> list[tuple[Obligation, int, bool]]:
    """Each declared obligation with its threshold and whether it is owed, in the view."""
    if not v.shape:
        v.shape = [
            (o, v.thresholds.get(o.key, o.min_workforce), v.owed.get(o.key, False))
            for o in obligations.declared()
        ]
    return v.shape


async def _counts(
    v: View, group: str | None, year: int | None = None, by_year: list[int] | None = None
):
    f = v.filters
    return await tallies.eligible_counts(
        year or f.year,
        rules_of(v),
        group,
        by_year=by_year,
        province_ids=v.province_ids,
        union_ids=v.union_ids,
        sector=f.sector or None,
        ownership=f.ownership or None,
        size=f.size_range(),
    )


async def totals(v: View, year: int | None = None) -> list[Line]:
    return lines((await _counts(v, None, year)).get(0), v)


@dataclass(frozen=True)
class Group:
    """One row of the breakdown: a province, or an upper union (id 0: none)."""

    id: int
    name: str
    lines: list[Line]


def _summed(counted: dict[int, tallies.Eligible]) -> tallies.Eligible:
    """The groups' counts added up: the totals of the view (the groups cover it whole)."""
    enterprises: dict[str, int] = {}
    facts: dict[str, tuple[int, ...]] = {}
    for counts in counted.values():
        for key, n in counts.enterprises.items():
            enterprises[key] = enterprises.get(key, 0) + n
        for key, states in counts.facts.items():
            before = facts.get(key, _NONE)
            facts[key] = tuple(a + b for a, b in zip(before, states, strict=True))
    return tallies.Eligible(enterprises, facts)


async def overview(v: View) -> tuple[list[Line], str, list[Group]]:
    """The totals and the breakdown from one reading of the tallies."""
    group, groups, counted = await _breakdown(v)
    return lines(_summed(counted), v), group, groups


async def breakdown(v: View) -> tuple[str, list[Group]]:
    """By province for a reader of several provinces, else by upper union."""
    group, groups, _counted = await _breakdown(v)
    return group, groups


async def _breakdown(v: View):
    several = v.province_ids is None or len(v.province_ids) > 1
    group = "province" if several and not v.union_ids else "upper_union"
    counted = await _counts(v, group)
    table = Province if group == "province" else UpperUnion
    ids = list(counted) or [-1]
    names = {
        row["id"]: row["name"]
        for row in await table.raw(
            f"SELECT id, name FROM {table._meta.tablename}"
            f" WHERE id IN ({', '.join('{}' for _ in ids)})",
            *ids,
        )
    }
    groups = [
        Group(group_id, names.get(group_id, ""), lines(counted[group_id], v))
        for group_id in counted
    ]
    return group, sorted(groups, key=lambda g: (g.name == "", g.name)), counted


async def trend(v: View) -> list[tuple[int, list[Line]]]:
    """The figures of the last years, oldest first (one query for all of them)."""
    years = list(range(v.filters.year - TREND_YEARS + 1, v.filters.year + 1))
    by_year = await _counts(v, None, by_year=years)
    return [(year, lines(by_year.get(year), v)) for year in years]


# Lists of enterprises -----------------------------------------------------------------------


def scope_sql(v: View, args: list) -> str:
    f = v.filters
    clauses = []
    if v.union_ids is not None:
        ids = list(v.union_ids) or [-2]
        clauses.append(f"r.upper_union IN ({', '.join('{}' for _ in ids)})")
        args += ids
    if v.province_ids is not None:
        ids = list(v.province_ids) or [-2]
        clauses.append(f"r.province IN ({', '.join('{}' for _ in ids)})")
        args += ids
    if f.sector:
        clauses.append("r.sector = {}")
        args.append(f.sector)
    if f.ownership:
        clauses.append("r.ownership = {}")
        args.append(f.ownership)
    size = f.size_range()
    if size is not None:
        clauses.append("r.workforce >= {}")
        args.append(size[0])
        if size[1] is not None:
            clauses.append("r.workforce < {}")
            args.append(size[1])
    return " AND ".join(clauses) or "1 = 1"


def _late_sql(v: View, obligation: Obligation, args: list) -> str:
    """The enterprises of the view late on one obligation: it applies, and the fact says not
    met (or there is none, for an obligation owed every year)."""
    scope_args: list = []
    scope = scope_sql(v, scope_args)
    args += [obligation.key, v.filters.year, obligation.key, *scope_args]
    sql = (
        "SELECT r.enterprise AS enterprise, CAST({} AS VARCHAR(60)) AS obligation, f.state AS state"
        " FROM compliance_register AS r LEFT JOIN compliance_fact AS f"
        " ON f.enterprise = r.enterprise AND f.year = {} AND f.obligation = {}"
        f" WHERE {scope} AND r.workforce >= {v.thresholds.get(obligation.key, 1):d}"
    )
    if obligation.state_owned_only:
        sql += " AND r.ownership = 'state_owned'"
    owed = v.owed.get(obligation.key, False)
    sql += " AND (f.state = 'not_met'" + (" OR f.state IS NULL)" if owed else ")")
    return sql


async def late(v: View, obligation: str | None = None, page: int = 1, per_page: int = 50) -> Page:
    """The late obligations of the view, one row per enterprise and obligation, by name."""
    chosen = [o for o in obligations.declared() if obligation in (None, "", o.key)]
    if not chosen:
        raise NotFound
    args: list = []
    union = " UNION ALL ".join(_late_sql(v, o, args) for o in chosen)
    total = (await RegisterEntry.raw(f"SELECT COUNT(*) AS n FROM ({union}) AS late", *args))[0]
    page = max(1, min(page, max(1, -(-total["n"] // per_page))))
    rows = await RegisterEntry.raw(
        "SELECT late.enterprise, late.obligation, late.state, e.name, e.tax_code,"
        " r.workforce, u.name AS union_name"
        f" FROM ({union}) AS late JOIN enterprise AS e ON e.id = late.enterprise"
        " JOIN compliance_register AS r ON r.enterprise = late.enterprise"
        " LEFT JOIN upper_union AS u ON u.id = r.upper_union"
        " ORDER BY e.name, e.id, late.obligation LIMIT {} OFFSET {}",
        *args,
        per_page,
        (page - 1) * per_page,
    )
    return Page(rows=rows, total=total["n"], page=page, per_page=per_page)


async def enterprises(v: View, q: str | None = None, page: int = 1, per_page: int = 50) -> Page:
    """The register of the view, by name, each with its facts of the year."""
    args: list = []
    where = scope_sql(v, args)
    if q and q.strip():
        where += " AND (e.name LIKE {} OR e.tax_code LIKE {})"
        pattern = f"%{q.strip()}%"
        args += [pattern, pattern]
    total = (
        await RegisterEntry.raw(
            "SELECT COUNT(*) AS n FROM compliance_register AS r"
            f" JOIN enterprise AS e ON e.id = r.enterprise WHERE {where}",
            *args,
        )
    )[0]["n"]
    page = max(1, min(page, max(1, -(-total // per_page))))
    rows = await RegisterEntry.raw(
        "SELECT r.enterprise, e.name, e.tax_code, e.ownership, e.sector, r.workforce,"
        " r.union_members, r.uses_app, u.name AS union_name"
        " FROM compliance_register AS r JOIN enterprise AS e ON e.id = r.enterprise"
        f" LEFT JOIN upper_union AS u ON u.id = r.upper_union WHERE {where}"
        " ORDER BY e.name, e.id LIMIT {} OFFSET {}",
        *args,
        per_page,
        (page - 1) * per_page,
    )
    states = await standings([row["enterprise"] for row in rows], v)
    for row in rows:
        row["states"] = states.get(row["enterprise"], {})
    return Page(rows=rows, total=total, page=page, per_page=per_page)


async def standings(enterprise_ids: Sequence[int], v: View) -> dict[int, dict[str, str]]:
    """Each enterprise's state on each obligation of the year: met, late, nothing_due, or
    n/a (it does not apply)."""
    if not enterprise_ids:
        return {}
    entries = {
        row["enterprise"]: row
        for row in await RegisterEntry.select(
            RegisterEntry.enterprise, RegisterEntry.workforce, RegisterEntry.ownership
        ).where(RegisterEntry.enterprise.is_in(list(enterprise_ids)))
    }
    facts = {
        (row["enterprise"], row["obligation"]): row["state"]
        for row in await Fact.select(Fact.enterprise, Fact.obligation, Fact.state).where(
            Fact.enterprise.is_in(list(enterprise_ids)) & (Fact.year == v.filters.year)
        )
    }
    result: dict[int, dict[str, str]] = {}
    for enterprise_id, entry in entries.items():
        states = {}
        for o in obligations.declared():
            minimum = v.thresholds.get(o.key, o.min_workforce)
            if not rules.applies(
                entry["workforce"], entry["ownership"], minimum, o.state_owned_only
            ):
                states[o.key] = "n/a"
                continue
            state = facts.get((enterprise_id, o.key))
            if state is None:
                state = FactState.NOT_MET if v.owed.get(o.key) else FactState.NOTHING_DUE
            states[o.key] = "late" if state == FactState.NOT_MET else str(state)
        result[enterprise_id] = states
    return result


async def enterprise_view(province_id: int, year: int) -> View:
    """The view one enterprise's page counts with: its province's thresholds."""
    await tallies.ensure_bands()
    return View(
        scope=FederationScope(None),
        filters=Filters(year=year),
        province_ids=(province_id,),
        union_ids=None,
        thresholds=await obligations.thresholds(province_id),
        owed=await obligations.owed_by_default(year),
    )


def current_year() -> int:
    return today().year


async def province_choices(actor: Actor) -> list[tuple[int, str]]:
    scope = federation_scope(actor)
    query = Province.select(Province.id, Province.name).order_by(Province.code)
    if scope.province_ids is not None:
        query = query.where(Province.id.is_in(list(scope.province_ids) or [-1]))
    return [(row["id"], row["name"]) for row in await query]


async def enterprise_name(enterprise_id: int) -> str:
    row = await Enterprise.select(Enterprise.name).where(Enterprise.id == enterprise_id).first()
    return row["name"] if row else ""
