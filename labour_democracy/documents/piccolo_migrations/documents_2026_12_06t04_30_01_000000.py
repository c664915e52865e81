"""A document's number is never issued twice (Decree 30/2020, Art. 15): one counter per issuer, type and year.

Written by hand because Piccolo's generator cannot express it; it imports no application code
(the statements are spelt out here), so it means the same whatever the code becomes."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-12-06T04:30:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "document number uniqueness"

CREATE = [
    "CREATE UNIQUE INDEX document_counter_key ON document_counter (enterprise, issuer, type_code, year)",
    "CREATE UNIQUE INDEX issued_document_number_key ON issued_document (enterprise, issuer, type_code, year, number)",
]
DROP = [
    "DROP INDEX IF EXISTS issued_document_number_key",
    "DROP INDEX IF EXISTS document_counter_key",
]


async def constrain():
    for statement in CREATE:
        await engine_finder().run_ddl(statement)


async def unconstrain():
    for statement in DROP:
        await engine_finder().run_ddl(statement)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="documents", description=DESCRIPTION)
    manager.add_raw(constrain)
    manager.add_raw_backwards(unconstrain)
    return manager
