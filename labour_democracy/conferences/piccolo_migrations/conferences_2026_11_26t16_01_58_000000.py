"""A worker is convened once per conference; an org unit has one seat row per conference."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from labour_democracy import db

ID = "2026-11-26T16:01:58:000000"
VERSION = "1.38.0"
DESCRIPTION = "conference unique indexes"


async def constrain():
    await db.create_unique_index("conference_delegate_worker_key", "conference_delegate", ["conference", "worker"])
    await db.create_unique_index("conference_unit_seat_unit_key", "conference_unit_seat", ["conference", "org_unit"])


async def unconstrain():
    await db.drop_index("conference_delegate_worker_key")
    await db.drop_index("conference_unit_seat_unit_key")


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="conferences", description=DESCRIPTION)
    manager.add_raw(constrain)
    manager.add_raw_backwards(unconstrain)
    return manager
