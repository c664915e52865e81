"""Backup and restore (sao lưu và khôi phục dữ liệu), the same file on both engines.

A backup is a zip file:

- `manifest.json`: the format and its version, when and from which engine it was made, each
  table with its row count, the migrations the database had (a restore needs the same
  schema), and the audit log's head (count and hash);
- `tables/<name>.jsonl`: every row of every table of the app, one JSON object a line, tables
  in the order of their foreign keys, rows in primary-key order (a row that references another
  row of its own table after it: parents first).

Why this format rather than `pg_dump` or SQLite's backup API: one tool on both engines, no
server binaries of the right major version needed, a file a person can open, and a site can
move from SQLite to PostgreSQL by backing up on one and restoring on the other. The cost is
speed (rows go through Python), which at this app's sizes (a province's roster is some
hundred thousand rows) is minutes, not hours. The database is read in one transaction, so the
backup is one consistent moment even while the app keeps serving.

A restore goes into a database just made by `labour-democracy migrate` with the version that
made the backup: it refuses a database that already holds data, a schema with other
migrations, and an audit log that does not verify with this installation's LD_SECRET_KEY (the
key is not in the backup; keep it with the backups, apart from them). Everything is written
in one transaction; the audit anchor in the data directory is then set to the restored head.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import json
import os
import uuid
import zipfile
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from piccolo.apps.migrations.tables import Migration
from piccolo.columns import (
    JSON,
    JSONB,
    UUID,
    Boolean,
    Bytea,
    Date,
    Decimal,
    Interval,
    Numeric,
    Time,
    Timestamp,
    Timestamptz,
)
from piccolo.conf.apps import Finder
from piccolo.querystring import QueryString
from piccolo.table import Table, sort_table_classes

from labour_democracy import db
from labour_democracy.core import audit

FORMAT = "labour-democracy-backup"
VERSION = 1
BATCH = 500
# Reference data `migrate` loads (the 2025 map); a restore replaces it with the backup's rows.
# Communes before provinces: a commune refers to its province.
_REFERENCE_TABLES = ("commune", "province")


class BackupError(RuntimeError):
    """The backup cannot be made or restored; the message says why and what to do."""


@dataclass(frozen=True)
class RestoreReport:
    tables: dict[str, int]
    audit: audit.VerifyReport


def tables() -> list[type[Table]]:
    """Every table of the app, each after the tables it references."""
    return sort_table_classes(Finder().get_table_classes())


# Values --------------------------------------------------------------------------------------


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, uuid.UUID | decimal.Decimal):
        return str(value)
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    raise TypeError(f"cannot back up a {type(value).__name__}")


def _decoder(column) -> Any:
    if isinstance(column, Timestamptz | Timestamp):
        return dt.datetime.fromisoformat
    if isinstance(column, Date):
        return dt.date.fromisoformat
    if isinstance(column, Time):
        return dt.time.fromisoformat
    if isinstance(column, Bytea):
        return base64.b64decode
    if isinstance(column, UUID):
        return uuid.UUID
    if isinstance(column, Numeric | Decimal):
        return decimal.Decimal
    if isinstance(column, Interval):
        return lambda seconds: dt.timedelta(seconds=seconds)
    if isinstance(column, Boolean):
        return bool  # SQLite hands back 0 and 1
    if isinstance(column, JSON | JSONB):
        return lambda value: value if isinstance(value, str) else json.dumps(value)
    return None


def _decode_row(table: type[Table], row: dict[str, Any]) -> dict[str, Any]:
    decoded = dict(row)
    for column in table._meta.columns:
        name = column._meta.name
        if name not in decoded:
            raise BackupError(f"{table._meta.tablename}: the backup has no column {name}")
        decode = _decoder(column)
        if decode is not None and decoded[name] is not None:
            decoded[name] = decode(decoded[name])
    return decoded


# Backup --------------------------------------------------------------------------------------


async def _rows(table: type[Table]) -> AsyncIterator[dict[str, Any]]:
    key = table._meta.primary_key
    last = None
    while True:
        query = table.select().order_by(key).limit(BATCH)
        if last is not None:
            query = query.where(key > last)
        rows = await query
        if not rows:
            return
        for row in rows:
            yield row
        last = rows[-1][key._meta.name]


async def _migrations() -> list[list[str]]:
    rows = await Migration.select(Migration.app_name, Migration.name)
    return sorted([row["app_name"], row["name"]] for row in rows)


async def backup(path: Path) -> dict[str, Any]:
    """Write every table to `path` (replaced only once the file is complete)."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.partial")
    engine = db.engine()
    counts: dict[str, int] = {}
    head = audit.Anchor(0, audit.GENESIS)
    try:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            async with engine.transaction():
                if not db.is_sqlite():
                    # One moment for every table, while the app keeps writing.
                    await engine.run_querystring(
                        QueryString("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                    )
                migrations = await _migrations()
                for table in tables():
                    name = table._meta.tablename
                    count = 0
                    with archive.open(f"tables/{name}.jsonl", "w") as member:
                        async for row in _rows(table):
                            line = json.dumps(row, default=_encode, ensure_ascii=False)
                            member.write(line.encode() + b"\n")
                            count += 1
                            if table is audit.AuditEntry:
                                head = audit.Anchor(row["seq"], row["hash"])
                    counts[name] = count
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "engine": "sqlite" if db.is_sqlite() else "postgresql",
                "tables": counts,
                "migrations": migrations,
                "audit": {"entries": head.entries, "head": head.head},
            }
            archive.writestr("manifest.json", json.dumps(manifest, indent=1))
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return manifest


# Restore -------------------------------------------------------------------------------------


def _read_manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError) as error:
        raise BackupError("This is not a labour-democracy backup (no manifest.json).") from error
    if manifest.get("format") != FORMAT:
        raise BackupError("This is not a labour-democracy backup.")
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"This backup has format version {manifest.get('version')}; "
            f"this version of labour-democracy reads version {VERSION}."
        )
    return manifest


def _lines(archive: zipfile.ZipFile, name: str) -> Iterable[dict[str, Any]]:
    with archive.open(f"tables/{name}.jsonl") as member:
        for line in member:
            if line.strip():
                yield json.loads(line)


def _self_references(table: type[Table]) -> list[str]:
    return [
        fk._meta.name
        for fk in table._meta.foreign_key_columns
        if fk._foreign_key_meta.resolved_references is table
    ]


def _parents_first(table: type[Table], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Order rows so a row that references its own table comes after the row it names."""
    own = _self_references(table)
    key = table._meta.primary_key._meta.name
    placed: set[Any] = set()
    ordered: list[dict[str, Any]] = []
    waiting = rows
    while waiting:
        later = []
        for row in waiting:
            if all(row[name] is None or row[name] in placed for name in own):
                ordered.append(row)
                placed.add(row[key])
            else:
                later.append(row)
        if len(later) == len(waiting):
            raise BackupError(f"{table._meta.tablename}: rows reference each other in a circle")
        waiting = later
    return ordered


def _check_audit(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> None:
    previous, seq = audit.GENESIS, 0
    for row in _lines(archive, audit.AuditEntry._meta.tablename):
        row = _decode_row(audit.AuditEntry, row)
        seq += 1
        if row["prev_hash"] != previous or audit._digest(audit._hashed_fields(row)) != row["hash"]:
            raise BackupError(
                f"The backup's audit log does not verify at entry {row['seq']}: it was made with "
                "another LD_SECRET_KEY, or changed. Restore with the secret key of the "
                "installation that made it."
            )
        previous = row["hash"]
    expected = manifest["audit"]
    if (seq, previous) != (expected["entries"], expected["head"]):
        raise BackupError("The backup's audit log does not end where its manifest says.")


async def _insert(table: type[Table], rows: Iterable[dict[str, Any]]) -> None:
    batch: list[Table] = []
    for row in rows:
        batch.append(table(**row))
        if len(batch) == BATCH:
            await table.insert(*batch)
            batch = []
    if batch:
        await table.insert(*batch)


async def _reset_sequences(table: type[Table]) -> None:
    """PostgreSQL: the next id after the restored ones (explicit ids do not move a sequence)."""
    key = table._meta.primary_key
    if db.is_sqlite() or type(key).__name__ not in {"Serial", "BigSerial"}:
        return
    name, column = table._meta.tablename, key._meta.db_column_name
    await db.engine().run_querystring(
        QueryString(
            f"SELECT setval(pg_get_serial_sequence('{name}', '{column}'), "
            f'COALESCE(MAX("{column}"), 1), MAX("{column}") IS NOT NULL) FROM "{name}"'
        )
    )


async def _count(name: str) -> int:
    # Not Table.count(): a table may have a column called "count".
    rows = await db.engine().run_querystring(QueryString(f'SELECT COUNT(*) AS n FROM "{name}"'))
    return rows[0]["n"]


async def restore(path: Path) -> RestoreReport:
    """Restore the backup at `path` into this (migrated, empty) database."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise BackupError(f"{path} is not a backup file: {error}") from error
    with archive:
        manifest = _read_manifest(archive)
        ours = await _migrations()
        if ours != manifest["migrations"]:
            missing = len({tuple(m) for m in manifest["migrations"]} - {tuple(m) for m in ours})
            extra = len({tuple(m) for m in ours} - {tuple(m) for m in manifest["migrations"]})
            raise BackupError(
                f"This database's schema differs from the backup's ({missing} migrations of the "
                f"backup not applied here, {extra} applied here and not in the backup). Install "
                "the version of labour-democracy that made the backup, run "
                "`labour-democracy migrate`, then restore."
            )
        known = {table._meta.tablename: table for table in tables()}
        unknown = set(manifest["tables"]) - set(known)
        if unknown:
            raise BackupError(f"The backup has tables this version does not: {sorted(unknown)}")
        for name in known:
            if name not in _REFERENCE_TABLES and await _count(name):
                raise BackupError(
                    f"This database already holds data (table {name}). Restore into a new, "
                    "empty database made with `labour-democracy migrate`."
                )
        _check_audit(archive, manifest)
        async with db.write_transaction():
            for name in _REFERENCE_TABLES:
                if name in known:
                    await known[name].delete(force=True)
            for name, table in known.items():
                if name not in manifest["tables"]:
                    continue
                rows = (_decode_row(table, row) for row in _lines(archive, name))
                if _self_references(table):
                    await _insert(table, _parents_first(table, list(rows)))
                else:  # streamed: a roster of half a million rows need not fit in memory
                    await _insert(table, rows)
                await _reset_sequences(table)
        counts = {name: await _count(name) for name in manifest["tables"]}
        if counts != manifest["tables"]:
            raise BackupError(f"Restored row counts differ from the backup's: {counts}")
    head = manifest["audit"]
    audit.write_anchor(audit.Anchor(head["entries"], head["head"]), force=True)
    return RestoreReport(tables=counts, audit=await audit.verify())
