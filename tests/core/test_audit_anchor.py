"""The audit log cannot be emptied, rewritten or cut short without `verify` saying so."""

from __future__ import annotations

import asyncio
import hashlib
import json

import pytest
from click.testing import CliRunner

from labour_democracy import db
from labour_democracy.cli import main
from labour_democracy.core import audit
from labour_democracy.core.permissions import SYSTEM
from labour_democracy.core.tables import AuditEntry
from tests.helpers import record_audit_entries, run_sql


async def _verify_command(*args: str) -> tuple[int, str]:
    result = await asyncio.to_thread(CliRunner().invoke, main, ["audit", "verify", *args])
    return result.exit_code, result.output


async def test_an_intact_log_passes_and_its_anchor_follows_each_commit():
    await record_audit_entries(3)
    rows = await AuditEntry.select().order_by(AuditEntry.seq)
    assert audit.read_anchor() == audit.Anchor(3, rows[-1]["hash"])
    report = await audit.verify()
    assert report.ok, report.problems
    assert report.entries == 3 and report.anchor == audit.Anchor(3, rows[-1]["hash"])
    code, output = await _verify_command()
    assert code == 0, output
    assert "Anchor: 3 entries" in output and "The audit log is intact." in output


async def test_a_rolled_back_entry_is_not_anchored():
    await record_audit_entries(2)
    with pytest.raises(RuntimeError):
        async with db.write_transaction():
            await audit.record(SYSTEM, "test.done", "thing", 3, None)
            raise RuntimeError("the use case failed after auditing")
    assert audit.read_anchor().entries == 2
    assert (await audit.verify()).ok


async def test_the_anchor_file_is_replaced_whole():
    await record_audit_entries(1)
    data = json.loads(audit.anchor_path().read_text())
    assert set(data) == {"entries", "head", "written_at"}
    assert not list(audit.anchor_path().parent.glob(".audit-anchor.json.*"))


async def test_the_database_refuses_to_empty_the_log():
    await record_audit_entries(3)
    statement = "DELETE FROM audit_entry" if db.is_sqlite() else "TRUNCATE audit_entry"
    with pytest.raises(Exception, match=r"append-only|cannot be truncated"):
        async with db.write_transaction():
            await run_sql(statement)
    if not db.is_sqlite():
        with pytest.raises(Exception, match="cannot be truncated"):
            await run_sql("TRUNCATE audit_entry CASCADE")
    assert await AuditEntry.count() == 3


async def test_an_emptied_log_is_reported_against_the_anchor(tamperable):
    await record_audit_entries(3)
    await run_sql("DELETE FROM audit_entry" if db.is_sqlite() else "TRUNCATE audit_entry")
    report = await audit.verify()
    assert report.entries == 0
    assert report.problems == ["the log has 0 entries; the anchor says 3: 3 newest entries missing"]


async def test_a_deleted_tail_is_reported_with_what_is_missing(tamperable):
    await record_audit_entries(7)
    await run_sql("DELETE FROM audit_entry WHERE seq > 5")
    report = await audit.verify()
    assert report.problems == ["the log has 5 entries; the anchor says 7: 2 newest entries missing"]
    code, output = await _verify_command()
    assert code == 1
    assert "PROBLEM: the log has 5 entries; the anchor says 7: 2 newest entries missing" in output


def _rechain(rows: list[dict], digest) -> list[tuple[int, str, str]]:
    """Recompute every hash from the first row on, as someone rewriting the log would."""
    updates, previous = [], audit.GENESIS
    for row in rows:
        row = {**row, "prev_hash": previous}
        fields = audit._hashed_fields(row)
        canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        row["hash"] = digest(canonical.encode())
        updates.append((row["seq"], row["prev_hash"], row["hash"]))
        previous = row["hash"]
    return updates


@pytest.mark.parametrize(
    "digest",
    [
        pytest.param(lambda data: hashlib.sha256(data).hexdigest(), id="plain-sha256"),
        pytest.param(
            lambda data: __import__("hmac").new(b"guessed key", data, "sha256").hexdigest(),
            id="wrong-key",
        ),
    ],
)
async def test_a_rewritten_and_rechained_entry_is_detected(tamperable, digest):
    await record_audit_entries(4)
    rows = await AuditEntry.select().order_by(AuditEntry.seq)
    rows[1]["details"] = '{"step": 20}'
    for seq, previous, new_hash in _rechain(rows, digest):
        await run_sql(
            f"UPDATE audit_entry SET prev_hash = '{previous}', hash = '{new_hash}', "
            f"details = '{rows[seq - 1]['details']}' WHERE seq = {seq}"
        )
    report = await audit.verify()
    assert "entry 2: changed after it was written" in report.problems
    assert "entry 4: differs from the anchor (the log was rewritten)" in report.problems
    assert not report.ok


async def test_the_anchor_printed_on_a_document_can_be_checked(tamperable):
    await record_audit_entries(5)
    printed = audit.read_anchor().short  # what an issued document shows
    code, output = await _verify_command("--anchor", printed)
    assert code == 0, output
    await run_sql("DELETE FROM audit_entry WHERE seq = 5")
    audit.anchor_path().unlink()  # someone with the database and the disk, not the paper
    code, output = await _verify_command("--anchor", printed)
    assert code == 1
    assert "the anchor says 5: 1 newest entry missing" in output
    code, output = await _verify_command("--anchor", "5·nothex")
    assert code == 2 and "ENTRIES·HASH" in output


async def test_without_an_anchor_verify_says_the_tail_is_unchecked():
    await record_audit_entries(1)
    audit.anchor_path().unlink()
    code, output = await _verify_command()
    assert code == 0
    assert "No anchor at" in output


async def test_every_issued_document_prints_the_anchor():
    import io

    from docx import Document

    from labour_democracy.documents import engine

    template = Document()
    template.add_paragraph("{{ title }}")
    source = io.BytesIO()
    template.save(source)
    await record_audit_entries(4)
    anchor = audit.read_anchor()
    issued = Document(io.BytesIO(engine.render_bytes(source.getvalue(), {"title": "Thông báo"})))
    footer = "\n".join(p.text for p in issued.sections[0].footer.paragraphs)
    assert f"Nhật ký: 4·{anchor.head[:16]}" in footer
    assert issued.core_properties.identifier == f"audit 4 {anchor.head}"
    code, output = await _verify_command("--anchor", footer.split("Nhật ký: ")[1].strip())
    assert code == 0, output
