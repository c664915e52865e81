"""Constraints Piccolo's table definitions cannot express (see labour_democracy.db)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from labour_democracy import db

ID = "2026-11-26T16:05:51:347555"
VERSION = "1.38.0"
DESCRIPTION = "dialogue constraints"


async def constraints():
    # A member is marked once per dialogue, and supports a request once.
    await db.create_unique_index(
        "dialogue_attendance_member_key", "dialogue_attendance", ["dialogue", "member"]
    )
    await db.create_unique_index(
        "dialogue_request_supporter_key", "dialogue_request_supporter", ["request", "member"]
    )


async def drop_constraints():
    await db.drop_index("dialogue_request_supporter_key")
    await db.drop_index("dialogue_attendance_member_key")


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="dialogue", description=DESCRIPTION)
    manager.add_raw(constraints)
    manager.add_raw_backwards(drop_constraints)
    return manager
