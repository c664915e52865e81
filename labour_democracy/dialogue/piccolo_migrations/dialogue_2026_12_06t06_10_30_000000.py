"""Data step: a request entered before the receipt date was recorded was received the day it
was submitted (the reply had been counted from that day).

Written by hand; it imports no application code (the statement is spelt out here)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-12-06T06:10:30:000000"
VERSION = "1.38.0"
DESCRIPTION = "request receipt date from the submission date"


async def fill():
    await engine_finder().run_ddl(
        "UPDATE dialogue_request SET received_on = submitted_on WHERE received_on IS NULL"
    )


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="dialogue", description=DESCRIPTION)
    manager.add_raw(fill)
    return manager
