"""The tallies read by the sector level: a province's rows of one section or of every section
("*") by year and union (covering what the page sums), and the province rows of the country by
year, replace the indexes that did not name the sector (a page read its rows only to drop those
of the other level).

Written by hand because Piccolo's generator cannot express it; it imports no application code
(the statements are spelt out here), so it means the same whatever the code becomes."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-12-06T09:35:36:000000"
VERSION = "1.38.0"
DESCRIPTION = "compliance tallies read by sector level"

CREATE = [
    "DROP INDEX IF EXISTS compliance_tally_province",
    "DROP INDEX IF EXISTS compliance_tally_level",
    # Every column a page reads, in the order it groups by: SQLite answers from the index alone.
    "CREATE INDEX compliance_tally_read ON compliance_tally (province, sector, year, upper_union,"
    " obligation, ownership, band, met, not_met, nothing_due, done, total)",
    "CREATE INDEX compliance_tally_national ON compliance_tally (upper_union, sector, year)",
]
DROP = [
    "DROP INDEX IF EXISTS compliance_tally_national",
    "DROP INDEX IF EXISTS compliance_tally_read",
    "CREATE INDEX compliance_tally_province ON compliance_tally (province, year, upper_union)",
    "CREATE INDEX compliance_tally_level ON compliance_tally (upper_union, year)",
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
