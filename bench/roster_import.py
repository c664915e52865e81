"""`python -m bench roster_import [--rows N]`: import a 10,000-worker .xlsx roster.

Times what a person waits for, through the same use cases as the pages: the upload (the
file read and its rows counted), the mapping step (header found, columns proposed, preview)
and the import (every row read, validated and written in one transaction). Then the same
file with every worker's position changed, imported again (every row an update).

The engine is LD_DATABASE_URL's; without it a fresh SQLite file in a temporary directory.
Prints `import_10k_seconds` (goal < 10), `update_10k_seconds`, `rows`, `engine`, and the
parts of the first import.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import secrets
import shutil
import tempfile
import time
from pathlib import Path

UNITS = ("Tổ may 1A", "Tổ may 1B", "Xưởng cắt", "Kho vận", "Phòng Kế toán", "Xưởng may 1")
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô")
MIDDLE = ("Thị", "Văn", "Ngọc", "Đức", "Thu", "Minh")
GIVEN = ("Lan", "Hùng", "Mai", "Dũng", "Thảo", "Nam", "Hằng", "Sơn", "Yến", "Khánh")


def _environment() -> Path:
    """Point the app at the benchmark's database before anything reads the settings."""
    work_dir = Path(tempfile.mkdtemp(prefix="ld-bench-import-"))
    os.environ.setdefault("LD_DATA_DIR", str(work_dir / "data"))
    os.environ.setdefault("LD_DATABASE_URL", f"sqlite:///{work_dir / 'bench.sqlite3'}")
    os.environ.setdefault("LD_SECRET_KEY", "benchmark-secret-key-not-for-production")
    return work_dir


def _workbook(count: int, position: str) -> bytes:
    from labour_democracy.core.roster_export import ExportRow, workbook_bytes
    from labour_democracy.core.tables import ContractType, Gender

    rows = []
    for number in range(count):
        name = f"{FAMILY[number % 10]} {MIDDLE[number // 10 % 6]} {GIVEN[number // 60 % 10]}"
        rows.append(
            ExportRow(
                employee_code=f"B{number:06d}",
                full_name=name,
                gender=Gender.FEMALE if number % 3 else Gender.MALE,
                unit=UNITS[number % len(UNITS)],
                position=position,
                contract_type=list(ContractType)[number % 3],
                start_date=dt.date(2018, 1, 2) + dt.timedelta(days=number % 2500),
                end_date=None,
                nationality="VN",
                union_member=number % 5 != 0,
                phone=f"09{number:08d}",
                email=None,
            )
        )
    return workbook_bytes(rows)


async def _enterprise_context():
    from labour_democracy.core.permissions import SYSTEM
    from labour_democracy.core.scope import EnterpriseContext
    from labour_democracy.core.tables import Enterprise, OrgUnit, Province, Role

    province = await Province.select(Province.id).first()
    enterprise = Enterprise(
        name="Công ty TNHH Đo tốc độ nhập danh sách",
        symbol="BENCH",
        tax_code=f"{secrets.randbelow(10**10):010d}",
        ownership="private_domestic",
        sector="C",
        address="Khu công nghiệp Quế Võ",
        province=province["id"],
        legal_representative="Nguyễn Văn A",
        legal_representative_title="Giám đốc",
    )
    await enterprise.save()
    for name in UNITS:
        await OrgUnit(enterprise=enterprise.id, name=name).save()
    return EnterpriseContext(actor=SYSTEM, enterprise=enterprise, roles=frozenset({Role.ADMIN}))


async def _import(context, content: bytes) -> tuple[dict[str, float], object]:
    from labour_democracy.core.roster_import import applying, preview, uploading

    timings: dict[str, float] = {}
    started = time.perf_counter()
    upload_id = await uploading.upload(context, "bench.xlsx", content)
    timings["upload"] = time.perf_counter() - started
    prepared = await preview.prepare(context, upload_id)
    timings["mapping"] = time.perf_counter() - started - timings["upload"]
    summary = await applying.run_import(context, upload_id, prepared.options)
    timings["total"] = time.perf_counter() - started
    timings["write"] = timings["total"] - timings["upload"] - timings["mapping"]
    return timings, summary


async def _run(count: int) -> None:
    from piccolo.apps.migrations.commands.forwards import run_forwards

    from labour_democracy import db
    from labour_democracy.core.admin_units import load_provinces
    from labour_democracy.settings import get_settings

    settings = get_settings()
    result = await run_forwards("all")
    assert result.success, result.message
    await load_provinces()
    async with db.connection_pool(settings):
        context = await _enterprise_context()
        first = _workbook(count, "Công nhân may")
        second = _workbook(count, "Công nhân may bậc 2")
        timings, summary = await _import(context, first)
        assert summary.added == count, summary
        update_timings, update_summary = await _import(context, second)
        assert update_summary.updated == count, update_summary
    print(f"import_10k_seconds: {timings['total']:.2f}")
    print(f"update_10k_seconds: {update_timings['total']:.2f}")
    print(f"rows: {count}")
    print(f"engine: {'sqlite' if settings.is_sqlite else 'postgresql'}")
    print(f"file_bytes: {len(first)}")
    for part in ("upload", "mapping", "write"):
        print(f"import_{part}_seconds: {timings[part]:.2f}")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench roster_import")
    parser.add_argument("--rows", type=int, default=10_000, help="workers in the file")
    arguments = parser.parse_args(argv)
    work_dir = _environment()
    try:
        asyncio.run(_run(arguments.rows))
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)
