"""The append-only audit log: each entry carries a hash over the previous entry and itself.

`record` must run inside the use case's write transaction, so an entry exists exactly when
the change it describes was committed. Deleting or editing an entry breaks the chain, which
`verify` (the `labour-democracy audit verify` command) reports. Entries name records by id and
never copy personal data into `details`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from labour_democracy import db
from labour_democracy.core.permissions import Actor
from labour_democracy.core.tables import AuditEntry

GENESIS = "0" * 64
_APPEND_LOCK = 0x4C44_4155  # any constant; names the audit chain's advisory lock


def _digest(fields: dict[str, Any]) -> str:
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


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


async def record(
    actor: Actor,
    action: str,
    record_type: str,
    record_id: int | str,
    enterprise_id: int | None = None,
    **details: Any,
) -> None:
    await db.serialise_appends(_APPEND_LOCK)
    last = (
        await AuditEntry.select(AuditEntry.seq, AuditEntry.hash)
        .order_by(AuditEntry.seq, ascending=False)
        .first()
    )
    entry = {
        "seq": (last["seq"] + 1) if last else 1,
        "at": dt.datetime.now(dt.UTC),
        "actor_id": actor.id,
        "actor": actor.label,
        "action": action,
        "record_type": record_type,
        "record_id": str(record_id),
        "enterprise_id": enterprise_id,
        "details": json.dumps(details, sort_keys=True, ensure_ascii=False, default=str),
        "prev_hash": last["hash"] if last else GENESIS,
    }
    entry["hash"] = _digest(_hashed_fields(entry))
    await AuditEntry.insert(AuditEntry(**entry))


@dataclass(frozen=True)
class VerifyReport:
    entries: int
    head: str
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


async def verify(batch_size: int = 5000) -> VerifyReport:
    problems: list[str] = []
    expected_seq, prev_hash, count = 1, GENESIS, 0
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
            if _digest(_hashed_fields(row)) != row["hash"]:
                problems.append(f"entry {row['seq']}: changed after it was written")
            expected_seq, prev_hash = row["seq"] + 1, row["hash"]
        after = rows[-1]["seq"]
    return VerifyReport(entries=count, head=prev_hash, problems=problems)
