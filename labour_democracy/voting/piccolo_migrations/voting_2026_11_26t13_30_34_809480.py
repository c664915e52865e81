"""Constraints Piccolo's table definitions cannot express (see labour_democracy.db)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from labour_democracy import db

ID = "2026-11-26T13:30:34:809480"
VERSION = "1.38.0"
DESCRIPTION = "voting constraints"


async def constraints():
    # One vote per code: the database refuses a second vote with the same nullifier.
    await db.create_unique_index("vote_nullifier_key", "vote", ["ballot", "nullifier"])
    await db.create_unique_index("elector_worker_key", "elector", ["ballot", "worker"])
    await db.create_unique_index("ballot_code_serial_key", "ballot_code", ["ballot", "serial"])


async def drop_constraints():
    await db.drop_index("ballot_code_serial_key")
    await db.drop_index("elector_worker_key")
    await db.drop_index("vote_nullifier_key")


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="voting", description=DESCRIPTION)
    manager.add_raw(constraints)
    manager.add_raw_backwards(drop_constraints)
    return manager
