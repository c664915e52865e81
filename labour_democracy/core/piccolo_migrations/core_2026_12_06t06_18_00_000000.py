"""An index on the enterprise's upper-level union (the local union officer's scope).

Written by hand: an index made by the generator on an added column stops SQLite from dropping
the column going backwards. It imports no application code."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-12-06T06:18:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "enterprise upper union index"


async def index():
    await engine_finder().run_ddl(
        "CREATE INDEX enterprise_upper_union_idx ON enterprise (upper_union)"
    )


async def unindex():
    await engine_finder().run_ddl("DROP INDEX IF EXISTS enterprise_upper_union_idx")


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="core", description=DESCRIPTION)
    manager.add_raw(index)
    manager.add_raw_backwards(unindex)
    return manager
