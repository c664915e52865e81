"""A worker is convened once per conference; an org unit has one seat row per conference."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from labour_democracy import db

ID = "2026-11-26T15:43:30:000000"
VERSION = "1.38.0"
DESCRIPTION = "conference unique indexes"


async def constrain():
    await db.create_unique_index("delegate_conference_worker_key", "delegate", ["conference", "worker"])
    await db.create_unique_index("unit_seat_conference_unit_key", "unit_seat", ["conference", "org_unit"])


async def unconstrain():
    await db.drop_index("delegate_conference_worker_key")
    await db.drop_index("unit_seat_conference_unit_key")


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="conferences", description=DESCRIPTION)
    manager.add_raw(constrain)
    manager.add_raw_backwards(unconstrain)
    return manager
