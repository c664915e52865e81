"""A worker is convened once per conference; an org unit has one seat row per conference.

Written by hand because Piccolo's generator cannot express it; it imports no application code
(the statements are spelt out here), so it means the same whatever the code becomes."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-12-06T04:30:04:000000"
VERSION = "1.38.0"
DESCRIPTION = "conference unique indexes"

CREATE = [
    "CREATE UNIQUE INDEX conference_delegate_worker_key ON conference_delegate (conference, worker)",
    "CREATE UNIQUE INDEX conference_unit_seat_unit_key ON conference_unit_seat (conference, org_unit)",
]
DROP = [
    "DROP INDEX IF EXISTS conference_unit_seat_unit_key",
    "DROP INDEX IF EXISTS conference_delegate_worker_key",
]


async def constrain():
    for statement in CREATE:
        await engine_finder().run_ddl(statement)


async def unconstrain():
    for statement in DROP:
        await engine_finder().run_ddl(statement)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="conferences", description=DESCRIPTION)
    manager.add_raw(constrain)
    manager.add_raw_backwards(unconstrain)
    return manager
