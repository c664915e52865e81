"""The write-transaction helper and the engines behind it."""

from __future__ import annotations

import asyncio

import pytest
from piccolo.engine.sqlite import TransactionType
from piccolo.querystring import QueryString

from labour_democracy import db
from labour_democracy.core.tables import Province, Throttle
from labour_democracy.settings import get_settings

sqlite_only = pytest.mark.skipif(
    not get_settings().is_sqlite, reason="PostgreSQL has no database-wide write lock"
)


async def _read_then_write(engine, transaction, label: str) -> int:
    """What a use case does: read, decide, write; returns what it read."""
    async with transaction():
        rows = await engine.run_querystring(
            QueryString("SELECT COUNT(*) AS n FROM throttle WHERE key LIKE {}", f"{label}%")
        )
        seen = rows[0]["n"]
        await asyncio.sleep(0)  # give the other writers every chance to interleave
        await engine.run_querystring(
            QueryString(
                "INSERT INTO throttle (key, attempts, delay, next_at, last_at)"
                " VALUES ({}, 0, 0, 0, 0)",
                f"{label}{seen}",
            )
        )
    return seen


@sqlite_only
async def test_thirty_concurrent_write_transactions_all_succeed_one_after_another():
    engine = db.engine()
    seen = await asyncio.gather(
        *(_read_then_write(engine, db.write_transaction, "w") for _ in range(30))
    )
    # No "database is locked", and each writer read what the one before it had committed.
    assert sorted(seen) == list(range(30))
    assert await Throttle.count() == 30


@sqlite_only
async def test_two_processes_sharing_the_file_wait_for_each_other_instead_of_failing():
    # A second engine on the same file has its own pool and lock, as another process would.
    other = db.build_engine(get_settings())

    def other_transaction():
        return other.transaction(transaction_type=TransactionType.immediate)

    try:
        seen = await asyncio.gather(
            *(_read_then_write(db.engine(), db.write_transaction, "p") for _ in range(15)),
            *(_read_then_write(other, other_transaction, "p") for _ in range(15)),
        )
    finally:
        await other.close_connection_pool()
    assert sorted(seen) == list(range(30))


async def test_a_failed_use_case_writes_nothing():
    with pytest.raises(RuntimeError):
        async with db.write_transaction():
            await Throttle.insert(Throttle(key="half-done"))
            async with db.write_transaction():  # a service calling another joins its transaction
                await Throttle.insert(Throttle(key="nested"))
            raise RuntimeError("the rule check failed after the first write")
    assert await Throttle.count() == 0


async def test_concurrent_write_transactions_all_succeed_on_either_engine():
    async def write(n: int) -> None:
        async with db.write_transaction():
            await Throttle.count()
            await Throttle.insert(Throttle(key=f"k{n}"))

    await asyncio.gather(*(write(n) for n in range(30)))
    assert await Throttle.count() == 30


async def test_the_query_counter_counts_each_statement():
    engine = db.engine()
    before = engine.query_count
    await Province.select(Province.id).first()
    await Province.count()
    async with db.write_transaction():
        await Throttle.insert(Throttle(key="counted"))
    # Two reads, one insert; the transaction's BEGIN and COMMIT are not statements of ours.
    assert engine.query_count - before == 3
