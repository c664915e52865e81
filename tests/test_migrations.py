"""Every migration runs forwards, backwards and forwards again from an empty database.

Piccolo caches the engine on the tables, so the migrations run in a subprocess with its own
LD_DATABASE_URL: a scratch SQLite file, or a scratch PostgreSQL database when the suite runs on
PostgreSQL.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

from tests.scratch_database import scratch_database_url

_ROUND_TRIP = """
import asyncio, json

import labour_democracy.piccolo_conf  # noqa: F401  (engine and apps)
from piccolo.apps.migrations.commands.backwards import BackwardsMigrationManager
from piccolo.apps.migrations.commands.base import BaseMigrationManager
from piccolo.apps.migrations.commands.forwards import run_forwards
from piccolo.conf.apps import Finder
from piccolo.querystring import QueryString

from labour_democracy import db

EXPECTED = {table._meta.tablename for table in Finder().get_table_classes()}


async def tables():
    if db.is_sqlite():
        sql = "SELECT name FROM sqlite_master WHERE type = 'table'"
    else:
        sql = "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'"
    return {row["name"] for row in await db.engine().run_querystring(QueryString(sql))}


async def forwards():
    result = await run_forwards("all")
    assert result.success, result.message
    return sorted(EXPECTED - await tables())


async def backwards():
    for app in reversed(BaseMigrationManager().get_sorted_app_names()):
        manager = BackwardsMigrationManager(app_name=app, migration_id="all", auto_agree=True)
        result = await manager.run()
        assert result.success, (app, result.message)
    return sorted(EXPECTED & await tables())


async def audit_update_refused():
    from labour_democracy.core import audit
    from labour_democracy.core.permissions import SYSTEM

    async with db.write_transaction():
        await audit.record(SYSTEM, "migrations.tested", "migration", 1)
    try:
        async with db.write_transaction():
            await db.engine().run_querystring(QueryString("UPDATE audit_entry SET action = 'x'"))
    except Exception as error:
        return "append-only" in str(error)
    return False


async def main():
    report = {"tables": sorted(EXPECTED)}
    report["missing_after_forwards"] = await forwards()
    report["left_after_backwards"] = await backwards()
    report["missing_after_forwards_again"] = await forwards()
    report["audit_update_refused"] = await audit_update_refused()
    await db.close_pool()
    print("REPORT " + json.dumps(report))


asyncio.run(main())
"""


def test_migrations_run_forwards_backwards_and_forwards_again_from_an_empty_database(tmp_path):
    with scratch_database_url(tmp_path) as url:
        environment = {**os.environ, "LD_DATABASE_URL": url, "LD_DATA_DIR": str(tmp_path)}
        done = subprocess.run(
            [sys.executable, "-c", _ROUND_TRIP],
            env=environment,
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert done.returncode == 0, done.stderr[-3000:]
    (line,) = [line for line in done.stdout.splitlines() if line.startswith("REPORT ")]
    report = json.loads(line.removeprefix("REPORT "))
    assert {"enterprise", "worker", "audit_entry", "issued_document"} <= set(report["tables"])
    assert report["missing_after_forwards"] == []
    assert report["left_after_backwards"] == []
    assert report["missing_after_forwards_again"] == []
    # The append-only trigger is raw DDL in a migration: it must come back too.
    assert report["audit_update_refused"] is True


def test_no_migration_imports_application_code():
    """A migration means the same thing whatever the code becomes: it imports Piccolo and the
    standard library only (one initial migration per module, generated; later ones frozen)."""
    package = Path(__file__).resolve().parents[1] / "labour_democracy"
    importing = []
    for path in package.glob("*/piccolo_migrations/*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            importing += [f"{path.name}: {n}" for n in names if n.startswith("labour_democracy")]
    assert importing == []
