"""Composite unique indexes, the append-only audit log (no UPDATE, DELETE or TRUNCATE).

Written by hand because Piccolo's generator cannot express it; it imports no application code
(the statements are spelt out here), so it means the same whatever the code becomes."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-12-06T04:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "worker codes, public tokens, append-only audit log"

CREATE = [
    "CREATE UNIQUE INDEX worker_code_key ON worker (enterprise, employee_code)",
    "CREATE UNIQUE INDEX enterprise_public_token_key ON enterprise (public_token)",
]
DROP = [
    "DROP INDEX IF EXISTS enterprise_public_token_key",
    "DROP INDEX IF EXISTS worker_code_key",
]


# The audit log is append-only in the database itself: a row is never changed or removed, and
# on PostgreSQL the table cannot be truncated (row triggers never see a TRUNCATE). SQLite has no
# TRUNCATE; its DELETE without WHERE fires the row trigger.
SQLITE_AUDIT = [
    "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END",
    "CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END",
]
SQLITE_AUDIT_DROP = [
    "DROP TRIGGER IF EXISTS audit_entry_no_update",
    "DROP TRIGGER IF EXISTS audit_entry_no_delete",
]
POSTGRES_AUDIT = [
    "CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$ "
    "BEGIN RAISE EXCEPTION 'audit_entry is append-only'; END $$ LANGUAGE plpgsql",
    "CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry "
    "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()",
    "CREATE OR REPLACE FUNCTION audit_entry_no_truncate() RETURNS trigger AS $$ "
    "BEGIN RAISE EXCEPTION 'audit_entry cannot be truncated'; END $$ LANGUAGE plpgsql",
    "CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_no_truncate()",
]
POSTGRES_AUDIT_DROP = [
    "DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_entry",
    "DROP FUNCTION IF EXISTS audit_entry_no_truncate()",
    "DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_entry",
    "DROP FUNCTION IF EXISTS audit_entry_append_only()",
]


def _statements(sqlite: list[str], postgres: list[str]) -> list[str]:
    return sqlite if engine_finder().engine_type == "sqlite" else postgres


async def guard_audit_log():
    for statement in _statements(SQLITE_AUDIT, POSTGRES_AUDIT):
        await engine_finder().run_ddl(statement)


async def lift_audit_log_guards():
    """Also what the tests call to tamper with the log as a database superuser could."""
    for statement in _statements(SQLITE_AUDIT_DROP, POSTGRES_AUDIT_DROP):
        await engine_finder().run_ddl(statement)


async def constrain():
    for statement in CREATE:
        await engine_finder().run_ddl(statement)
    await guard_audit_log()


async def unconstrain():
    await lift_audit_log_guards()
    for statement in DROP:
        await engine_finder().run_ddl(statement)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="core", description=DESCRIPTION)
    manager.add_raw(constrain)
    manager.add_raw_backwards(unconstrain)
    return manager
