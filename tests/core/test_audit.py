"""The append-only audit log: a hash chain that `verify` (and `audit verify`) checks."""

from __future__ import annotations

import asyncio
import hashlib

import pytest
from click.testing import CliRunner

from labour_democracy import db
from labour_democracy.cli import main
from labour_democracy.core import audit, enterprises
from labour_democracy.core.schemas import OrgUnitForm
from labour_democracy.core.tables import AuditEntry, OrgUnit
from tests import factories
from tests.helpers import record_audit_entries, run_sql


async def _verify_command() -> tuple[int, str]:
    # The command runs its own event loop, so it gets a thread of its own.
    result = await asyncio.to_thread(CliRunner().invoke, main, ["audit", "verify"])
    return result.exit_code, result.output


async def test_each_entry_carries_the_hash_of_the_one_before():
    await record_audit_entries(3)
    rows = await AuditEntry.select().order_by(AuditEntry.seq)
    assert [row["seq"] for row in rows] == [1, 2, 3]
    assert rows[0]["prev_hash"] == audit.GENESIS
    assert [row["prev_hash"] for row in rows[1:]] == [row["hash"] for row in rows[:-1]]
    report = await audit.verify()
    assert report.ok and report.entries == 3 and report.head == rows[-1]["hash"]


async def test_an_empty_log_verifies():
    report = await audit.verify()
    assert report.ok and report.entries == 0 and report.head == audit.GENESIS


async def test_verify_reads_the_log_in_batches_without_losing_the_chain():
    await record_audit_entries(7)
    report = await audit.verify(batch_size=3)
    assert report.ok and report.entries == 7


async def test_the_database_refuses_to_change_an_entry():
    await record_audit_entries(2)
    before = await AuditEntry.select().order_by(AuditEntry.seq)
    with pytest.raises(Exception, match="append-only"):
        async with db.write_transaction():
            await run_sql("UPDATE audit_entry SET action = 'forged' WHERE seq = 1")
    with pytest.raises(Exception, match="append-only"):
        await AuditEntry.update({AuditEntry.actor: "someone else"}).where(AuditEntry.seq == 2)
    assert await AuditEntry.select().order_by(AuditEntry.seq) == before


async def test_the_database_refuses_to_delete_an_entry():
    await record_audit_entries(2)
    with pytest.raises(Exception, match="append-only"):
        async with db.write_transaction():
            await run_sql("DELETE FROM audit_entry WHERE seq = 2")
    with pytest.raises(Exception, match="append-only"):
        await AuditEntry.delete(force=True)
    assert await AuditEntry.count() == 2


async def test_verify_reports_an_edited_entry(tamperable):
    await record_audit_entries(3)
    await run_sql("""UPDATE audit_entry SET details = '{"step": 20}' WHERE seq = 2""")
    report = await audit.verify()
    assert report.problems == ["entry 2: changed after it was written"]


async def test_verify_reports_an_edited_entry_even_when_its_own_hash_was_recomputed(tamperable):
    await record_audit_entries(3)
    forged = hashlib.sha256(b"forged").hexdigest()
    await run_sql(f"UPDATE audit_entry SET hash = '{forged}' WHERE seq = 2")
    report = await audit.verify()
    assert "entry 2: changed after it was written" in report.problems
    assert "entry 3: does not follow the entry before it" in report.problems


async def test_verify_reports_a_deleted_entry(tamperable):
    await record_audit_entries(4)
    await run_sql("DELETE FROM audit_entry WHERE seq IN (2, 3)")
    report = await audit.verify()
    assert report.problems == [
        "entries 2..3 are missing (deleted)",
        "entry 4: does not follow the entry before it",
    ]


async def test_concurrent_audited_actions_still_form_one_unbroken_chain():
    context = await factories.context(await factories.enterprise())
    await asyncio.gather(
        *(
            enterprises.create_org_unit(context, OrgUnitForm(name=f"Tổ sản xuất {n}"))
            for n in range(20)
        )
    )
    assert await OrgUnit.count() == 20
    rows = await AuditEntry.select(AuditEntry.seq, AuditEntry.action).order_by(AuditEntry.seq)
    assert [row["seq"] for row in rows] == list(range(1, 21))
    assert {row["action"] for row in rows} == {"org_unit.created"}
    report = await audit.verify()
    assert report.ok, report.problems


async def test_the_verify_command_exits_0_for_an_intact_log():
    await record_audit_entries(2)
    code, output = await _verify_command()
    assert code == 0, output
    assert "2 entries" in output and "The audit log is intact." in output


async def test_the_verify_command_exits_1_and_names_the_changed_entry(tamperable):
    await record_audit_entries(3)
    await run_sql("UPDATE audit_entry SET actor = 'someone else' WHERE seq = 3")
    code, output = await _verify_command()
    assert code == 1, output
    assert "PROBLEM: entry 3: changed after it was written" in output
    assert "intact" not in output
