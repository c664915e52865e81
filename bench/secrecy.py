"""`python -m bench secrecy [--votes 200] [--engine sqlite|postgres]`

Casts `--votes` votes one at a time (each waits for the previous one's receipt, so every vote
is a batch of its own: the worst case for the writer's shuffle), closes the ballot, then asks
the database for every order it offers on the ballot's rows: vote ids, SQLite's rowid,
PostgreSQL's ctid and xmin, the marks' ids, and the order of a plain scan. Prints the largest
|Kendall τ| between the casting order and any of those orders as `order_tau_<engine>` (goal:
< 0.1), the figure before closing as `order_tau_open_<engine>` (1.0 today: the order is there
until the ballot closes), and one `tau_<order>` line per order. Without --engine, runs SQLite
and, when it answers on 127.0.0.1:5432, PostgreSQL.

The tests (tests/voting/test_secrecy.py) use `database_orders` and `kendall_tau` from here.
"""

from __future__ import annotations

import argparse
import asyncio

from bench.common import (
    enterprise_with_workers,
    postgres_reachable,
    reset_postgres_database,
    run_child,
    use_database,
)

DATABASE = "ld_bench_secrecy"


def kendall_tau(first: list, second: list) -> float:
    """Kendall's τ-b between two orders of the same items (ties: equal keys in `second`).

    `first` is a list of items; `second` a list of (key, item) pairs, where items that share a
    key are tied (every row of one transaction shares its xmin)."""
    position = {item: index for index, item in enumerate(first)}
    pairs = [(position[item], key) for key, item in second if item in position]
    concordant = discordant = ties = 0
    for i in range(len(pairs)):
        for j in range(i + 1, len(pairs)):
            a = pairs[i][0] - pairs[j][0]
            b = (pairs[i][1] > pairs[j][1]) - (pairs[i][1] < pairs[j][1])
            if b == 0:
                ties += 1
            elif (a > 0) == (b > 0):
                concordant += 1
            else:
                discordant += 1
    total = concordant + discordant + ties
    if total == 0 or concordant + discordant == 0:
        return 0.0
    # τ-b: the casting order has no ties, the database's order may.
    return (concordant - discordant) / ((total * (concordant + discordant + 0.0)) ** 0.5)


def _key(value) -> tuple:
    """Sort keys for values the database hands back: a ctid "(page,item)" sorts by numbers."""
    text = str(value)
    if text.startswith("(") and text.endswith(")"):
        return tuple(int(part) for part in text[1:-1].split(","))
    return (int(value),) if isinstance(value, int) else (text,)


async def database_orders(ballot_id: int) -> dict[str, list[tuple]]:
    """Every order the database offers on a ballot's votes, as (key, nullifier) pairs; a
    mark stands for its vote."""
    from labour_democracy import db
    from labour_democracy.voting.tables import Vote

    if db.is_sqlite():
        columns = {"rowid": "rowid", "id": "id", "scan": None}
    else:
        columns = {"ctid": "ctid", "xmin": "xmin::text::bigint", "id": "id::text", "scan": None}
    orders: dict[str, list[tuple]] = {}
    for table in ("vote", "mark"):
        for name, expression in columns.items():
            if table == "mark" and name == "id":
                expression = "m.id"
            if expression is None:
                select = "NULL"
            elif table == "vote":
                select = f"v.{expression}"
            else:
                select = expression if expression == "m.id" else f"m.{expression}"
            if table == "vote":
                sql = f"SELECT {select} AS k, v.nullifier FROM vote v WHERE v.ballot = {{}}"
            else:
                sql = (
                    f"SELECT {select} AS k, v.nullifier FROM mark m "
                    "JOIN vote v ON v.id = m.vote WHERE m.ballot = {}"
                )
            rows = await Vote.raw(sql, ballot_id)
            if expression is None:  # the order a plain scan returns them in
                orders[f"{table}_scan"] = [(i, r["nullifier"]) for i, r in enumerate(rows)]
            else:
                orders[f"{table}_{name}"] = [(_key(r["k"]), r["nullifier"]) for r in rows]
    return orders


async def largest_tau(ballot_id: int, cast_order: list[str]) -> tuple[float, dict[str, float]]:
    taus = {
        name: kendall_tau(cast_order, pairs)
        for name, pairs in (await database_orders(ballot_id)).items()
    }
    return max(abs(t) for t in taus.values()), taus


async def _run(votes: int, engine: str) -> None:
    from labour_democracy import db
    from labour_democracy.voting import codes, rules, services, voters
    from labour_democracy.voting.schemas import BallotForm, QuestionForm
    from labour_democracy.voting.tables import Option, QuestionKind

    context = await enterprise_with_workers(
        "Công ty Bench", "0100000002", votes, "Công nhân", code_prefix="S"
    )
    ballot = await services.create_ballot(context, BallotForm(title="Bench secrecy"))
    question = await services.add_question(
        context, ballot, QuestionForm(kind=QuestionKind.MOTION, text="Đồng ý?")
    )
    options = [
        row["id"] for row in await Option.select(Option.id).where(Option.question == question)
    ]
    issued = await services.issue_codes(context, ballot)
    await services.open_ballot(context, ballot)
    cast_order = []
    for number, slip in enumerate(issued[:votes]):
        await voters.cast_code(slip.code, {question: [options[number % len(options)]]})
        cast_order.append(codes.nullifier(codes.code_hash(rules.normalise_code(slip.code))))
    before, _ = await largest_tau(ballot, cast_order)
    await services.close_ballot(context, ballot)
    after, taus = await largest_tau(ballot, cast_order)
    await db.close_pool()
    print(f"engine: {engine}")
    print(f"votes: {len(cast_order)}")
    print(f"order_tau_open_{engine}: {before:.3f}")
    for name, tau in sorted(taus.items()):
        print(f"tau_{name}_{engine}: {tau:.3f}")
    print(f"order_tau_{engine}: {after:.3f}")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench secrecy")
    parser.add_argument("--votes", type=int, default=200)
    parser.add_argument("--engine", choices=["sqlite", "postgres"])
    args = parser.parse_args(argv)
    if args.engine:
        url = reset_postgres_database(DATABASE) if args.engine == "postgres" else None
        use_database(url)
        asyncio.run(_run(args.votes, args.engine))
        return
    engines = ["sqlite"] + (["postgres"] if postgres_reachable() else [])
    for engine in engines:
        for line in run_child("secrecy", [*argv, "--engine", engine]):
            print(line)
