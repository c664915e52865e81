"""Shared helpers for benchmarks: a seeded database per engine and a signed-in client.

Settings and the Piccolo engine are read once per process, so a benchmark that compares
engines runs each one in a child process (`run_child`) whose environment is fixed before
anything imports the app (`use_database`).
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import re
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

POSTGRES_HOST = "127.0.0.1"
POSTGRES_PORT = 5432
POSTGRES_SERVER_URL = f"postgresql://postgres@{POSTGRES_HOST}:{POSTGRES_PORT}"
BENCH_DATABASE = "ld_bench"
BENCH_POSTGRES_URL = f"{POSTGRES_SERVER_URL}/{BENCH_DATABASE}"
DEMO_HR_EMAIL = "hr@demo.vn"
DEMO_ENTERPRISE_TAX_CODE = "2300123456"

_CSRF_VALUE = re.compile(r'(name="_csrf_token" value=")[^"]+(")')


def postgres_reachable() -> bool:
    try:
        with socket.create_connection((POSTGRES_HOST, POSTGRES_PORT), timeout=1):
            return True
    except OSError:
        return False


def reset_postgres_database(name: str = BENCH_DATABASE) -> str:
    """Drop and recreate a benchmark's own database (never the tests' or anyone else's);
    returns its URL."""
    import asyncpg

    async def reset() -> None:
        connection = await asyncpg.connect(f"{POSTGRES_SERVER_URL}/postgres")
        try:
            await connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            await connection.execute(f"CREATE DATABASE {name}")
        finally:
            await connection.close()

    asyncio.run(reset())
    return f"{POSTGRES_SERVER_URL}/{name}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def use_database(database_url: str | None) -> Path:
    """Point the app at `database_url` (default: a fresh SQLite file); call before importing it."""
    work_dir = Path(tempfile.mkdtemp(prefix="ld-bench-"))
    os.environ["LD_DATA_DIR"] = str(work_dir / "data")
    os.environ["LD_DATABASE_URL"] = database_url or f"sqlite:///{work_dir / 'bench.sqlite3'}"
    os.environ["LD_SECRET_KEY"] = "benchmark-secret-key-not-for-production"
    os.environ.pop("LD_PRODUCTION", None)
    os.environ.pop("LD_TEMPLATE_DIR", None)
    return work_dir


def run_child(module: str, argv: list[str]) -> list[str]:
    """Run `python -m bench MODULE ARGV...` and return its `key: value` lines."""
    result = subprocess.run(
        [sys.executable, "-m", "bench", module, *argv],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"bench {module} {' '.join(argv)} failed:\n{result.stderr}")
    return [line for line in result.stdout.splitlines() if ": " in line]


async def seed_demo(active_workers: int) -> int:
    """Migrate, load the demo, and grow the demo garment company's roster to `active_workers`.

    Returns that enterprise's id (the one hr@demo.vn manages).
    """
    from piccolo.apps.migrations.commands.forwards import run_forwards

    from labour_democracy.core.demo import load_demo
    from labour_democracy.core.enterprises import workforce
    from labour_democracy.core.tables import Enterprise
    from labour_democracy.db import engine, is_sqlite

    with contextlib.redirect_stdout(io.StringIO()):  # keep the output to `key: value` lines
        result = await run_forwards("all")
    assert result.success, result.message
    await load_demo()
    enterprise = (
        await Enterprise.select(Enterprise.id)
        .where(Enterprise.tax_code == DEMO_ENTERPRISE_TAX_CODE)
        .first()
    )
    enterprise_id = enterprise["id"]
    missing = active_workers - (await workforce(enterprise_id)).count
    if missing > 0:
        await _add_workers(enterprise_id, missing)
    if not is_sqlite():
        # A live PostgreSQL database has planner statistics (autovacuum gathers them); a
        # freshly filled one has none yet and gets plans for empty tables.
        await engine().run_ddl("ANALYZE")
    return enterprise_id


async def enterprise_with_workers(
    name: str, tax_code: str, workers: int, label: str, code_prefix: str
):
    """Migrate; a private enterprise with `workers` workers named "<label> <n>" (employee code
    "<code_prefix><n>"). Returns an administrator's `EnterpriseContext` on it."""
    from piccolo.apps.migrations.commands.forwards import run_forwards

    from labour_democracy.core import rules
    from labour_democracy.core.admin_units import load_provinces
    from labour_democracy.core.names import person_sort_key
    from labour_democracy.core.permissions import SYSTEM
    from labour_democracy.core.scope import EnterpriseContext
    from labour_democracy.core.tables import (
        ContractType,
        Enterprise,
        Gender,
        Ownership,
        Province,
        Role,
        Worker,
    )

    with contextlib.redirect_stdout(io.StringIO()):
        assert (await run_forwards("all")).success
    await load_provinces()
    province = (await Province.select(Province.id).first())["id"]
    enterprise = Enterprise(
        name=name,
        symbol="BENCH",
        tax_code=tax_code,
        ownership=Ownership.PRIVATE_DOMESTIC,
        sector="C",
        address="-",
        province=province,
        legal_representative="Nguyễn Văn A",
        legal_representative_title="Giám đốc",
    )
    await enterprise.save()
    rows = [
        Worker(
            enterprise=enterprise.id,
            employee_code=f"{code_prefix}{i:06d}",
            full_name=f"{label} {i}",
            search_name=rules.fold(f"{label} {i}"),
            sort_key=person_sort_key(f"{label} {i}"),
            gender=Gender.FEMALE,
            contract_type=ContractType.INDEFINITE,
        )
        for i in range(workers)
    ]
    for start in range(0, len(rows), 1000):
        await Worker.insert(*rows[start : start + 1000])
    return EnterpriseContext(SYSTEM, enterprise, frozenset({Role.ADMIN}))


async def add_hr_user(enterprise_id: int, email: str, password: str) -> None:
    """An HR user of the enterprise, to sign the benchmark's clients in."""
    from labour_democracy.core.accounts import hash_password
    from labour_democracy.core.tables import Membership, Role, User

    user = User(email=email, full_name="HR Bench", password_hash=hash_password(password))
    await user.save()
    await Membership(user=user.id, role=Role.HR, enterprise=enterprise_id).save()


async def plan_whole_conference(context) -> int:
    """This year's whole-workforce conference, on 31 December: every worker is a delegate."""
    import datetime as dt

    from labour_democracy.conferences import planning
    from labour_democracy.conferences.schemas import PlanForm
    from labour_democracy.conferences.tables import ConferenceForm

    year = dt.date.today().year
    return await planning.plan_conference(
        context,
        PlanForm(
            year=year,
            held_on=dt.date(year, 12, 31),
            starts_at="08:00",
            venue="Hội trường",
            form=ConferenceForm.WHOLE,
            employer_chair="Nguyễn Văn A",
            union_chair="Trần Thị B",
            secretary="Lê Văn C",
        ),
    )


async def _add_workers(enterprise_id: int, missing: int) -> None:
    import datetime as dt
    import random

    from labour_democracy.core import rules
    from labour_democracy.core.names import person_sort_key
    from labour_democracy.core.tables import ContractType, Gender, OrgUnit, Worker
    from labour_democracy.db import write_transaction

    units = [
        row["id"]
        for row in await OrgUnit.select(OrgUnit.id).where(OrgUnit.enterprise == enterprise_id)
    ]
    generator = random.Random(7)
    family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
    middle = ["Thị", "Văn", "Ngọc", "Đức", "Thu", "Minh"]
    given = ["Lan", "Hùng", "Mai", "Dũng", "Thảo", "Nam", "Hằng", "Sơn", "Yến", "Khánh"]
    workers = []
    for number in range(missing):
        name = " ".join(generator.choice(part) for part in (family, middle, given))
        workers.append(
            Worker(
                enterprise=enterprise_id,
                employee_code=f"BENCH{number:05d}",
                full_name=name,
                search_name=rules.fold(name),
                sort_key=person_sort_key(name),
                gender=generator.choice(list(Gender)),
                org_unit=generator.choice(units),
                position="Công nhân",
                contract_type=generator.choice(list(ContractType)),
                start_date=dt.date(2019, 1, 2) + dt.timedelta(days=generator.randrange(2000)),
                union_member=generator.random() < 0.8,
            )
        )
    async with write_transaction():
        for start in range(0, len(workers), 500):
            await Worker.insert(*workers[start : start + 500])


async def sign_in(client, email: str, password: str) -> None:
    """Sign `client` in through the login form, as a browser does (CSRF cookie first)."""
    await client.get("/login")
    response = await client.post(
        "/login",
        data={"email": email, "password": password},
        headers={"x-csrftoken": client.cookies.get("ld_csrf")},
    )
    assert response.status_code == 303, response.text


def without_csrf_tokens(html: str) -> str:
    """The page with its per-response CSRF tokens blanked, so two renders can be compared."""
    return _CSRF_VALUE.sub(r"\1\2", html)
