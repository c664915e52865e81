"""The append-only audit log (nhật ký kiểm toán): a keyed hash chain anchored outside the database.

`record` must run inside the use case's write transaction, so an entry exists exactly when
the change it describes was committed. Three defences, each against a different attack:

- the database refuses UPDATE, DELETE and (PostgreSQL) TRUNCATE on the table (db.py triggers);
- each entry's hash is an HMAC over the entry and the previous hash, keyed by a secret derived
  from LD_SECRET_KEY, which is not in the database: someone who can write to the database but
  does not hold the secret cannot rewrite an entry and recompute the chain after it;
- the head (entry count and hash) is anchored outside the database: written to
  `DATA_DIR/audit-anchor.json` after every commit that appended, and printed on every issued
  document. Deleting the newest entries leaves an intact-looking chain; only the anchor shows
  that it is shorter than it was.

`verify` (the `labour-democracy audit verify` command) reports what is changed or missing.
Entries name records by id and never copy personal data into `details`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from labour_democracy import db
from labour_democracy.core.permissions import Actor
from labour_democracy.core.tables import AuditEntry
from labour_democracy.settings import get_settings

log = logging.getLogger("labour_democracy")

GENESIS = "0" * 64
ANCHOR_FILE = "audit-anchor.json"
_APPEND_LOCK = 0x4C44_4155  # any constant; names the audit chain's advisory lock


def _key() -> bytes:
    return get_settings().key("audit-chain")


def _digest(fields: dict[str, Any]) -> str:
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hmac.new(_key(), canonical.encode(), hashlib.sha256).hexdigest()


def _hashed_fields(entry: dict[str, Any]) -> dict[str, Any]:
    at = entry["at"]
    return {
        "seq": entry["seq"],
        "at": at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor_id": entry["actor_id"],
        "actor": entry["actor"],
        "action": entry["action"],
        "record_type": entry["record_type"],
        "record_id": entry["record_id"],
        "enterprise_id": entry["enterprise_id"],
        "details": entry["details"],
        "prev_hash": entry["prev_hash"],
    }


# The anchor ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Anchor:
    """The head of the log as last seen committed: how many entries, and the newest's hash
    (or, when read from a document, the start of it)."""

    entries: int
    head: str

    @property
    def short(self) -> str:
        """What a document prints: enough of the hash to compare by eye."""
        return f"{self.entries}·{self.head[:16]}"


def anchor_path() -> Path:
    return get_settings().data_dir / ANCHOR_FILE


def read_anchor(path: Path | None = None) -> Anchor | None:
    try:
        data = json.loads((path or anchor_path()).read_text(encoding="utf-8"))
        return Anchor(entries=int(data["entries"]), head=str(data["head"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_anchor(anchor: Anchor, *, force: bool = False) -> None:
    """Replace the anchor file atomically (write a temporary file, then rename over it).

    Only ever moves forward: two processes committing entries 5 and 6 may write in either order,
    and the anchor must not claim fewer entries than it already saw. `force` is for a restore.
    """
    path = anchor_path()
    if not force:
        current = read_anchor(path)
        if current is not None and current.entries >= anchor.entries:
            return
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(
        json.dumps(
            {
                "entries": anchor.entries,
                "head": anchor.head,
                "written_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            }
        ),
        encoding="utf-8",
    )
    os.replace(temporary, path)


def _write_committed(anchor: Anchor) -> None:
    # The change is committed whatever happens here: a full disk must not turn it into an
    # error page. The anchor only lags; `audit verify` still checks the chain.
    try:
        write_anchor(anchor)
    except OSError:
        log.exception("Could not write the audit anchor %s", anchor_path())


async def current_head() -> Anchor:
    last = (
        await AuditEntry.select(AuditEntry.seq, AuditEntry.hash)
        .order_by(AuditEntry.seq, ascending=False)
        .first()
    )
    return Anchor(last["seq"], last["hash"]) if last else Anchor(0, GENESIS)


# Writing --------------------------------------------------------------------------------------


async def record(
    actor: Actor,
    action: str,
    record_type: str,
    record_id: int | str,
    enterprise_id: int | None = None,
    **details: Any,
) -> None:
    await db.serialise_appends(_APPEND_LOCK)
    last = await current_head()
    entry = {
        "seq": last.entries + 1,
        "at": dt.datetime.now(dt.UTC),
        "actor_id": actor.id,
        "actor": actor.label,
        "action": action,
        "record_type": record_type,
        "record_id": str(record_id),
        "enterprise_id": enterprise_id,
        "details": json.dumps(details, sort_keys=True, ensure_ascii=False, default=str),
        "prev_hash": last.head,
    }
    entry["hash"] = _digest(_hashed_fields(entry))
    await AuditEntry.insert(AuditEntry(**entry))
    # Anchored once committed: a rolled-back entry must not be anchored, or `verify` would
    # report it missing.
    anchor = Anchor(entry["seq"], entry["hash"])
    db.on_commit(lambda: _write_committed(anchor))


# Checking -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VerifyReport:
    entries: int
    head: str
    problems: list[str]
    anchor: Anchor | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


async def verify(batch_size: int = 5000, anchor: Anchor | None = None) -> VerifyReport:
    """Check every entry's keyed hash and the chain, then the chain against the anchor (the
    file in the data directory unless one is given, e.g. copied from an issued document)."""
    problems: list[str] = []
    anchor = anchor or read_anchor()
    expected_seq, prev_hash, count = 1, GENESIS, 0
    anchored_hash: str | None = None
    after = 0
    while True:
        rows = (
            await AuditEntry.select()
            .where(AuditEntry.seq > after)
            .order_by(AuditEntry.seq)
            .limit(batch_size)
        )
        if not rows:
            break
        for row in rows:
            count += 1
            if row["seq"] != expected_seq:
                problems.append(f"entries {expected_seq}..{row['seq'] - 1} are missing (deleted)")
            if row["prev_hash"] != prev_hash:
                problems.append(f"entry {row['seq']}: does not follow the entry before it")
            if not hmac.compare_digest(_digest(_hashed_fields(row)), row["hash"]):
                problems.append(f"entry {row['seq']}: changed after it was written")
            if anchor is not None and row["seq"] == anchor.entries:
                anchored_hash = row["hash"]
            expected_seq, prev_hash = row["seq"] + 1, row["hash"]
        after = rows[-1]["seq"]
    last_seq = expected_seq - 1
    if anchor is not None:
        if anchor.entries > last_seq:
            missing = anchor.entries - last_seq
            problems.append(
                f"the log has {last_seq} entries; the anchor says {anchor.entries}: "
                f"{missing} newest {'entry' if missing == 1 else 'entries'} missing"
            )
        elif anchor.entries and not (anchored_hash or "").startswith(anchor.head):
            problems.append(
                f"entry {anchor.entries}: differs from the anchor (the log was rewritten)"
            )
    return VerifyReport(entries=count, head=prev_hash, problems=problems, anchor=anchor)
