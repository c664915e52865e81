"""`labour-democracy backup` and `restore`: a restore into an empty database of the engine under
test gives every table back, equal, and an audit log that verifies."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from labour_democracy.core import audit
from labour_democracy.core import backup as backups
from labour_democracy.core.demo import load_demo
from labour_democracy.core.tables import OrgUnit
from tests import factories
from tests.scratch_database import migrated_database_url
from tests.test_cli import Installation


def _tables(path: Path) -> dict[str, list[dict]]:
    with zipfile.ZipFile(path) as archive:
        return {
            name.removeprefix("tables/").removesuffix(".jsonl"): [
                json.loads(line) for line in archive.read(name).splitlines() if line.strip()
            ]
            for name in archive.namelist()
            if name.startswith("tables/")
        }


@pytest.fixture
async def source(tmp_path) -> Path:
    """The suite's database with the demo data, a unit whose parent came later, and a backup."""
    await load_demo()
    enterprise = await factories.enterprise(name="Công ty Sao Lưu")
    child = await factories.org_unit(enterprise, name="Tổ 1")
    parent = await factories.org_unit(enterprise, name="Xưởng 2")
    await OrgUnit.update({OrgUnit.parent: parent}).where(OrgUnit.id == child)
    path = tmp_path / "backup.zip"
    manifest = await backups.backup(path)
    head = await audit.current_head()
    assert manifest["audit"] == {"entries": head.entries, "head": head.head}
    assert manifest["tables"]["vote"] > 0 and manifest["tables"]["issued_document"] > 0
    return path


@pytest.fixture
def empty(tmp_path):
    """A migrated, empty installation (a copy of one `labour-democracy migrate` made)."""
    directory = tmp_path / "restored"
    directory.mkdir()
    with migrated_database_url(directory) as url:
        yield Installation(directory, url)


async def test_a_restore_gives_every_table_back_and_the_audit_log_verifies(source, empty):
    again = empty.directory / "again.zip"
    done, verified, backed_up, created = empty.commands(
        ("restore", str(source)),
        ("audit", "verify"),
        ("backup", str(again)),
        # New rows get new ids after the restored ones (PostgreSQL sequences were moved on).
        (
            *("create-user", "--email", "new@restored.vn", "--name", "Mới", "--role", "admin"),
            *("--password", "a-long-enough-password"),
        ),
    )
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert "The audit log is intact" in done.stdout
    assert verified.returncode == 0, verified.stdout
    assert "The audit log is intact." in verified.stdout and "Anchor:" in verified.stdout
    assert backed_up.returncode == 0, backed_up.stderr[-2000:]
    original, restored = _tables(source), _tables(again)
    assert set(original) == {table._meta.tablename for table in backups.tables()}
    for name in original:
        assert restored[name] == original[name], name
    assert created.returncode == 0, created.stderr[-2000:]


async def test_restore_refuses_a_database_that_holds_data(source, empty):
    first, again = empty.commands(("restore", str(source)), ("restore", str(source)))
    assert first.returncode == 0, first.stderr[-2000:]
    assert again.returncode == 1
    assert "already holds data" in again.stderr
    # The users of the first restore, none added by the second.
    assert empty.count("app_user") == len(_tables(source)["app_user"])


async def test_restore_refuses_a_log_made_with_another_secret_key(source, empty):
    done = empty.cli("restore", str(source), env={"LD_SECRET_KEY": "another-installation-key"})
    assert done.returncode == 1
    assert "another LD_SECRET_KEY" in done.stderr
    assert empty.count("audit_entry") == 0 and empty.count("worker") == 0


async def test_restore_refuses_a_file_that_is_not_a_backup(empty, tmp_path):
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    done = empty.cli("restore", str(junk))
    assert done.returncode == 1 and "is not a backup file" in done.stderr
