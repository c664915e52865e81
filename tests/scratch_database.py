"""An empty database of the engine under test, for tests that run the CLI or migrations in a
subprocess and must not touch the suite's own database."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import asyncpg


def _run_on_server(server_dsn: str, statement: str) -> None:
    async def run() -> None:
        connection = await asyncpg.connect(server_dsn)
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    # A thread of its own: the caller may be inside the suite's running event loop.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, run()).result()


@contextmanager
def scratch_database_url(directory: Path) -> Iterator[str]:
    """A new, empty SQLite file in `directory`, or a new PostgreSQL database on the server of
    LD_TEST_DATABASE_URL (dropped afterwards)."""
    suite_url = os.environ.get("LD_TEST_DATABASE_URL")
    if not suite_url:
        yield f"sqlite:///{directory / 'scratch.sqlite3'}"
        return
    server, _ = suite_url.rsplit("/", 1)
    name = f"ld_scratch_{uuid.uuid4().hex[:12]}"
    _run_on_server(f"{server}/postgres", f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        _run_on_server(f"{server}/postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
