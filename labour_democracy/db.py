"""The two database engines behind one code path, and the write-transaction helper.

Piccolo's stock SQLite engine opens a new connection (and a new thread) for every query and
re-sends `PRAGMA foreign_keys` before each statement; on the 20-row roster page that made it
several times slower than the same page rendered from memory. `PooledSQLiteEngine` keeps
long-lived connections configured once (WAL, busy timeout, foreign keys):

- a SELECT outside a transaction runs at once on the event loop's own read-only connection.
  In WAL mode a reader never waits for a writer, and a short indexed read takes tens of
  microseconds, less than handing it to a thread and back (which, while the loop is busy
  rendering other pages, also waits for the GIL);
- every other statement, and every transaction, runs on a small pool of aiosqlite
  connections, each with its own thread, so a write that waits for another process's lock
  never stalls the loop. Write transactions are `BEGIN IMMEDIATE` and are queued on an
  in-process lock, so concurrent requests wait their turn instead of failing with
  "database is locked"; other processes sharing the file are handled by SQLite's busy timeout.

See docs/decisions/sqlite-engine.md for the measurements. This is the one module that may hold
engine-specific SQL.
"""

from __future__ import annotations

import asyncio
import sqlite3
import weakref
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import aiosqlite
from piccolo.engine.base import Engine
from piccolo.engine.finder import engine_finder
from piccolo.engine.postgres import PostgresEngine, PostgresTransaction
from piccolo.engine.sqlite import SQLiteEngine, SQLiteTransaction, TransactionType
from piccolo.querystring import QueryString

from labour_democracy.settings import Settings

BUSY_TIMEOUT_SECONDS = 30
# synchronous=FULL: in WAL mode, NORMAL syncs only at checkpoints, so a power cut can undo
# transactions that were already acknowledged (a vote's receipt shown, a document issued). FULL
# syncs the WAL at every commit; votes are committed in batches (voting/casting.py), so the
# cost is one sync per batch. secure_delete: a deleted row's bytes are overwritten, so the
# rows a closing ballot rewrites in a random order (voting/casting.py) leave no trace of the
# order in which they were first written.
_PRAGMAS = f"""
    PRAGMA journal_mode = WAL;
    PRAGMA synchronous = FULL;
    PRAGMA secure_delete = ON;
    PRAGMA foreign_keys = ON;
    PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000};
    PRAGMA temp_store = MEMORY;
"""


def _dict_factory(cursor: sqlite3.Cursor, row: tuple) -> dict:
    return {column[0]: value for column, value in zip(cursor.description, row, strict=True)}


def _is_read(statement: str) -> bool:
    # Piccolo's select, count, exists and objects queries all start with SELECT; anything
    # else (and a misjudged statement would be refused by the read-only connection) writes.
    return statement.lstrip()[:6].upper() == "SELECT"


class QueryCounter:
    """Counts the statements an engine runs; tests use it to prove a constant query count."""

    query_count = 0

    async def run_querystring(self, querystring: QueryString, in_pool: bool = True):
        self.query_count += 1
        return await super().run_querystring(querystring, in_pool=in_pool)  # type: ignore[misc]


class _Pool:
    """The connections and the write lock of one event loop."""

    def __init__(self, size: int) -> None:
        self.reader: sqlite3.Connection | None = None
        self.idle: list[aiosqlite.Connection] = []
        self.slots = asyncio.Semaphore(size)
        self.write_lock = asyncio.Lock()


class _CommitHooks:
    """Callbacks run once a transaction has committed (see `on_commit`)."""

    __slots__ = ()

    async def commit(self) -> None:
        await super().commit()  # type: ignore[misc]
        hooks = getattr(self, "commit_hooks", None) or []
        self.commit_hooks = []
        for hook in hooks:
            hook()


class PooledSQLiteTransaction(_CommitHooks, SQLiteTransaction):
    """A transaction on a pooled connection; writers queue on the engine's lock first."""

    engine: PooledSQLiteEngine

    async def __aenter__(self) -> PooledSQLiteTransaction:
        if self._parent is not None:
            return self._parent
        self._writer = self.transaction_type != TransactionType.deferred
        pool = self.engine.pool()
        if self._writer:
            await pool.write_lock.acquire()
        try:
            self.connection = await self.engine.acquire()
            try:
                await self.begin()
            except BaseException:
                await self.engine.release(self.connection, broken=True)
                raise
        except BaseException:
            if self._writer:
                pool.write_lock.release()
            raise
        self.context = self.engine.current_transaction.set(self)
        return self

    async def __aexit__(self, exception_type, exception, traceback) -> bool:
        if self._parent:
            return exception is None
        broken = False
        try:
            if exception:
                if not self._rolled_back:
                    await self.rollback()
            elif not self._committed and not self._rolled_back:
                try:
                    await self.commit()
                except BaseException:
                    await self.rollback()
                    raise
        except sqlite3.Error:
            broken = True
            raise
        finally:
            await self.engine.release(self.connection, broken=broken)
            self.engine.current_transaction.reset(self.context)
            if self._writer:
                self.engine.pool().write_lock.release()
        return exception is None


class PooledSQLiteEngine(QueryCounter, SQLiteEngine):
    """SQLite with a small pool of long-lived, pre-configured connections."""

    def __init__(self, path: str, pool_size: int = 4) -> None:
        super().__init__(path=path, timeout=BUSY_TIMEOUT_SECONDS)
        self.pool_size = pool_size
        self._pools: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Pool] = (
            weakref.WeakKeyDictionary()
        )

    def pool(self) -> _Pool:
        # One pool per event loop: a server has one loop, but the test client runs the app's
        # lifespan on a loop of its own, and each CLI command starts a new one.
        loop = asyncio.get_running_loop()
        pool = self._pools.get(loop)
        if pool is None:
            pool = self._pools[loop] = _Pool(self.pool_size)
        return pool

    async def _connect(self) -> aiosqlite.Connection:
        connection = await aiosqlite.connect(**self.connection_kwargs)
        connection.row_factory = _dict_factory  # type: ignore[assignment]
        await connection.executescript(_PRAGMAS)
        return connection

    def reader(self) -> sqlite3.Connection:
        """The loop's read-only connection, used only from the loop's own thread."""
        pool = self.pool()
        if pool.reader is None:
            reader = sqlite3.connect(**self.connection_kwargs)
            reader.executescript(_PRAGMAS + "PRAGMA query_only = ON;")
            pool.reader = reader
        return pool.reader

    def _read(self, query: str, args: list) -> list[dict]:
        cursor = self.reader().execute(query, args)
        try:
            names = [column[0] for column in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        finally:
            cursor.close()

    async def acquire(self) -> aiosqlite.Connection:
        pool = self.pool()
        await pool.slots.acquire()
        try:
            return pool.idle.pop() if pool.idle else await self._connect()
        except BaseException:
            pool.slots.release()
            raise

    async def release(self, connection: aiosqlite.Connection, broken: bool = False) -> None:
        pool = self.pool()
        if broken:
            await connection.close()
        else:
            pool.idle.append(connection)
        pool.slots.release()

    async def get_connection(self) -> aiosqlite.Connection:
        # Piccolo's batch() closes the connection it gets, so hand it a private one.
        return await self._connect()

    async def start_connection_pool(self, **_: Any) -> None:
        connection = await self.acquire()
        await self.release(connection)

    async def close_connection_pool(self) -> None:
        pool = self._pools.pop(asyncio.get_running_loop(), None)
        if pool is None:
            return
        if pool.reader is not None:
            pool.reader.close()
        for connection in pool.idle:
            await connection.close()

    async def _run_in_new_connection(self, query, args=None, query_type="generic", table=None):
        if _is_read(query):
            return self._read(query, args or [])
        pool = self.pool()
        async with pool.write_lock:
            connection = await self.acquire()
            broken = False
            try:
                return list(await connection.execute_fetchall(query, args or []))
            except sqlite3.OperationalError:
                broken = True
                raise
            finally:
                # Every outcome gives the connection back: a refused write (a unique key, a
                # trigger) must not keep a pool slot, or the pool runs dry.
                await self.release(connection, broken=broken)

    async def _run_in_existing_connection(
        self, connection, query, args=None, query_type="generic", table=None
    ):
        return list(await connection.execute_fetchall(query, args or []))

    def transaction(
        self,
        transaction_type: TransactionType = TransactionType.deferred,
        allow_nested: bool = True,
    ) -> PooledSQLiteTransaction:
        return PooledSQLiteTransaction(
            engine=self, transaction_type=transaction_type, allow_nested=allow_nested
        )


async def _keep_session(connection) -> None:
    """asyncpg's reset hook for a connection going back to the pool.

    asyncpg has already rolled back any transaction left open. Its default reset query
    (`RESET ALL; UNLISTEN *; CLOSE ALL; pg_advisory_unlock_all()`) clears session state that
    this app never sets, and costs a round trip after every query run outside a transaction.
    """


class FairPool:
    """asyncpg's pool with its callers served first come, first served.

    asyncpg hands a released connection to whichever caller asks next, so under load a newcomer
    can overtake a caller that has been waiting (MagicStack/asyncpg#1247). Every query of a
    request queues for a connection again, so with 50 check-ins in flight some waited five times
    as long as the median. The semaphore admits no more callers than there are connections, in
    the order they came (asyncio hands a freed turn to the longest waiter), so asyncpg's own
    queue never forms.
    """

    def __init__(self, pool) -> None:
        self.pool = pool
        self._turns = asyncio.Semaphore(pool.get_max_size())

    def acquire(self) -> _Acquisition:
        return _Acquisition(self)

    async def _acquire(self):
        await self._turns.acquire()
        try:
            return await self.pool.acquire()
        except BaseException:
            self._turns.release()
            raise

    async def release(self, connection) -> None:
        try:
            await self.pool.release(connection)
        finally:
            self._turns.release()

    async def close(self) -> None:
        await self.pool.close()


class _Acquisition:
    """Like asyncpg's: awaited it gives a connection, as `async with` it also gives it back."""

    def __init__(self, pool: FairPool) -> None:
        self._pool = pool
        self._connection = None

    def __await__(self):
        return self._pool._acquire().__await__()

    async def __aenter__(self):
        self._connection = await self._pool._acquire()
        return self._connection

    async def __aexit__(self, *_: object) -> None:
        await self._pool.release(self._connection)


class HookedPostgresTransaction(_CommitHooks, PostgresTransaction):
    __slots__ = ("commit_hooks",)


class CountingPostgresEngine(QueryCounter, PostgresEngine):
    """Piccolo's PostgreSQL engine; its pool is opened in the app's lifespan.

    As with SQLite, a pool belongs to one event loop (asyncpg pools cannot be shared between
    loops); code running on another loop, like a test's, opens connections as it goes.
    """

    def __init__(self, config: dict[str, Any]) -> None:
        self._pools: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        super().__init__(config=config)

    def transaction(self, allow_nested: bool = True) -> HookedPostgresTransaction:
        return HookedPostgresTransaction(engine=self, allow_nested=allow_nested)

    async def start_connection_pool(self, **kwargs: Any) -> None:
        kwargs.setdefault("reset", _keep_session)
        await super().start_connection_pool(**kwargs)

    @property  # type: ignore[override]
    def pool(self):
        try:
            return self._pools.get(asyncio.get_running_loop())
        except RuntimeError:
            return None

    @pool.setter
    def pool(self, value) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # Piccolo sets None while constructing the engine
        if value is None:
            self._pools.pop(loop, None)
        else:
            self._pools[loop] = FairPool(value)


def build_engine(settings: Settings) -> Engine:
    if settings.is_sqlite:
        path = settings.sqlite_path
        path.parent.mkdir(parents=True, exist_ok=True)
        return PooledSQLiteEngine(path=str(path), pool_size=settings.sqlite_pool_size)
    # A commit returns only once it is flushed to disk, whatever the server's default: an
    # acknowledged vote must survive a power cut (synchronous_commit=off would lose the last
    # few hundred milliseconds of commits).
    return CountingPostgresEngine(
        config={"dsn": settings.database_url, "server_settings": {"synchronous_commit": "on"}}
    )


def engine() -> Engine:
    db = engine_finder()
    assert db is not None, "PICCOLO_CONF does not define DB"
    return db


def is_sqlite() -> bool:
    return isinstance(engine(), SQLiteEngine)


def write_transaction():
    """The transaction every use case that writes runs in (IMMEDIATE on SQLite)."""
    db = engine()
    if isinstance(db, SQLiteEngine):
        return db.transaction(transaction_type=TransactionType.immediate)
    return db.transaction()


def on_commit(hook: Callable[[], None]) -> None:
    """Call `hook` once the current transaction has committed (never if it rolls back), or at
    once outside a transaction."""
    transaction = engine().current_transaction.get()
    if transaction is None:
        hook()
    elif isinstance(transaction, _CommitHooks):
        transaction.commit_hooks = [*(getattr(transaction, "commit_hooks", None) or []), hook]
    # A transaction of another kind cannot say when it commits; the hook is skipped (for the
    # audit anchor that means it lags one change, never that it runs ahead of the data).


async def serialise_appends(key: int) -> None:
    """Make concurrent writers append to one sequence (the audit chain) in turn.

    On SQLite the IMMEDIATE transaction already holds the only write lock. On PostgreSQL a
    transaction-scoped advisory lock does the same across every app process.
    """
    if not is_sqlite():
        await engine().run_querystring(QueryString("SELECT pg_advisory_xact_lock({})", key))


def random_uuid_sql() -> str:
    """An SQL expression for a new random UUID, as the `UUID` column stores it: PostgreSQL's
    gen_random_uuid() (pg_strong_random); on SQLite, text from randomblob() (ChaCha20 seeded
    by the operating system since SQLite 3.40), in the lower-case form Piccolo writes."""
    if not is_sqlite():
        return "gen_random_uuid()"
    parts = " || '-' || ".join(f"hex(randomblob({n}))" for n in (4, 2, 2, 2, 6))
    return f"lower({parts})"


def physical_order() -> str:
    """The column that gives rows in the order they are stored (SQLite's rowid, PostgreSQL's
    ctid): for code that must make that order meaningless (voting/casting.py)."""
    return "rowid" if is_sqlite() else "ctid"


async def forget_deleted_rows() -> None:
    """After rows were rewritten to hide their order: on SQLite, copy the WAL into the database
    file and truncate it, so no earlier frame keeps the old rows (best effort: a reader in
    another process can keep the checkpoint from finishing; the next one completes it). On
    PostgreSQL the deleted rows are dead tuples that vacuum reclaims."""
    if is_sqlite():
        await engine().run_querystring(QueryString("PRAGMA wal_checkpoint(TRUNCATE)"))


async def close_pool() -> None:
    db = engine()
    if isinstance(db, PostgresEngine) and db.pool is None:
        return
    await db.close_connection_pool()


@asynccontextmanager
async def connection_pool(settings: Settings) -> AsyncIterator[None]:
    """Open the engine's pool for the app's lifetime."""
    db = engine()
    if isinstance(db, PostgresEngine):
        # Connections open as they are first needed: asyncpg's default minimum (10) would
        # refuse a smaller maximum, and idle processes would hold connections of a shared server.
        await db.start_connection_pool(min_size=1, max_size=settings.postgres_pool_size)
    else:
        await db.start_connection_pool()
    try:
        yield
    finally:
        await close_pool()


def like_pattern(text: str) -> str:
    """`%text%` for a substring match, with the user's own wildcards removed."""
    return "%" + text.replace("\\", "").replace("%", "").replace("_", "") + "%"


def contains(column, text: str):
    """Case-insensitive substring match (LIKE is already case-insensitive on SQLite)."""
    pattern = like_pattern(text)
    return column.like(pattern) if is_sqlite() else column.ilike(pattern)


def contains_sql(expression: str) -> str:
    """`contains` for hand-written SQL: one `{}` placeholder that takes `like_pattern(text)`."""
    return f"{expression} {'LIKE' if is_sqlite() else 'ILIKE'} {{}}"
