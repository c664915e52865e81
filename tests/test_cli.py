"""The `labour-democracy` command, run as a person would: a subprocess on a scratch database.

Starting the command costs about a second of CPU (it imports every module), so a test about a
command's logic runs its commands in one process (`Installation.commands`, Click's runner);
`reminders send`, `migrate` and the refusals to start in production each get a fresh process
of their own, as at a terminal. The tests read and tamper with the database directly
(tests/scratch_database.run_sql), not through a process of their own.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from labour_democracy.core.piccolo_migrations import core_2026_12_06t04_30_00_000000 as guards
from labour_democracy.settings import DEFAULT_SECRET_KEY
from tests.scratch_database import COMMAND, migrated_database_url, run_sql, scratch_database_url

# Several commands in one process: each through Click's runner, as `main` would run it from a
# terminal (its output, its exit code); the results go to the file named last.
_COMMANDS = """
import json, sys, traceback

from click.testing import CliRunner

from labour_democracy.cli import main

results = []
for args in json.loads(sys.argv[1]):
    result = CliRunner().invoke(main, args)
    stderr = result.stderr
    if result.exc_info and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(*result.exc_info))
    results.append({"returncode": result.exit_code, "stdout": result.stdout, "stderr": stderr})
with open(sys.argv[2], "w", encoding="utf-8") as file:
    json.dump(results, file)
"""

_SIGN_IN = """
import sys

from litestar.testing import TestClient

from labour_democracy.app import create_app

with TestClient(create_app(), base_url="http://testserver.local") as client:
    client.get("/login")
    response = client.post(
        "/login",
        data={"email": sys.argv[1], "password": sys.argv[2]},
        headers={"x-csrftoken": client.cookies.get("ld_csrf")},
        follow_redirects=False,
    )
    home = client.get("/", follow_redirects=False)
    print(response.status_code, home.status_code, home.headers.get("location"))
"""


class Installation:
    """A data directory and database of its own, driven through the command line."""

    def __init__(self, directory: Path, database_url: str) -> None:
        self.directory = directory
        self.database_url = database_url
        self.env = {
            **os.environ,
            "LD_DATA_DIR": str(directory),
            "LD_DATABASE_URL": database_url,
            "LD_DEFAULT_LANGUAGE": "en",  # the messages below are the English msgids
        }

    def run(self, *args: str, env: dict | None = None, timeout: int = 120):
        return subprocess.run(
            args,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.directory,
        )

    def cli(self, *args: str, **kwargs):
        return self.run(COMMAND, *args, **kwargs)

    def python(self, script: str, *args: str, **kwargs):
        return self.run(sys.executable, "-c", script, *args, **kwargs)

    def commands(self, *commands: tuple[str, ...], **kwargs) -> list[SimpleNamespace]:
        """Run each command in turn in one process; each result has `returncode`, `stdout`
        and `stderr` like a finished process."""
        results = self.directory / "results.json"
        results.unlink(missing_ok=True)
        arguments = json.dumps([list(command) for command in commands])
        done = self.python(_COMMANDS, arguments, str(results), **kwargs)
        assert done.returncode == 0 and results.exists(), done.stderr[-3000:]
        return [SimpleNamespace(**result) for result in json.loads(results.read_text("utf-8"))]

    def query(self, *sql: str) -> list[dict]:
        return run_sql(self.database_url, *sql)

    def count(self, table: str) -> int:
        return self.query(f"SELECT COUNT(*) AS n FROM {table}")[0]["n"]


def _migrated(directory: Path, url: str) -> Installation:
    installation = Installation(directory, url)
    done = installation.cli("migrate")
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Database is up to date." in done.stdout
    return installation


@pytest.fixture(scope="module")
def installation(tmp_path_factory):
    """One migrated installation with the demo data, shared by the tests that only add to it."""
    directory = tmp_path_factory.mktemp("cli")
    with scratch_database_url(directory) as url:
        installation = _migrated(directory, url)
        done = installation.cli("demo")
        assert done.returncode == 0, done.stderr[-3000:]
        installation.first_demo_output = done.stdout
        yield installation


@pytest.fixture
def fresh_installation(tmp_path):
    """A migrated installation of its own (a copy of one `migrate` made)."""
    with migrated_database_url(tmp_path) as url:
        yield Installation(tmp_path, url)


def test_migrate_loads_the_provinces_and_can_run_again(installation):
    assert installation.count("province") == 34
    again = installation.cli("migrate")
    assert again.returncode == 0, again.stderr[-2000:]
    assert installation.count("province") == 34


def test_demo_prints_one_login_per_role(installation):
    output = installation.first_demo_output
    assert "Demo data loaded." in output
    for email in ("admin@demo.vn", "hr@demo.vn", "union@demo.vn", "federation@demo.vn"):
        assert email in output
    assert "demo-2026-password" in output


def test_demo_run_twice_adds_nothing(installation):
    counts = {table: installation.count(table) for table in ("enterprise", "worker", "app_user")}
    again, quiet = installation.commands(("demo",), ("demo", "--if-empty"))
    assert again.returncode == 0, again.stderr[-2000:]
    assert "Demo data was already there." in again.stdout
    assert "hr@demo.vn" in again.stdout  # the logins are printed again
    assert quiet.returncode == 0 and "already there" not in quiet.stdout
    assert {table: installation.count(table) for table in counts} == counts


def test_a_user_created_on_the_command_line_can_sign_in(installation):
    done = installation.cli(
        "create-user",
        "--email",
        "Chi.Nguyen@Example.vn",
        "--name",
        "Nguyễn Thị Chi",
        "--role",
        "hr",
        "--enterprise-tax-code",
        "2300765432",
        "--password",
        "a-long-enough-password",
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "created" in done.stdout
    signed_in = installation.python(_SIGN_IN, "chi.nguyen@example.vn", "a-long-enough-password")
    assert signed_in.returncode == 0, signed_in.stderr[-2000:]
    enterprise = installation.query("SELECT id FROM enterprise WHERE tax_code = '2300765432'")
    assert signed_in.stdout.split() == ["303", "303", f"/enterprises/{enterprise[0]['id']}"]


def test_create_user_refuses_an_unknown_enterprise_and_creates_nobody(installation):
    users = installation.count("app_user")
    done = installation.cli(
        "create-user",
        "--email",
        "nobody@example.vn",
        "--name",
        "Không Ai",
        "--role",
        "union",
        "--enterprise-tax-code",
        "0000000000",
        "--password",
        "a-long-enough-password",
    )
    assert done.returncode == 1
    assert "Choose the enterprise this role is for." in done.stderr
    assert installation.count("app_user") == users


def test_create_user_refuses_a_short_password(installation):
    users = installation.count("app_user")
    done = installation.cli(
        "create-user",
        *("--email", "short@example.vn", "--name", "Ngắn", "--role", "admin"),
        *("--password", "short"),
    )
    assert done.returncode == 1
    assert "at least 10 characters" in done.stderr
    assert installation.count("app_user") == users


def test_audit_verify_exits_0_on_an_intact_log(installation):
    done = installation.cli("audit", "verify")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "The audit log is intact." in done.stdout


def test_audit_verify_exits_1_and_names_a_changed_entry(fresh_installation):
    demo, verified = fresh_installation.commands(("demo",), ("audit", "verify"))
    assert demo.returncode == 0, demo.stderr[-2000:]
    assert verified.returncode == 0, verified.stdout + verified.stderr[-2000:]
    # As a database superuser could: the append-only guards lifted (the migration's own
    # statements), then an entry changed.
    sqlite = fresh_installation.database_url.startswith("sqlite")
    fresh_installation.query(
        *(guards.SQLITE_AUDIT_DROP if sqlite else guards.POSTGRES_AUDIT_DROP),
        "UPDATE audit_entry SET record_id = '999' WHERE seq = 1",
    )
    (done,) = fresh_installation.commands(("audit", "verify"))
    assert done.returncode == 1
    assert "PROBLEM: entry 1: changed after it was written" in done.stdout
    assert "intact" not in done.stdout


def test_reminders_send_in_a_fresh_process_finds_the_demo_deadlines(installation):
    # The command builds no web app: the modules' deadlines come from their manifests.
    done = installation.cli("reminders", "send", "--days", "60")
    assert done.returncode == 0, done.stderr[-3000:]
    digests = {line.split(" ")[0]: line for line in done.stdout.splitlines() if "@" in line}
    assert set(digests) == {"hr@demo.vn", "union@demo.vn"}
    for line in digests.values():
        overdue, soon = (int(n) for n in re.findall(r"(\d+) (?:overdue|due soon)", line))
        assert overdue + soon > 0, line
        assert line.endswith("not sent"), line  # no SMTP server in the tests
    assert "0 digests sent, 2 not sent" in done.stdout


def test_communes_import_adds_then_renames_by_code(installation, tmp_path):
    good = tmp_path / "communes.csv"
    good.write_text(
        "\ufeffcode,name,province_code\n"  # Excel writes a byte-order mark
        "25001,Phường Kinh Bắc,24\n"
        "25002,Xã Quế Võ,24\n"
        "00004,Phường Ba Đình,1\n",  # a province code that lost its leading zero
        encoding="utf-8",
    )
    renamed = tmp_path / "renamed.csv"
    renamed.write_text("code,name,province_code\n25002,Phường Quế Võ,24\n", encoding="utf-8")
    done, again = installation.commands(
        ("communes", "import", str(good)), ("communes", "import", str(renamed))
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "3 communes imported." in done.stdout
    assert again.returncode == 0, again.stderr[-2000:]
    # `migrate` loaded the 3,321 communes of the 2025 map; the import corrected or added three.
    rows = installation.query(
        "SELECT commune.code, commune.name, province.code AS province FROM commune "
        "JOIN province ON province.id = commune.province"
        " WHERE commune.code IN ('00004', '25001', '25002') ORDER BY commune.code"
    )
    assert [(r["code"], r["name"], r["province"]) for r in rows] == [
        ("00004", "Phường Ba Đình", "01"),
        ("25001", "Phường Kinh Bắc", "24"),
        ("25002", "Phường Quế Võ", "24"),
    ]


def test_a_bad_communes_file_is_refused_with_line_numbers_and_nothing_written(
    installation, tmp_path
):
    before = installation.query("SELECT code, name FROM commune ORDER BY code")
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "code,name,province_code\n"
        "25101,Phường Mới,24\n"  # line 2: fine, but must not be written either
        "2510,Phường Thiếu Số,24\n"  # line 3: four digits
        "25103,,24\n"  # line 4: no name
        "25104,Xã Không Tỉnh,99\n",  # line 5: no such province
        encoding="utf-8",
    )
    done = installation.cli("communes", "import", str(bad))
    assert done.returncode == 1
    assert "line 3: A commune code has 5 digits." in done.stderr
    assert "line 4: The name is empty." in done.stderr
    assert "line 5: Unknown province code 99." in done.stderr
    assert "line 2" not in done.stderr
    assert installation.query("SELECT code, name FROM commune ORDER BY code") == before


def test_a_communes_file_without_the_columns_is_refused(installation, tmp_path):
    bad = tmp_path / "columns.csv"
    bad.write_text("ma,ten\n25201,Xã Mới\n", encoding="utf-8")
    done = installation.cli("communes", "import", str(bad))
    assert done.returncode == 1
    assert "code, name and province_code" in done.stderr


_PRODUCTION_WITH_THE_DEFAULT_SECRET = {"LD_PRODUCTION": "1", "LD_SECRET_KEY": DEFAULT_SECRET_KEY}


def test_production_with_the_development_secret_refuses_to_serve(installation):
    done = installation.cli("serve", "--port", "8765", env=_PRODUCTION_WITH_THE_DEFAULT_SECRET)
    assert done.returncode == 1
    assert "LD_SECRET_KEY is the development default" in done.stderr
    assert "Serving" not in done.stdout


def test_production_with_the_development_secret_refuses_to_create_the_app(installation):
    create = "from labour_democracy.app import create_app; create_app()"
    refused = installation.python(create, env=_PRODUCTION_WITH_THE_DEFAULT_SECRET)
    assert refused.returncode != 0
    assert "ConfigurationError: LD_SECRET_KEY is the development default" in refused.stderr
    started = installation.python(
        create, env={"LD_PRODUCTION": "1", "LD_SECRET_KEY": "a-long-random-production-secret"}
    )
    assert started.returncode == 0, started.stderr[-2000:]
