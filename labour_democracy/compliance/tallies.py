"""The running tallies the dashboard reads, kept exact in the same transaction as the change.

Every registered enterprise counts in `Bucket` rows (its province, upper union, VSIC section,
ownership and size band) and each of its facts in `Tally` rows (the same dimensions, with the
year and the obligation, its state and the items done of those due), four times: under its
upper union and under the province's row (`upper_union` -1), each with its section and with
every section (`sector` "*"). A page without a sector filter reads the "*" rows, so a province's
breakdown sums a few rows per union and obligation, and the national figures a few per
province, never the facts. A change of a fact moves its counts; a change of an entry moves the
enterprise and all its facts between dimensions. `rebuild` recounts everything from the facts
(after the size bands or the levels change), and `raw_counts` is the same figures by one query
over the raw rows, for the benchmark and the exactness check.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from labour_democracy.compliance import obligations, rules
from labour_democracy.compliance.tables import (
    Bucket,
    Fact,
    FactState,
    RegisterEntry,
    Tally,
    TallyState,
)
from labour_democracy.db import write_transaction

PROVINCE_ROW = -1  # the upper_union of a province's own rows
ALL_SECTORS = "*"  # the sector of the rows that count every section
# What the tally rows are counted by: a change rebuilds them once (`ensure_bands`).
LAYOUT = "sectors*,items"


@dataclass(frozen=True)
class Dims:
    """Where an enterprise is counted."""

    province: int
    upper_union: int
    sector: str
    ownership: str
    band: int


def dims_of(entry: dict) -> Dims:
    return Dims(
        entry["province"],
        entry["upper_union"] or 0,
        entry["sector"] or "",
        entry["ownership"] or "",
        entry["band"],
    )


_BUCKET_SQL = (
    "INSERT INTO compliance_bucket (province, upper_union, sector, ownership, band, enterprises)"
    " VALUES ({}, {}, {}, {}, {}, {})"
    " ON CONFLICT (province, upper_union, sector, ownership, band)"
    " DO UPDATE SET enterprises = compliance_bucket.enterprises + excluded.enterprises"
)
_TALLY_SQL = (
    "INSERT INTO compliance_tally (year, obligation, province, upper_union, sector, ownership,"
    " band, met, not_met, nothing_due, done, total)"
    " VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {})"
    " ON CONFLICT (year, obligation, province, upper_union, sector, ownership, band)"
    " DO UPDATE SET met = compliance_tally.met + excluded.met,"
    " not_met = compliance_tally.not_met + excluded.not_met,"
    " nothing_due = compliance_tally.nothing_due + excluded.nothing_due,"
    " done = compliance_tally.done + excluded.done,"
    " total = compliance_tally.total + excluded.total"
)


def _levels(dims: Dims) -> list[tuple]:
    """The four rows an enterprise counts in: its union's and its province's, each under its
    section and under every section."""
    return [
        (dims.province, union, sector, dims.ownership, dims.band)
        for union in (dims.upper_union, PROVINCE_ROW)
        for sector in (dims.sector, ALL_SECTORS)
    ]


async def move_enterprise(dims: Dims, delta: int) -> None:
    """Count an enterprise in (`delta` 1) or out (-1) of its buckets; inside a transaction."""
    for key in _levels(dims):
        await Bucket.raw(_BUCKET_SQL, *key, delta)


@dataclass(frozen=True)
class Counted:
    """One fact as the tallies count it: its state, and the items done of those due (petitions
    resolved of those received), 0 when it counts none."""

    state: str
    done: int = 0
    total: int = 0


def counted_of(fact: dict) -> Counted:
    return Counted(fact["state"], fact.get("done") or 0, fact.get("total") or 0)


def _deltas(fact: Counted | None, sign: int) -> list[int]:
    """met, not_met, nothing_due, done, total."""
    if fact is None:
        return [0, 0, 0, 0, 0]
    states = [sign if fact.state == s else 0 for s in FactState]
    return [*states, sign * fact.done, sign * fact.total]


async def move_fact(
    year: int, obligation: str, dims: Dims, old: Counted | None, new: Counted | None
) -> None:
    """A fact goes from `old` to `new` (None: no fact); inside a transaction."""
    if old == new:
        return
    deltas = [a + b for a, b in zip(_deltas(old, -1), _deltas(new, 1), strict=True)]
    for key in _levels(dims):
        await Tally.raw(_TALLY_SQL, year, obligation, *key, *deltas)


async def move_facts(enterprise_id: int, old: Dims | None, new: Dims | None) -> None:
    """Move the enterprise and every fact of it from `old` dimensions to `new` (None: out of
    the register); inside a transaction."""
    if old == new:
        return
    if old is not None:
        await move_enterprise(old, -1)
    if new is not None:
        await move_enterprise(new, 1)
    facts = await Fact.select(Fact.year, Fact.obligation, Fact.state, Fact.done, Fact.total).where(
        Fact.enterprise == enterprise_id
    )
    for fact in facts:
        if old is not None:
            await move_fact(fact["year"], fact["obligation"], old, counted_of(fact), None)
        if new is not None:
            await move_fact(fact["year"], fact["obligation"], new, None, counted_of(fact))


_checked: set[str] = set()


async def ensure_bands() -> None:
    """Rebuild once when the installed modules declare a threshold the tallies lack a band for,
    or the tallies were counted by another layout (checked once per process: the bands change
    only with the installed modules)."""
    wanted = _state()
    if wanted in _checked:
        return
    row = await TallyState.select(TallyState.bands).first()
    if row is None or row["bands"] != wanted:
        await rebuild()
    _checked.add(wanted)


def _state() -> str:
    return f"{LAYOUT};" + ",".join(map(str, obligations.current_bands()))


# The levels as columns of the register (`r.`) or constants, for `rebuild`.
_LEVEL_COLUMNS = [
    (union, sector)
    for union in ("r.upper_union", str(PROVINCE_ROW))
    for sector in ("r.sector", f"'{ALL_SECTORS}'")
]
_SUMS = (
    "SUM(CASE WHEN f.state = 'met' THEN 1 ELSE 0 END),"
    " SUM(CASE WHEN f.state = 'not_met' THEN 1 ELSE 0 END),"
    " SUM(CASE WHEN f.state = 'nothing_due' THEN 1 ELSE 0 END),"
    " SUM(COALESCE(f.done, 0)), SUM(COALESCE(f.total, 0))"
)


async def rebuild() -> None:
    """Recount every bucket and tally from the register and the facts, in one transaction."""
    edges = obligations.current_bands()
    wanted = _state()
    async with write_transaction():
        entries = await RegisterEntry.select(RegisterEntry.id, RegisterEntry.workforce)
        moved: dict[int, list[int]] = defaultdict(list)
        for entry in entries:
            moved[rules.band_of(entry["workforce"], edges)].append(entry["id"])
        for band, ids in moved.items():
            for start in range(0, len(ids), 5000):
                await RegisterEntry.update({RegisterEntry.band: band}).where(
                    RegisterEntry.id.is_in(ids[start : start + 5000])
                )
        await Bucket.delete(force=True)
        await Tally.delete(force=True)
        for union, sector in _LEVEL_COLUMNS:
            grouped = "".join(f"{c}, " for c in (union, sector) if c.startswith("r."))
            await Bucket.raw(
                "INSERT INTO compliance_bucket (province, upper_union, sector, ownership, band,"
                f" enterprises) SELECT r.province, {union}, {sector}, r.ownership, r.band,"
                " COUNT(*) FROM compliance_register AS r"
                f" GROUP BY r.province, {grouped}r.ownership, r.band"
            )
            await Tally.raw(
                "INSERT INTO compliance_tally (year, obligation, province, upper_union, sector,"
                " ownership, band, met, not_met, nothing_due, done, total)"
                f" SELECT f.year, f.obligation, r.province, {union}, {sector}, r.ownership,"
                f" r.band, {_SUMS} FROM compliance_fact AS f JOIN compliance_register AS r"
                " ON r.enterprise = f.enterprise"
                f" GROUP BY f.year, f.obligation, r.province, {grouped}r.ownership, r.band"
            )
        await TallyState.delete(force=True)
        await TallyState.insert(TallyState(bands=wanted))


@dataclass(frozen=True)
class Counts:
    """Counts for one group of enterprises by cell ((sector,) ownership, band): enterprises on
    the register, and per obligation its facts (met, not met, nothing due, items done, due)."""

    enterprises: dict[tuple, int]
    facts: dict[str, dict[tuple, tuple[int, ...]]]


def _in(column: str, ids: Iterable, args: list) -> str:
    ids = list(ids) or [-2]
    args += ids
    return f"{column} IN ({', '.join('{}' for _ in ids)})"


def _where(
    province_ids: Iterable[int] | None,
    union_ids: Iterable[int] | None,
    sector: str | None,
    ownership: str | None,
    size: tuple[int, int | None] | None,
    args: list,
    by_sector: bool = False,
) -> str:
    """The tally or bucket rows (`t`) of a view: its unions or provinces, the rows of its
    section or those of every section (or, `by_sector`, each section's), its filters."""
    clauses = []
    if union_ids is not None:
        clauses.append(_in("t.upper_union", union_ids, args))
    if province_ids is not None:
        clauses.append(_in("t.province", province_ids, args))
    if by_sector:
        clauses.append(f"t.sector <> '{ALL_SECTORS}'")
    else:
        clauses.append("t.sector = {}")
        args.append(sector or ALL_SECTORS)
    if ownership:
        clauses.append("t.ownership = {}")
        args.append(ownership)
    if size is not None:
        clauses.append("t.band >= {}")
        args.append(size[0])
        if size[1] is not None:
            clauses.append("t.band < {}")
            args.append(size[1])
    return " AND ".join(clauses)


def _level(by_union: bool) -> str:
    return "t.upper_union >= 0" if by_union else f"t.upper_union = {PROVINCE_ROW}"


def _fact_sums(prefix: str) -> str:
    """The five counts of a group of tally rows (`prefix` "t.") or facts (`prefix` "f.")."""
    if prefix == "t.":
        return (
            "SUM(t.met) AS met, SUM(t.not_met) AS not_met, SUM(t.nothing_due) AS nothing_due,"
            " SUM(t.done) AS done, SUM(t.total) AS total"
        )
    return (
        "SUM(CASE WHEN f.state = 'met' THEN 1 ELSE 0 END) AS met,"
        " SUM(CASE WHEN f.state = 'not_met' THEN 1 ELSE 0 END) AS not_met,"
        " SUM(CASE WHEN f.state = 'nothing_due' THEN 1 ELSE 0 END) AS nothing_due,"
        " SUM(COALESCE(f.done, 0)) AS done, SUM(COALESCE(f.total, 0)) AS total"
    )


def _fact_counts(row: dict) -> tuple[int, ...]:
    """met, not_met, nothing_due, done, total of a row of sums."""
    return (
        int(row["met"] or 0),
        int(row["not_met"] or 0),
        int(row["nothing_due"] or 0),
        int(row["done"] or 0),
        int(row["total"] or 0),
    )


async def counts(
    year: int,
    group: str | None = None,
    *,
    province_ids: Iterable[int] | None = None,
    union_ids: Iterable[int] | None = None,
    by_sector: bool = False,
) -> dict[int, Counts]:
    """The tallies cell by cell by `group` ("province", "upper_union", or None: one group keyed
    0), to compare with `raw_counts` (tests, the benchmark): the rows of every section, or
    (`by_sector`) each section's. Per-union rows when grouping by or filtering on unions; the
    province's rows otherwise."""
    by_union = group == "upper_union" or union_ids is not None
    group_sql = f"t.{group}" if group else "0"
    grouped = f"{group_sql}, " if group else ""
    cell = "t.sector, t.ownership, t.band" if by_sector else "t.ownership, t.band"
    args: list = []
    where = _where(province_ids, union_ids, None, None, None, args, by_sector)
    buckets = await Bucket.raw(
        f"SELECT {group_sql} AS grp, {cell}, SUM(t.enterprises) AS n"
        f" FROM compliance_bucket AS t WHERE {_level(by_union)} AND {where}"
        f" GROUP BY {grouped}{cell}",
        *args,
    )
    tallies = await Tally.raw(
        f"SELECT {group_sql} AS grp, t.obligation, {cell}, {_fact_sums('t.')}"
        f" FROM compliance_tally AS t WHERE t.year = {{}} AND {_level(by_union)} AND {where}"
        f" GROUP BY {grouped}t.obligation, {cell}",
        year,
        *args,
    )
    return _collect(buckets, tallies, by_sector)


def _collect(buckets: list[dict], tallies: list[dict], by_sector: bool) -> dict[int, Counts]:
    result: dict[int, Counts] = {}
    names = ("sector", "ownership", "band") if by_sector else ("ownership", "band")

    def of(group: int) -> Counts:
        return result.setdefault(group, Counts({}, defaultdict(dict)))

    # A cell whose enterprises or facts all moved away keeps a row of zeros: no cell at all.
    for row in buckets:
        if int(row["n"]):
            of(row["grp"]).enterprises[tuple(row[n] for n in names)] = int(row["n"])
    for row in tallies:
        if any(counted := _fact_counts(row)):
            of(row["grp"]).facts[row["obligation"]][tuple(row[n] for n in names)] = counted
    return result


async def raw_counts(
    year: int,
    province_ids: Iterable[int] | None = None,
    group: str = "province",
    by_sector: bool = False,
) -> dict[int, Counts]:
    """The same counts by province (or upper union), from the register and the facts
    themselves (one aggregate query each): what the dashboard would cost without the tallies."""
    args: list = []
    where = "1 = 1" if province_ids is None else _in("r.province", province_ids, args)
    column = "r.upper_union" if group == "upper_union" else "r.province"
    cell = "r.sector, r.ownership, r.band" if by_sector else "r.ownership, r.band"
    buckets = await RegisterEntry.raw(
        f"SELECT {column} AS grp, {cell}, COUNT(*) AS n"
        f" FROM compliance_register AS r WHERE {where} GROUP BY {column}, {cell}",
        *args,
    )
    tallies = await Fact.raw(
        f"SELECT {column} AS grp, f.obligation, {cell}, {_fact_sums('f.')}"
        " FROM compliance_fact AS f JOIN compliance_register AS r"
        f" ON r.enterprise = f.enterprise WHERE f.year = {{}} AND {where}"
        f" GROUP BY {column}, f.obligation, {cell}",
        year,
        *args,
    )
    return _collect(buckets, tallies, by_sector)


# The dashboard's path: eligibility summed in the database -------------------------------------


@dataclass(frozen=True)
class Rule:
    """Who one obligation counts: from `minimum` workers, state-owned ones only if so."""

    minimum: int
    state_owned_only: bool


@dataclass(frozen=True)
class Eligible:
    """Counts for one group: per obligation, the registered enterprises it applies to, and
    its facts among them (met, not met, nothing due, items done, items due)."""

    enterprises: dict[str, int]
    facts: dict[str, tuple[int, ...]]


def _rule_sql(rule: Rule, alias: str) -> str:
    sql = f"{alias}.band >= {int(rule.minimum)}"
    if rule.state_owned_only:
        sql += f" AND {alias}.ownership = 'state_owned'"
    return sql


def _applies_sql(rules_by_key: dict[str, Rule], alias: str, key_column: str, args: list) -> str:
    """A condition true when the row's obligation applies to the row's dimensions: one case
    per rule, naming the obligations that share it."""
    if not rules_by_key:
        return "1 = 0"
    keys_by_rule: dict[Rule, list[str]] = defaultdict(list)
    for key, rule in rules_by_key.items():
        keys_by_rule[rule].append(key)
    cases = []
    for rule, keys in keys_by_rule.items():
        cases.append(f"({_rule_sql(rule, alias)} AND {_in(key_column, keys, args)})")
    return "(" + " OR ".join(cases) + ")"


def _class_sums(classes: list[Rule], alias: str, counted: str) -> str:
    return (
        ", ".join(
            f"SUM(CASE WHEN {_rule_sql(rule, alias)} THEN {counted} ELSE 0 END) AS c{i}"
            for i, rule in enumerate(classes)
        )
        or "0 AS c"
    )


def _eligible(
    enterprise_rows: list[dict], fact_rows: list[dict], classes: list[Rule], rules_by_key
) -> dict:
    result: dict = {}
    columns = {key: f"c{classes.index(rule)}" for key, rule in rules_by_key.items()}
    for row in enterprise_rows:
        result[row["grp"]] = Eligible(
            {key: int(row[column] or 0) for key, column in columns.items()}, {}
        )
    for row in fact_rows:
        group = result.setdefault(row["grp"], Eligible(dict.fromkeys(rules_by_key, 0), {}))
        group.facts[row["obligation"]] = _fact_counts(row)
    return result


async def eligible_counts(
    year: int,
    rules_by_key: dict[str, Rule],
    group: str | None = None,
    *,
    by_year: list[int] | None = None,
    province_ids: Iterable[int] | None = None,
    union_ids: Iterable[int] | None = None,
    sector: str | None = None,
    ownership: str | None = None,
    size: tuple[int, int | None] | None = None,
) -> dict[int, Eligible]:
    """The dashboard's counts from the tallies, summed by the database over the cells each
    obligation applies to: by `group` ("province", "upper_union", or None: one group keyed
    0), or by year over `by_year`."""
    level = _level(group == "upper_union" or union_ids is not None)
    group_sql = f"t.{group}" if group else "0"
    grouped = f" GROUP BY {group_sql}" if group else ""
    classes = list(dict.fromkeys(rules_by_key.values()))
    args: list = []
    where = _where(province_ids, union_ids, sector, ownership, size, args)
    buckets = await Bucket.raw(
        f"SELECT {group_sql} AS grp, {_class_sums(classes, 't', 't.enterprises')}"
        f" FROM compliance_bucket AS t WHERE {level} AND {where}{grouped}",
        *args,
    )
    years = by_year or [year]
    fact_args: list = [*years]
    applies = _applies_sql(rules_by_key, "t", "t.obligation", fact_args)
    fact_args += args
    fact_group = "t.year" if by_year else group_sql
    tallies = await Tally.raw(
        f"SELECT {fact_group} AS grp, t.obligation, {_fact_sums('t.')}"
        f" FROM compliance_tally AS t WHERE t.year IN ({', '.join('{}' for _ in years)})"
        f" AND {applies} AND {level} AND {where}"
        f" GROUP BY {fact_group + ', ' if (group or by_year) else ''}t.obligation",
        *fact_args,
    )
    if by_year:
        whole = _eligible(buckets, [], classes, rules_by_key).get(0) or Eligible(
            dict.fromkeys(rules_by_key, 0), {}
        )
        facts_by_year = _eligible([], tallies, classes, rules_by_key)
        return {
            y: Eligible(whole.enterprises, facts_by_year.get(y, Eligible({}, {})).facts)
            for y in years
        }
    return _eligible(buckets, tallies, classes, rules_by_key)


async def raw_eligible_counts(
    year: int, rules_by_key: dict[str, Rule], group: str = "province"
) -> dict[int, Eligible]:
    """The same figures as `eligible_counts` by group, from the register and the facts
    themselves (one aggregate query each): what the dashboard costs without the tallies."""
    column = f"r.{group}"
    classes = list(dict.fromkeys(rules_by_key.values()))
    buckets = await RegisterEntry.raw(
        f"SELECT {column} AS grp, {_class_sums(classes, 'r', '1')}"
        f" FROM compliance_register AS r GROUP BY {column}"
    )
    args: list = [year]
    applies = _applies_sql(rules_by_key, "r", "f.obligation", args)
    facts = await Fact.raw(
        f"SELECT {column} AS grp, f.obligation, {_fact_sums('f.')}"
        " FROM compliance_fact AS f JOIN compliance_register AS r ON r.enterprise = f.enterprise"
        f" WHERE f.year = {{}} AND {applies} GROUP BY {column}, f.obligation",
        *args,
    )
    return _eligible(buckets, facts, classes, rules_by_key)
