"""One fact per enterprise, year and obligation; one tally row per set of dimensions (what the
upserts of `compliance/tallies.py` conflict on); one snapshot per province and date; one
threshold per province and obligation; the tallies read by province and year.

Written by hand because Piccolo's generator cannot express it; it imports no application code
(the statements are spelt out here), so it means the same whatever the code becomes."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-12-06T07:23:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "compliance unique indexes"

CREATE = [
    "CREATE UNIQUE INDEX compliance_fact_key ON compliance_fact (enterprise, year, obligation)",
    "CREATE UNIQUE INDEX compliance_bucket_key"
    " ON compliance_bucket (province, upper_union, sector, ownership, band)",
    "CREATE UNIQUE INDEX compliance_tally_key ON compliance_tally"
    " (year, obligation, province, upper_union, sector, ownership, band)",
    "CREATE INDEX compliance_tally_province ON compliance_tally (province, year, upper_union)",
    "CREATE INDEX compliance_tally_level ON compliance_tally (upper_union, year)",
    "CREATE INDEX compliance_bucket_level ON compliance_bucket (upper_union, province)",
    "CREATE UNIQUE INDEX compliance_snapshot_key ON compliance_snapshot (province, year, taken_on)",
    "CREATE UNIQUE INDEX compliance_threshold_key ON compliance_threshold (province, obligation)",
    "CREATE INDEX compliance_register_union ON compliance_register (upper_union)",
]
DROP = [
    "DROP INDEX IF EXISTS compliance_register_union",
    "DROP INDEX IF EXISTS compliance_threshold_key",
    "DROP INDEX IF EXISTS compliance_snapshot_key",
    "DROP INDEX IF EXISTS compliance_bucket_level",
    "DROP INDEX IF EXISTS compliance_tally_level",
    "DROP INDEX IF EXISTS compliance_tally_province",
    "DROP INDEX IF EXISTS compliance_tally_key",
    "DROP INDEX IF EXISTS compliance_bucket_key",
    "DROP INDEX IF EXISTS compliance_fact_key",
]


async def constrain():
    for statement in CREATE:
        await engine_finder().run_ddl(statement)


async def unconstrain():
    for statement in DROP:
        await engine_finder().run_ddl(statement)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="compliance", description=DESCRIPTION)
    manager.add_raw(constrain)
    manager.add_raw_backwards(unconstrain)
    return manager
