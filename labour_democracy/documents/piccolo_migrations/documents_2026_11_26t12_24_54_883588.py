"""Constraints Piccolo's table definitions cannot express (see labour_democracy.db)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

from labour_democracy import db

ID = "2026-11-26T12:24:54:883588"
VERSION = "1.38.0"
DESCRIPTION = "documents constraints"


async def constraints():
    # One counter row per issuing body, type and year: next_number upserts on this key.
    await db.create_unique_index(
        "document_counter_key", "document_counter", ["enterprise", "issuer", "type_code", "year"]
    )
    # Two issued documents never share a number (Decree 30/2020, Art. 15), whatever the code.
    await db.create_unique_index(
        "issued_document_number_key",
        "issued_document",
        ["enterprise", "issuer", "type_code", "year", "number"],
    )


async def drop_constraints():
    await db.drop_index("issued_document_number_key")
    await db.drop_index("document_counter_key")


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="documents", description=DESCRIPTION)
    manager.add_raw(constraints)
    manager.add_raw_backwards(drop_constraints)
    return manager
