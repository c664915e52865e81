"""`python -m bench compliance`: the federation dashboard on a province and on the country.

Two datasets, each in its own child process (settings are read once per process):
- province (SQLite): `--province-enterprises` (5,000) enterprises of one province, about 100
  workers each (500,000), under its commune unions;
- national (PostgreSQL, database `ld_bench_compliance`): `--national-enterprises` (150,000)
  enterprises over the 34 provinces and 3,321 communes of the 2025 map, one commune union each.
The 15 million (and 500,000) workers are represented by each enterprise's workforce on the
register, not by roster rows: the dashboard counts enterprises by size, never workers, and
generating 15 million roster rows takes longer than this shared 2-core machine allows.
Every declared obligation gets a fact for the year (about 85 % met) and for the year before;
the tallies are built once from them (`tallies.rebuild`).

Prints `province_dashboard_p50_ms` (SQLite; goal < 50), `province_dashboard_pg_p50_ms`,
`national_dashboard_p50_ms` (goal < 300), `raw_national_ms` (the same national figures by one
aggregate query over the raw rows), `speedup` (raw / dashboard), `summary_exact` (after
`--changes` random fact changes through the use case, some with petitions received and
resolved, every tally of every level, each section's and all sections', equals the raw
aggregate), `annual_report_ms` (the province's .docx). A dashboard read is what the page
computes: the totals and the breakdown (by union, or by province) from one reading, and the
five-year trend.
`--quick` runs small datasets (500 / 5,000 enterprises, 500 changes); `--only province` (or
`national`) runs one of the two.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time

from bench.common import postgres_reachable, reset_postgres_database, run_child, use_database

PG_DATABASE = "ld_bench_compliance"
PROVINCE_CODE = "19"


def _args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench compliance")
    parser.add_argument("--province-enterprises", type=int, default=5_000)
    parser.add_argument("--national-enterprises", type=int, default=150_000)
    parser.add_argument("--changes", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", choices=["province", "national"])
    parser.add_argument("--child", choices=["province", "national"])
    args = parser.parse_args(argv)
    if args.quick:
        args.province_enterprises, args.national_enterprises, args.changes = 500, 5_000, 500
    return args


def main(argv: list[str]) -> None:
    args = _args(argv)
    if args.child:
        if args.child == "national":
            use_database(reset_postgres_database(PG_DATABASE))
        else:
            use_database(None)
        asyncio.run(_child(args))
        return
    passed = [
        f"--province-enterprises={args.province_enterprises}",
        f"--national-enterprises={args.national_enterprises}",
        f"--changes={args.changes}",
        f"--repeat={args.repeat}",
    ]
    if args.only != "national":
        for line in run_child("compliance", [*passed, "--child=province"]):
            print(line, flush=True)
    if args.only == "province":
        return
    if not postgres_reachable():
        print("national: skipped (PostgreSQL is not reachable)")
        return
    for line in run_child("compliance", [*passed, "--child=national"]):
        print(line, flush=True)


async def _child(args: argparse.Namespace) -> None:
    from labour_democracy.db import close_pool, engine, is_sqlite
    from labour_democracy.modules import install

    install()
    if not is_sqlite():
        await engine().start_connection_pool(min_size=1, max_size=4)
    try:
        await _run(args)
    finally:
        await close_pool()


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


async def _timed(repeat: int, action) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        await action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


async def _run(args: argparse.Namespace) -> None:
    from piccolo.apps.migrations.commands.forwards import run_forwards

    from labour_democracy.core.admin_units import load_communes, load_provinces
    from labour_democracy.i18n import today

    result = await run_forwards("all")
    assert result.success, result.message
    await load_provinces()
    national = args.child == "national"
    await load_communes(None if national else {PROVINCE_CODE})
    count = args.national_enterprises if national else args.province_enterprises
    year = today().year
    start = time.perf_counter()
    await _generate(count, year, None if national else PROVINCE_CODE)
    print(f"{args.child}_enterprises: {count}")
    print(f"{args.child}_generate_seconds: {time.perf_counter() - start:.1f}")
    await _measure(args, year, national)


async def _generate(count: int, year: int, province_code: str | None) -> None:
    """Enterprises, one commune union per commune, register entries and facts, in SQL."""
    from labour_democracy.compliance import obligations, tallies
    from labour_democracy.core.tables import Commune, Province
    from labour_democracy.db import is_sqlite, write_transaction

    where = ""
    if province_code:
        province = await Province.select(Province.id).where(Province.code == province_code).first()
        where = f" WHERE province = {province['id']}"
    communes = await Commune.count().where(
        Commune.province == province["id"] if province_code else Commune.id > 0
    )
    edges = obligations.current_bands()
    band = (
        "CASE "
        + " ".join(
            f"WHEN r.workforce >= {edge} THEN {edge}" for edge in sorted(edges, reverse=True)
        )
        + " ELSE 0 END"
    )
    random_pct = "(abs(random()) % 100)" if is_sqlite() else "floor(random() * 100)"
    series = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count})"
    run = Province.raw
    async with write_transaction():
        await run(
            "INSERT INTO upper_union (code, name, kind, province, commune)"
            " SELECT 'CD-' || code, 'Công đoàn ' || name, 'commune', province, id"
            f" FROM commune{where}"
        )
        await run(
            series.format(count=count)
            + " INSERT INTO enterprise (name, name_en, symbol, tax_code, ownership, sector,"
            " address, province, commune, legal_representative, legal_representative_title,"
            " fiscal_year_end_month, fiscal_year_end_day, representation, representative_body,"
            " weekly_rest_days, public_token, created_at, upper_union)"
            " SELECT 'Công ty số ' || n.i, NULL, 'B' || n.i, CAST(4000000000 + n.i AS TEXT),"
            " CASE WHEN n.i % 30 = 0 THEN 'state_owned' WHEN n.i % 4 = 0"
            " THEN 'foreign_invested' ELSE 'private_domestic' END,"
            " substr('ABCCCCCCFGGHIJ', 1 + n.i % 14, 1), '', c.province, c.id, '', '', 12, 31,"
            " 'grassroots_union', '', '5,6', 'bench-' || n.i, CURRENT_TIMESTAMP, u.id"
            " FROM n JOIN (SELECT id, province, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k"
            f" FROM commune{where}) AS c ON c.k = n.i % {communes}"
            " JOIN upper_union AS u ON u.commune = c.id"
        )
        await run(
            "INSERT INTO compliance_register (enterprise, workforce, union_members, uses_app,"
            " province, upper_union, sector, ownership, band, updated_at)"
            " SELECT e.id, 5 + (e.id * 7919) % 190, (5 + (e.id * 7919) % 190) / 2, false,"
            " e.province, e.upper_union, e.sector, e.ownership, 0, CURRENT_TIMESTAMP"
            " FROM enterprise AS e"
        )
        await run(f"UPDATE compliance_register SET band = {band.replace('r.', '')}")
        for key in (o.key for o in obligations.declared()):
            for fact_year in (year - 1, year):
                await run(
                    'INSERT INTO compliance_fact (enterprise, year, obligation, state, "on",'
                    " source, evidence, note, entered_by, updated_at)"
                    f" SELECT enterprise, {fact_year}, '{key}',"
                    f" CASE WHEN {random_pct} < 85 THEN 'met' WHEN {random_pct} < 60"
                    " THEN 'nothing_due' ELSE 'not_met' END, NULL, 'reported', '', '', NULL,"
                    " CURRENT_TIMESTAMP FROM compliance_register"
                )
    await tallies.rebuild()
    if not is_sqlite():
        await run("ANALYZE")


async def _measure(args: argparse.Namespace, year: int, national: bool) -> None:
    from labour_democracy.compliance import dashboard, facts, report, tallies
    from labour_democracy.compliance.tables import FactSource, FactState, RegisterEntry
    from labour_democracy.core.permissions import Actor, MembershipGrant
    from labour_democracy.core.tables import Province, Role
    from labour_democracy.db import write_transaction
    from labour_democracy.i18n import today

    province = (
        await Province.select(Province.id, Province.name)
        .where(Province.code == PROVINCE_CODE)
        .first()
    )
    officer = Actor(1, "b@x", "b", grants=(MembershipGrant(Role.FEDERATION, None, province["id"]),))
    reader = Actor(2, "n@x", "n", grants=(MembershipGrant(Role.NATIONAL),))

    async def page(actor: Actor) -> None:
        v = await dashboard.view(actor, dashboard.Filters(year=year))
        await dashboard.overview(v)
        await dashboard.trend(v)

    province_p50 = await _timed(args.repeat, lambda: page(officer))
    key = "province_dashboard_pg_p50_ms" if national else "province_dashboard_p50_ms"
    print(f"{key}: {_ms(province_p50)}")
    v = await dashboard.view(officer, dashboard.Filters(year=year))
    report_s = await _timed(3, lambda: report.render(v, province["name"], today()))
    print(f"annual_report{'_pg' if national else ''}_ms: {_ms(report_s)}")
    if national:
        national_p50 = await _timed(args.repeat, lambda: page(reader))
        nv = await dashboard.view(reader, dashboard.Filters(year=year))

        async def raw() -> None:  # the same figures by province, from the raw rows
            counted = await tallies.raw_eligible_counts(year, dashboard.rules_of(nv))
            for counts in counted.values():
                dashboard.lines(counts, nv)

        raw_s = await _timed(max(3, args.repeat // 5), raw)
        print(f"national_dashboard_p50_ms: {_ms(national_p50)}")
        print(f"raw_national_ms: {_ms(raw_s)}")
        print(f"speedup: {raw_s / national_p50:.1f}")
    # Random changes of facts through the use case, then every tally against the raw rows.
    ids = [r["enterprise"] for r in await RegisterEntry.select(RegisterEntry.enterprise)]
    keys = [line.obligation.key for line in await dashboard.totals(v)]
    rng = random.Random(17)
    start = time.perf_counter()
    for _ in range(args.changes):
        total = rng.randrange(0, 30) if rng.random() < 0.3 else None  # petitions received
        async with write_transaction():
            await facts.put(
                rng.choice(ids),
                rng.choice((year - 1, year)),
                rng.choice(keys),
                rng.choice(list(FactState)),
                on=None,
                source=FactSource.REPORTED,
                total=total,
                done=None if total is None else rng.randrange(0, total + 1),
            )
    changes_s = time.perf_counter() - start
    rules = dashboard.rules_of(v)
    exact = True
    for group in ("province", "upper_union"):
        kept = await tallies.eligible_counts(year, rules, group)
        raw_rows = await tallies.raw_eligible_counts(year, rules, group)
        exact = exact and kept == raw_rows
    for fact_year in (year - 1, year):
        for group in ("province", "upper_union"):
            for by_sector in (False, True):  # the rows of every section, and each section's
                kept = await tallies.counts(fact_year, group, by_sector=by_sector)
                raw_rows = await tallies.raw_counts(fact_year, group=group, by_sector=by_sector)
                same = {g: (c.enterprises, dict(c.facts)) for g, c in kept.items()} == {
                    g: (c.enterprises, dict(c.facts)) for g, c in raw_rows.items()
                }
                exact = exact and same
    print(f"{args.child}_changes: {args.changes}")
    print(f"{args.child}_change_ms: {_ms(changes_s / max(1, args.changes))}")
    print(f"summary_exact{'_pg' if national else ''}: {str(exact).lower()}")
