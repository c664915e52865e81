"""The running tallies the dashboard reads, kept exact in the same transaction as the change.

Every registered enterprise counts in one `Bucket` (its province, upper union, VSIC section,
ownership and size band) and each of its facts in one `Tally` row (the same dimensions, with the
year and the obligation), twice: under its upper union and under the province's row
(`upper_union` -1), so the province and national figures sum a few thousand rows and never scan
the facts. A change of a fact moves one count between states; a change of an entry moves the
enterprise and all its facts between dimensions. `rebuild` recounts everything from the facts
(after the size bands change), and `raw_counts` is the same figures by one query over the raw
rows, for the benchmark and the exactness check.
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
    " band, met, not_met, nothing_due) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {})"
    " ON CONFLICT (year, obligation, province, upper_union, sector, ownership, band)"
    " DO UPDATE SET met = compliance_tally.met + excluded.met,"
    " not_met = compliance_tally.not_met + excluded.not_met,"
    " nothing_due = compliance_tally.nothing_due + excluded.nothing_due"
)


def _levels(dims: Dims) -> tuple[tuple, tuple]:
    tail = (dims.sector, dims.ownership, dims.band)
    return (dims.province, dims.upper_union, *tail), (dims.province, PROVINCE_ROW, *tail)


async def move_enterprise(dims: Dims, delta: int) -> None:
    """Count an enterprise in (`delta` 1) or out (-1) of its bucket; inside a transaction."""
    for key in _levels(dims):
        await Bucket.raw(_BUCKET_SQL, *key, delta)


def _deltas(state: str | None, sign: int) -> tuple[int, int, int]:
    return tuple(sign if state == s else 0 for s in FactState)  # met, not_met, nothing_due


async def move_fact(
    year: int, obligation: str, dims: Dims, old: str | None, new: str | None
) -> None:
    """A fact goes from state `old` to `new` (None: no fact); inside a transaction."""
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
    facts = await Fact.select(Fact.year, Fact.obligation, Fact.state).where(
        Fact.enterprise == enterprise_id
    )
    for fact in facts:
        if old is not None:
            await move_fact(fact["year"], fact["obligation"], old, fact["state"], None)
        if new is not None:
            await move_fact(fact["year"], fact["obligation"], new, None, fact["state"])


_checked_bands: set[str] = set()


async def ensure_bands() -> None:
    """Rebuild once when the installed modules declare a threshold the tallies lack a band for
    (checked once per process: the bands change only with the installed modules)."""
    wanted = ",".join(map(str, obligations.current_bands()))
    if wanted in _checked_bands:
        return
    row = await TallyState.select(TallyState.bands).first()
    if row is None or row["bands"] != wanted:
        await rebuild()
    _checked_bands.add(wanted)


async def rebuild() -> None:
    """Recount every bucket and tally from the register and the facts, in one transaction."""
    edges = obligations.current_bands()
    wanted = ",".join(map(str, edges))
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
        for union, grouped in (("r.upper_union", "r.upper_union, "), (str(PROVINCE_ROW), "")):
            await Bucket.raw(
                "INSERT INTO compliance_bucket (province, upper_union, sector, ownership, band,"
                f" enterprises) SELECT r.province, {union}, r.sector, r.ownership, r.band,"
                " COUNT(*) FROM compliance_register AS r"
                f" GROUP BY r.province, {grouped}r.sector, r.ownership, r.band"
            )
            await Tally.raw(
                "INSERT INTO compliance_tally (year, obligation, province, upper_union, sector,"
                " ownership, band, met, not_met, nothing_due)"
                f" SELECT f.year, f.obligation, r.province, {union}, r.sector, r.ownership,"
                " r.band, SUM(CASE WHEN f.state = 'met' THEN 1 ELSE 0 END),"
                " SUM(CASE WHEN f.state = 'not_met' THEN 1 ELSE 0 END),"
                " SUM(CASE WHEN f.state = 'nothing_due' THEN 1 ELSE 0 END)"
                " FROM compliance_fact AS f JOIN compliance_register AS r"
                " ON r.enterprise = f.enterprise"
                f" GROUP BY f.year, f.obligation, r.province, {grouped}r.sector, r.ownership,"
                " r.band"
            )
        await TallyState.delete(force=True)
        await TallyState.insert(TallyState(bands=wanted))


@dataclass(frozen=True)
class Counts:
    """Counts for one group of enterprises by (ownership, band): enterprises on the register,
    and per obligation the facts by state."""

    enterprises: dict[tuple[str, int], int]
    facts: dict[str, dict[tuple[str, int], tuple[int, int, int]]]


def _where(
    province_ids: Iterable[int] | None,
    union_ids: Iterable[int] | None,
    sector: str | None,
    ownership: str | None,
    size: tuple[int, int | None] | None,
    alias: str,
    args: list,
) -> str:
    clauses = []
    if union_ids is not None:
        ids = list(union_ids) or [-2]
        clauses.append(f"{alias}.upper_union IN ({', '.join('{}' for _ in ids)})")
        args += ids
    if province_ids is not None:
        ids = list(province_ids) or [-2]
        clauses.append(f"{alias}.province IN ({', '.join('{}' for _ in ids)})")
        args += ids
    if sector:
        clauses.append(f"{alias}.sector = {{}}")
        args.append(sector)
    if ownership:
        clauses.append(f"{alias}.ownership = {{}}")
        args.append(ownership)
    if size is not None:
        clauses.append(f"{alias}.band >= {{}}")
        args.append(size[0])
        if size[1] is not None:
            clauses.append(f"{alias}.band < {{}}")
            args.append(size[1])
    return " AND ".join(clauses) or "1 = 1"


async def counts(
    year: int,
    group: str | None = None,
    *,
    province_ids: Iterable[int] | None = None,
    union_ids: Iterable[int] | None = None,
    sector: str | None = None,
    ownership: str | None = None,
    size: tuple[int, int | None] | None = None,
) -> dict[int, Counts]:
    """The tallies cell by cell (ownership and band), by `group` ("province", "upper_union",
    or None: one group keyed 0), to compare with `raw_counts` (tests, the benchmark). Per-union
    rows are read when grouping by or filtering on unions; the province's rows otherwise."""
    by_union = group == "upper_union" or union_ids is not None
    group_sql = f"t.{group}" if group else "0"
    grouped = f"{group_sql}, " if group else ""
    args: list = []
    where = _where(province_ids, union_ids, sector, ownership, size, "t", args)
    level = "t.upper_union >= 0" if by_union else f"t.upper_union = {PROVINCE_ROW}"
    buckets = await Bucket.raw(
        f"SELECT {group_sql} AS grp, t.ownership, t.band, SUM(t.enterprises) AS n"
        f" FROM compliance_bucket AS t WHERE {level} AND {where}"
        f" GROUP BY {grouped}t.ownership, t.band",
        *args,
    )
    tallies = await Tally.raw(
        f"SELECT {group_sql} AS grp, t.obligation, t.ownership, t.band, SUM(t.met) AS met,"
        " SUM(t.not_met) AS not_met, SUM(t.nothing_due) AS nothing_due"
        f" FROM compliance_tally AS t WHERE t.year = {{}} AND {level} AND {where}"
        f" GROUP BY {grouped}t.obligation, t.ownership, t.band",
        year,
        *args,
    )
    return _collect(buckets, tallies)


def _collect(buckets: list[dict], tallies: list[dict]) -> dict[int, Counts]:
    result: dict[int, Counts] = {}

    def of(group: int) -> Counts:
        return result.setdefault(group, Counts({}, defaultdict(dict)))

    for row in buckets:
        of(row["grp"]).enterprises[(row["ownership"], row["band"])] = int(row["n"])
    for row in tallies:
        of(row["grp"]).facts[row["obligation"]][(row["ownership"], row["band"])] = (
            int(row["met"]),
            int(row["not_met"]),
            int(row["nothing_due"]),
        )
    return result


async def raw_counts(
    year: int, province_ids: Iterable[int] | None = None, group: str = "province"
) -> dict[int, Counts]:
    """The same counts by province (or upper union), from the register and the facts
    themselves (one aggregate query each): what the dashboard would cost without the tallies."""
    args: list = []
    where = _where(province_ids, None, None, None, None, "r", args)
    column = "r.upper_union" if group == "upper_union" else "r.province"
    buckets = await RegisterEntry.raw(
        f"SELECT {column} AS grp, r.ownership, r.band, COUNT(*) AS n"
        f" FROM compliance_register AS r WHERE {where}"
        f" GROUP BY {column}, r.ownership, r.band",
        *args,
    )
    tallies = await Fact.raw(
        f"SELECT {column} AS grp, f.obligation, r.ownership, r.band,"
        " SUM(CASE WHEN f.state = 'met' THEN 1 ELSE 0 END) AS met,"
        " SUM(CASE WHEN f.state = 'not_met' THEN 1 ELSE 0 END) AS not_met,"
        " SUM(CASE WHEN f.state = 'nothing_due' THEN 1 ELSE 0 END) AS nothing_due"
        " FROM compliance_fact AS f JOIN compliance_register AS r"
        f" ON r.enterprise = f.enterprise WHERE f.year = {{}} AND {where}"
        f" GROUP BY {column}, f.obligation, r.ownership, r.band",
        year,
        *args,
    )
    return _collect(buckets, tallies)


# The dashboard's path: eligibility summed in the database -------------------------------------


@dataclass(frozen=True)
class Rule:
    """Who one obligation counts: from `minimum` workers, state-owned ones only if so."""

    minimum: int
    state_owned_only: bool


@dataclass(frozen=True)
class Eligible:
    """Counts for one group: per obligation, the registered enterprises it applies to, and
    its facts by state (met, not met, nothing due) among them."""

    enterprises: dict[str, int]
    facts: dict[str, tuple[int, int, int]]


def _rule_sql(rule: Rule, alias: str) -> str:
    sql = f"{alias}.band >= {int(rule.minimum)}"
    if rule.state_owned_only:
        sql += f" AND {alias}.ownership = 'state_owned'"
    return sql


def _applies_sql(rules_by_key: dict[str, Rule], alias: str, key_column: str, args: list) -> str:
    """A condition true when the row's obligation applies to the row's dimensions."""
    if not rules_by_key:
        return "1 = 0"
    cases = []
    for key, rule in rules_by_key.items():
        cases.append(f"({key_column} = {{}} AND {_rule_sql(rule, alias)})")
        args.append(key)
    return "(" + " OR ".join(cases) + ")"


def _state_sums(column: str) -> str:
    return (
        f"SUM(CASE WHEN {column} = 'met' THEN 1 ELSE 0 END) AS met,"
        f" SUM(CASE WHEN {column} = 'not_met' THEN 1 ELSE 0 END) AS not_met,"
        f" SUM(CASE WHEN {column} = 'nothing_due' THEN 1 ELSE 0 END) AS nothing_due"
    )


def _eligible(
    enterprise_rows: list[dict], fact_rows: list[dict], classes: list[Rule], rules_by_key
) -> dict:
    result: dict = {}
    for row in enterprise_rows:
        counts = [int(row[f"c{i}"] or 0) for i in range(len(classes))]
        result[row["grp"]] = Eligible(
            {key: counts[classes.index(rule)] for key, rule in rules_by_key.items()}, {}
        )
    for row in fact_rows:
        group = result.setdefault(row["grp"], Eligible(dict.fromkeys(rules_by_key, 0), {}))
        group.facts[row["obligation"]] = (
            int(row["met"] or 0),
            int(row["not_met"] or 0),
            int(row["nothing_due"] or 0),
        )
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
    by_union = group == "upper_union" or union_ids is not None
    level = "t.upper_union >= 0" if by_union else f"t.upper_union = {PROVINCE_ROW}"
    group_sql = f"t.{group}" if group else "0"
    grouped = f" GROUP BY {group_sql}" if group else ""
    classes = list(dict.fromkeys(rules_by_key.values()))
    args: list = []
    where = _where(province_ids, union_ids, sector, ownership, size, "t", args)
    sums = (
        ", ".join(
            f"SUM(CASE WHEN {_rule_sql(rule, 't')} THEN t.enterprises ELSE 0 END) AS c{i}"
            for i, rule in enumerate(classes)
        )
        or "0 AS c"
    )
    buckets = await Bucket.raw(
        f"SELECT {group_sql} AS grp, {sums} FROM compliance_bucket AS t"
        f" WHERE {level} AND {where}{grouped}",
        *args,
    )
    years = by_year or [year]
    fact_args: list = [*years]
    applies = _applies_sql(rules_by_key, "t", "t.obligation", fact_args)
    fact_args += args
    fact_group = "t.year" if by_year else group_sql
    tallies = await Tally.raw(
        f"SELECT {fact_group} AS grp, t.obligation, SUM(t.met) AS met,"
        " SUM(t.not_met) AS not_met, SUM(t.nothing_due) AS nothing_due"
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
    sums = (
        ", ".join(
            f"SUM(CASE WHEN {_rule_sql(rule, 'r')} THEN 1 ELSE 0 END) AS c{i}"
            for i, rule in enumerate(classes)
        )
        or "0 AS c"
    )
    buckets = await RegisterEntry.raw(
        f"SELECT {column} AS grp, {sums} FROM compliance_register AS r GROUP BY {column}"
    )
    args: list = [year]
    applies = _applies_sql(rules_by_key, "r", "f.obligation", args)
    facts = await Fact.raw(
        f"SELECT {column} AS grp, f.obligation, {_state_sums('f.state')}"
        " FROM compliance_fact AS f JOIN compliance_register AS r ON r.enterprise = f.enterprise"
        f" WHERE f.year = {{}} AND {applies} GROUP BY {column}, f.obligation",
        *args,
    )
    return _eligible(buckets, facts, classes, rules_by_key)
