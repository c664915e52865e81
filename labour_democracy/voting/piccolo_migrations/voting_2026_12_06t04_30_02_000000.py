"""One vote per code (nullifier), one elector row per worker, one code per serial; the tally's index.

Written by hand because Piccolo's generator cannot express it; it imports no application code
(the statements are spelt out here), so it means the same whatever the code becomes."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-12-06T04:30:02:000000"
VERSION = "1.38.0"
DESCRIPTION = "voting unique indexes"

CREATE = [
    "CREATE UNIQUE INDEX vote_nullifier_key ON vote (ballot, nullifier)",
    "CREATE UNIQUE INDEX elector_worker_key ON elector (ballot, worker)",
    "CREATE UNIQUE INDEX ballot_code_serial_key ON ballot_code (ballot, serial)",
    "CREATE INDEX mark_tally ON mark (ballot, question, option, invalid)",
]
DROP = [
    "DROP INDEX IF EXISTS mark_tally",
    "DROP INDEX IF EXISTS ballot_code_serial_key",
    "DROP INDEX IF EXISTS elector_worker_key",
    "DROP INDEX IF EXISTS vote_nullifier_key",
]


async def constrain():
    for statement in CREATE:
        await engine_finder().run_ddl(statement)


async def unconstrain():
    for statement in DROP:
        await engine_finder().run_ddl(statement)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="voting", description=DESCRIPTION)
    manager.add_raw(constrain)
    manager.add_raw_backwards(unconstrain)
    return manager
