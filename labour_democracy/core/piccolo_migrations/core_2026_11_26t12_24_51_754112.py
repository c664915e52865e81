"""Constraints Piccolo's table definitions cannot express (see labour_democracy.db)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from labour_democracy import db

ID = "2026-11-26T12:24:51:754112"
VERSION = "1.38.0"
DESCRIPTION = "core constraints"


async def constraints():
    await db.create_unique_index("worker_code_key", "worker", ["enterprise", "employee_code"])
    await db.make_append_only("audit_entry")


async def drop_constraints():
    await db.drop_append_only("audit_entry")
    await db.drop_index("worker_code_key")


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="core", description=DESCRIPTION)
    manager.add_raw(constraints)
    manager.add_raw_backwards(drop_constraints)
    return manager
