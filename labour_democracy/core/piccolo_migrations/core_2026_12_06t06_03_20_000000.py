"""Data step: the weekly rest days from the old "Saturday is a working day" flag (Sunday only
where Saturday was worked, else Saturday and Sunday), and back.

Written by hand; it imports no application code (the statements are spelt out here)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-12-06T06:03:20:000000"
VERSION = "1.38.0"
DESCRIPTION = "weekly rest days from the saturday_works flag"


async def convert():
    await engine_finder().run_ddl(
        "UPDATE enterprise SET weekly_rest_days = "
        "CASE WHEN saturday_works THEN '6' ELSE '5,6' END"
    )


async def convert_back():
    await engine_finder().run_ddl(
        "UPDATE enterprise SET saturday_works = "
        "CASE WHEN weekly_rest_days LIKE '%5%' THEN false ELSE true END"
    )


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="core", description=DESCRIPTION)
    manager.add_raw(convert)
    manager.add_raw_backwards(convert_back)
    return manager
