"""Test set-up: one database engine for the session, a clean database for every test.

SQLite by default (a migrated template file copied before each test); PostgreSQL when
LD_TEST_DATABASE_URL is set (migrated once, tables truncated before each test). Settings are
read once, so the environment is fixed here before anything imports the app.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

_TMP = Path(tempfile.mkdtemp(prefix="ld-tests-"))
os.environ["LD_DATA_DIR"] = str(_TMP / "data")
os.environ["LD_SECRET_KEY"] = "test-secret-key-for-the-suite"
os.environ.pop("LD_PRODUCTION", None)
os.environ.pop("LD_TEMPLATE_DIR", None)
os.environ["LD_DATABASE_URL"] = os.environ.get("LD_TEST_DATABASE_URL") or (
    f"sqlite:///{_TMP / 'test.sqlite3'}"
)

import pytest  # noqa: E402
from litestar.testing import AsyncTestClient  # noqa: E402
from piccolo.apps.migrations.commands.forwards import run_forwards  # noqa: E402
from piccolo.conf.apps import Finder  # noqa: E402
from piccolo.querystring import QueryString  # noqa: E402

from labour_democracy import db  # noqa: E402
from labour_democracy.settings import get_settings  # noqa: E402
from tests.helpers import Browser  # noqa: E402

_KEEP_ROWS = {"migration", "province"}


def pytest_report_header(config):
    return f"database: {get_settings().database_url.split('@')[-1]}"


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


def _replace_database(template: Path, path: Path) -> None:
    # A new file swapped in (not the old one overwritten), so no open handle sees it change.
    fresh = path.with_suffix(".next")
    shutil.copyfile(template, fresh)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    os.replace(fresh, path)


@pytest.fixture(autouse=True)
async def clean_database(migrated_database):
    """Every test starts from the migrated, empty database (provinces loaded)."""
    settings = get_settings()
    if settings.is_sqlite:
        await db.close_pool()
        path = settings.sqlite_path
        _replace_database(migrated_database, path)
    else:
        tables = ", ".join(t for t in _table_names() if t not in _KEEP_ROWS)
        # The audit log refuses TRUNCATE; a superuser's replica role skips that trigger.
        async with db.engine().transaction():
            await db.engine().run_querystring(
                QueryString("SET LOCAL session_replication_role = replica")
            )
            await db.engine().run_querystring(
                QueryString(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
            )
    # The audit anchor belongs to the database it describes.
    (settings.data_dir / "audit-anchor.json").unlink(missing_ok=True)
    yield


@pytest.fixture
async def app():
    from labour_democracy.app import create_app

    return create_app()


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
