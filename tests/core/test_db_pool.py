"""The SQLite pool gives every connection back, whatever a write's outcome; the PostgreSQL pool
serves its callers in turn."""

import asyncio
import dataclasses

import pytest

from labour_democracy import db
from labour_democracy.core.tables import Province
from labour_democracy.settings import get_settings


async def test_refused_writes_do_not_exhaust_the_pool():
    if not db.is_sqlite():
        pytest.skip("the pool under test is the SQLite engine's")
    engine = db.engine()
    for _ in range(engine.pool_size * 3):  # more refusals than the pool has connections
        with pytest.raises(Exception, match="UNIQUE"):
            await Province.insert(Province(code="01", name="duplicate"))
    assert await Province.count() == 34
    await Province.update({Province.name: "Thành phố Hà Nội"}).where(Province.code == "01")


class _Connections:
    """Stands in for asyncpg's pool: numbered connections, handed out after a pause."""

    def __init__(self, size: int) -> None:
        self.size, self.idle, self.refuse_next = size, list(range(size)), False

    def get_max_size(self) -> int:
        return self.size

    async def acquire(self) -> int:
        await asyncio.sleep(0)
        if self.refuse_next:
            self.refuse_next = False
            raise OSError("connection refused")
        return self.idle.pop()

    async def release(self, connection: int) -> None:
        self.idle.append(connection)


async def test_the_postgres_pool_serves_callers_in_the_order_they_came():
    pool = db.FairPool(_Connections(1))
    served = []

    async def caller(name: str) -> None:
        async with pool.acquire():
            served.append(name)
            await asyncio.sleep(0)

    held = await pool.acquire()
    waiting = asyncio.create_task(caller("waiting"))
    await asyncio.sleep(0)  # it queues for the only connection
    await pool.release(held)
    # A caller arriving just as the connection comes back does not overtake the one waiting.
    await asyncio.gather(waiting, caller("newcomer"))
    assert served == ["waiting", "newcomer"]


async def test_a_refused_connection_gives_its_turn_back():
    connections = _Connections(1)
    connections.refuse_next = True
    pool = db.FairPool(connections)
    with pytest.raises(OSError):
        await pool.acquire()
    async with pool.acquire() as connection:
        assert connection == 0


async def test_more_concurrent_queries_than_postgres_connections_all_run():
    if db.is_sqlite():
        pytest.skip("the pool under test is the PostgreSQL engine's")
    settings = dataclasses.replace(get_settings(), postgres_pool_size=2)
    async with db.connection_pool(settings):
        assert isinstance(db.engine().pool, db.FairPool)
        counts = await asyncio.gather(*(Province.count() for _ in range(20)))
    assert counts == [34] * 20
