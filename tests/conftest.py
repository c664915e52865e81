"""Test set-up: one database engine and one app for the session, a clean database per test.

SQLite by default (a migrated template file copied before each test); PostgreSQL when
LD_TEST_DATABASE_URL is set (migrated once, tables emptied before each test). Under
pytest-xdist (`make test` runs `-n 2`) each worker process has its own database: its own SQLite
files, or on PostgreSQL a database named after LD_TEST_DATABASE_URL's plus the worker's id
(`ld_test_gw0`), made afresh when the worker starts. Tests marked
`unit` (pure rules: no database, no app) get no database at all, so `pytest -m unit` runs in
seconds. Settings are read once, so the environment is fixed here before anything imports the
app; passwords are hashed at argon2's cheapest cost (LD_PASSWORD_HASH_COST=test).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from functools import cache
from pathlib import Path

_TMP = Path(tempfile.mkdtemp(prefix="ld-tests-"))
os.environ["LD_DATA_DIR"] = str(_TMP / "data")
os.environ["LD_SECRET_KEY"] = "test-secret-key-for-the-suite"
os.environ.pop("LD_PRODUCTION", None)
os.environ.pop("LD_TEMPLATE_DIR", None)
# Signing in verifies an argon2 hash: 0.1-0.3 s at the production cost, for every sign-in.
os.environ["LD_PASSWORD_HASH_COST"] = "test"


def _database_url() -> str:
    url = os.environ.get("LD_TEST_DATABASE_URL")
    worker = os.environ.get("PYTEST_XDIST_WORKER")  # gw0, gw1, ... under pytest -n
    if not url:
        return f"sqlite:///{_TMP / 'test.sqlite3'}"
    if not worker:
        return url
    from tests.scratch_database import recreate_postgres_database

    server, name = url.rsplit("/", 1)
    return recreate_postgres_database(server, f"{name}_{worker}")


os.environ["LD_DATABASE_URL"] = _database_url()

import asyncpg  # noqa: E402
import pytest  # noqa: E402
from litestar.testing import AsyncTestClient  # noqa: E402
from piccolo.apps.migrations.commands.forwards import run_forwards  # noqa: E402
from piccolo.conf.apps import Finder  # noqa: E402
from piccolo.querystring import QueryString  # noqa: E402

from labour_democracy import db  # noqa: E402
from labour_democracy.modules import install  # noqa: E402
from labour_democracy.settings import get_settings  # noqa: E402
from tests.helpers import Browser  # noqa: E402
from tests.scratch_database import drop_migrated_template  # noqa: E402

_KEEP_ROWS = {"migration", "province"}
install()  # as the app and the CLI do at start-up: services read the installed modules

# Settings are read (and cached) now, with the cheap hash cost; then the variable goes, so the
# command-line tests' subprocesses run as an installation would (tests/test_cli.py starts one
# with LD_PRODUCTION=1, which refuses the cheap cost).
get_settings()
os.environ.pop("LD_PASSWORD_HASH_COST")


def pytest_report_header(config):
    return f"database: {get_settings().database_url.split('@')[-1]}"


def pytest_sessionfinish(session):
    drop_migrated_template()


# Under pytest-xdist (`make test`: `-n 2 --dist loadgroup`) the tests that share a costly
# fixture of a wider scope run on one worker, which makes it once: the browser tests' Chromium
# and live server, the command-line tests' installation.
_GROUPED_BY_FIXTURE = {"live_server": "browser", "chromium": "browser", "installation": "cli"}


def pytest_collection_modifyitems(items):
    for item in items:
        used = getattr(item, "fixturenames", ())
        group = next((g for name, g in _GROUPED_BY_FIXTURE.items() if name in used), None)
        if group:
            item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(scope="session")
async def migrated_database():
    settings = get_settings()
    result = await run_forwards("all")
    assert result.success, result.message
    from labour_democracy.core.admin_units import load_provinces

    await load_provinces()
    if settings.is_sqlite:
        await db.close_pool()
        template = _TMP / "template.sqlite3"
        shutil.copyfile(settings.sqlite_path, template)
        yield template
    else:
        # The tests' own queries share a small pool instead of a connection each.
        await db.engine().start_connection_pool(max_size=10)
        yield None
    await db.close_pool()


def _table_names() -> list[str]:
    return [table._meta.tablename for table in Finder().get_table_classes()]


@cache
def _empty_postgres_sql() -> str:
    """One statement that empties every table but _KEEP_ROWS and restarts the ids at 1.

    TRUNCATE took 0.7-1.2 s per test (it gives each of ~40 tables new files); DELETE on these
    few rows takes ~20 ms. The replica role skips triggers, so the append-only tables' guards
    and the foreign keys do not get in the way (every table is emptied anyway); it needs a
    superuser, without which clean_database falls back to TRUNCATE.
    """
    tables = [t for t in _table_names() if t not in _KEEP_ROWS]
    deletes = " ".join(f'DELETE FROM "{t}";' for t in tables)
    listed = ", ".join(f"'{t}'" for t in tables)
    return f"""DO $$ BEGIN
        PERFORM set_config('session_replication_role', 'replica', true);
        {deletes}
        PERFORM setval(s.oid, 1, false)
        FROM pg_sequences AS sequence
        JOIN pg_class AS s ON s.relname = sequence.sequencename
            AND s.relnamespace = sequence.schemaname::regnamespace
        JOIN pg_depend AS d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass
            AND d.refclassid = 'pg_class'::regclass
        JOIN pg_class AS owner ON owner.oid = d.refobjid
        WHERE sequence.last_value IS NOT NULL AND owner.relname IN ({listed});
    END $$"""


_postgres_superuser = True


async def _empty_postgres() -> None:
    global _postgres_superuser
    if _postgres_superuser:
        try:
            await db.engine().run_querystring(QueryString(_empty_postgres_sql()))
            return
        except asyncpg.InsufficientPrivilegeError:
            _postgres_superuser = False
    tables = ", ".join(t for t in _table_names() if t not in _KEEP_ROWS)
    await db.engine().run_querystring(QueryString(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


def _replace_database(template: Path, path: Path) -> None:
    # A new file swapped in (not the old one overwritten), so no open handle sees it change.
    fresh = path.with_suffix(".next")
    shutil.copyfile(template, fresh)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    os.replace(fresh, path)


# What a `unit` test may not use: each needs the database (or the app, which reaches it).
_NOT_FOR_UNIT_TESTS = {"migrated_database", "clean_database", "app", "client", "browser_for"}


@pytest.fixture(autouse=True)
def _database_unless_unit(request):
    """Every test but a `unit` one starts from a clean database (see clean_database)."""
    if request.node.get_closest_marker("unit") is None:
        request.getfixturevalue("clean_database")
    elif used := _NOT_FOR_UNIT_TESTS.intersection(request.fixturenames):
        pytest.fail(f"a unit test gets no database; it uses {', '.join(sorted(used))}")


@pytest.fixture
async def clean_database(migrated_database):
    """The migrated, empty database (provinces loaded)."""
    settings = get_settings()
    if settings.is_sqlite:
        await db.close_pool()
        path = settings.sqlite_path
        _replace_database(migrated_database, path)
    else:
        await _empty_postgres()
    # The audit anchor belongs to the database it describes.
    (settings.data_dir / "audit-anchor.json").unlink(missing_ok=True)
    yield


@pytest.fixture(scope="session")
def shared_app():
    from labour_democracy.app import create_app

    return create_app()


@pytest.fixture
def app(shared_app):
    """The application, built once for the session (building it costs ~0.3 s, more than most
    tests): it keeps nothing between requests (cookie sessions; the database is cleaned per
    test). A test that changes how the app is built calls create_app() itself."""
    return shared_app


@pytest.fixture
async def client(app):
    async with AsyncTestClient(app=app, base_url="http://testserver.local") as client:
        yield client


@pytest.fixture
async def browser_for(app):
    """browser_for(email) -> a signed-in HTTP client that sends the CSRF token like a page."""
    clients = []

    async def make(email: str | None = None, password: str = "a-long-password") -> Browser:
        client = AsyncTestClient(app=app, base_url="http://testserver.local")
        await client.__aenter__()
        clients.append(client)
        browser = Browser(client)
        if email:
            await browser.sign_in(email, password)
        return browser

    yield make
    for client in reversed(clients):  # the test clients' portals must close in LIFO order
        await client.__aexit__(None, None, None)
