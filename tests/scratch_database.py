"""An empty database of the engine under test, for tests that run the CLI or migrations in a
subprocess and must not touch the suite's own database; a migrated one, copied from one that
`labour-democracy migrate` made once per session; and plain SQL on either, read or written from
the test's own process (no subprocess just to count rows)."""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing, contextmanager
from pathlib import Path

import asyncpg

COMMAND = str(Path(sys.executable).parent / "labour-democracy")


def _in_a_thread(coroutine):
    # A thread of its own: the caller may be inside the suite's running event loop.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _run_on_server(server_dsn: str, statement: str) -> None:
    async def run() -> None:
        connection = await asyncpg.connect(server_dsn)
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    _in_a_thread(run())


def recreate_postgres_database(server: str, name: str) -> str:
    """An empty database `name` on `server` (one a previous run left is dropped first)."""
    _run_on_server(f"{server}/postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _run_on_server(f"{server}/postgres", f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


def _server_of_the_suite() -> str | None:
    suite_url = os.environ.get("LD_TEST_DATABASE_URL")
    return suite_url.rsplit("/", 1)[0] if suite_url else None


@contextmanager
def _postgres_database(server: str, template: str | None = None) -> Iterator[str]:
    name = f"ld_scratch_{uuid.uuid4().hex[:12]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    _run_on_server(f"{server}/postgres", f'CREATE DATABASE "{name}"{copy}')
    try:
        yield f"{server}/{name}"
    finally:
        _run_on_server(f"{server}/postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def scratch_database_url(directory: Path) -> Iterator[str]:
    """A new, empty SQLite file in `directory`, or a new PostgreSQL database on the server of
    LD_TEST_DATABASE_URL (dropped afterwards)."""
    server = _server_of_the_suite()
    if not server:
        yield f"sqlite:///{directory / 'scratch.sqlite3'}"
        return
    with _postgres_database(server) as url:
        yield url


class _MigratedTemplate:
    """A database that `labour-democracy migrate` made, once per test process; each migrated
    scratch database is a copy of it (a file copy, or PostgreSQL's CREATE DATABASE ...
    TEMPLATE), which costs a fraction of running the migrations again."""

    def __init__(self) -> None:
        self.directory: Path | None = None
        self.url: str | None = None
        self._drop = None

    def get(self) -> str:
        if self.url is None:
            self.directory = Path(tempfile.mkdtemp(prefix="ld-migrated-"))
            server = _server_of_the_suite()
            if server:
                database = _postgres_database(server)
                url = database.__enter__()
                self._drop = database
            else:
                url = f"sqlite:///{self.directory / 'template.sqlite3'}"
            done = subprocess.run(
                [COMMAND, "migrate"],
                env={**os.environ, "LD_DATABASE_URL": url, "LD_DATA_DIR": str(self.directory)},
                capture_output=True,
                text=True,
                timeout=300,
                cwd=self.directory,
            )
            assert done.returncode == 0, done.stderr[-3000:]
            assert "Database is up to date." in done.stdout
            self.url = url
        return self.url

    def close(self) -> None:
        if self._drop is not None:
            self._drop.__exit__(None, None, None)
        if self.directory is not None:
            shutil.rmtree(self.directory, ignore_errors=True)


_template = _MigratedTemplate()


def drop_migrated_template() -> None:
    """At the end of the session (tests/conftest.py)."""
    _template.close()


@contextmanager
def migrated_database_url(directory: Path) -> Iterator[str]:
    """Like scratch_database_url, but as `labour-democracy migrate` leaves it (the provinces
    loaded)."""
    template = _template.get()
    if template.startswith("sqlite:///"):
        source = Path(template.removeprefix("sqlite:///"))
        target = directory / "scratch.sqlite3"
        shutil.copyfile(source, target)
        if Path(f"{source}-wal").exists():  # none once the command has closed its connections
            shutil.copyfile(f"{source}-wal", f"{target}-wal")
        yield f"sqlite:///{target}"
        return
    server, name = template.rsplit("/", 1)
    with _postgres_database(server, template=name) as url:
        yield url


def run_sql(url: str, *statements: str) -> list[dict]:
    """Run the statements on the database at `url` (autocommit) and return the rows of the
    last one as dicts."""
    if url.startswith("sqlite:///"):
        path = url.removeprefix("sqlite:///")
        with closing(sqlite3.connect(path, isolation_level=None)) as connection:
            connection.row_factory = sqlite3.Row
            rows: list = []
            for statement in statements:
                rows = connection.execute(statement).fetchall()
            return [dict(row) for row in rows]

    async def run() -> list[dict]:
        connection = await asyncpg.connect(url)
        try:
            for statement in statements[:-1]:
                await connection.execute(statement)
            return [dict(row) for row in await connection.fetch(statements[-1])]
        finally:
            await connection.close()

    return _in_a_thread(run())
