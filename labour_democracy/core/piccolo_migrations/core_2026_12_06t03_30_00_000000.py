"""The audit log refuses TRUNCATE (PostgreSQL): its row triggers never see one."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from labour_democracy import db

ID = "2026-12-06T03:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "audit log refuses truncate"


async def refuse():
    await db.refuse_truncate("audit_entry")


async def allow():
    await db.allow_truncate("audit_entry")


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="core", description=DESCRIPTION)
    manager.add_raw(refuse)
    manager.add_raw_backwards(allow)
    return manager
