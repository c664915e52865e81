"""A member attends a dialogue once and supports a request once.

Written by hand because Piccolo's generator cannot express it; it imports no application code
(the statements are spelt out here), so it means the same whatever the code becomes."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-12-06T04:30:03:000000"
VERSION = "1.38.0"
DESCRIPTION = "dialogue unique indexes"

CREATE = [
    "CREATE UNIQUE INDEX dialogue_attendance_member_key ON dialogue_attendance (dialogue, member)",
    "CREATE UNIQUE INDEX dialogue_request_supporter_key ON dialogue_request_supporter (request, member)",
]
DROP = [
    "DROP INDEX IF EXISTS dialogue_request_supporter_key",
    "DROP INDEX IF EXISTS dialogue_attendance_member_key",
]


async def constrain():
    for statement in CREATE:
        await engine_finder().run_ddl(statement)


async def unconstrain():
    for statement in DROP:
        await engine_finder().run_ddl(statement)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="dialogue", description=DESCRIPTION)
    manager.add_raw(constrain)
    manager.add_raw_backwards(unconstrain)
    return manager
