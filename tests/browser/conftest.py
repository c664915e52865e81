"""Browser tests: the real app served over HTTP, driven by Debian's Chromium through Playwright.

The server is uvicorn running in a thread of the test process, on its own event loop, for the
whole session. It shares the suite's settings and database, so rows a test creates with
tests/factories.py are what the browser sees, and the suite's per-test clean database
(tests/conftest.py `clean_database`) applies to it too:

- PostgreSQL: tables are truncated between tests; the server's pool just sees empty tables.
- SQLite: the database file is replaced by a fresh copy before each test. The engine keeps one
  pool of open connections per event loop, and a connection opened before the swap would keep
  reading the old file (and, on closing, delete the new file's WAL by name). So the server's
  pool is closed whenever no browser test is running: right after start-up and after each
  browser test, once its requests have finished. The next test's connections open on the new
  file. Closing happens on the server's own loop, since a pool belongs to the loop that made it.

One Chromium for the session, a new browser context (cookies, storage) per test. A failing
test leaves a full-page screenshot in test-artifacts/.
"""

from __future__ import annotations

import asyncio
import re
import socket
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.async_api import Browser, Page, async_playwright, expect

from labour_democracy import db
from labour_democracy.app import create_app
from labour_democracy.settings import get_settings
from tests.helpers import require_tool

CHROMIUM = "/usr/bin/chromium"
# Root needs --no-sandbox; the network flags keep Chromium from calling Google's services,
# which a closed CI network refuses (slowly, many at a time).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
# Generous: CI machines are small and shared; a passing step never waits this long.
TIMEOUT_MS = 10_000
expect.set_options(timeout=TIMEOUT_MS)


class LiveServer:
    """uvicorn serving create_app() from a background thread."""

    def __init__(self) -> None:
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        self.loop = asyncio.new_event_loop()
        self.server: uvicorn.Server | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="live-server", daemon=True)

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            config = uvicorn.Config(
                create_app(), loop="asyncio", lifespan="on", log_level="warning", access_log=False
            )
            self.server = uvicorn.Server(config)
            self.loop.run_until_complete(self.server.serve(sockets=[self.socket]))
        except BaseException as error:  # shown by start(), in the failing test's report
            self.error = error
        finally:
            self.loop.close()

    def start(self) -> None:
        self.thread.start()
        for _ in range(500):
            if self.server is not None and self.server.started:
                return
            if not self.thread.is_alive():
                break
            time.sleep(0.02)
        raise RuntimeError("the live server did not start (uvicorn logs why)") from self.error

    def settle(self) -> None:
        """Wait for requests in flight, then close the SQLite pool (see the module docstring)."""

        async def settle() -> None:
            assert self.server is not None
            for _ in range(1000):
                if not self.server.server_state.tasks:
                    break
                await asyncio.sleep(0.01)
            else:  # closing now could leave a connection on the old file: stop loudly instead
                raise RuntimeError("the live server still has requests running after 10 s")
            if get_settings().is_sqlite:
                await db.close_pool()

        asyncio.run_coroutine_threadsafe(settle(), self.loop).result(timeout=30)

    def stop(self) -> None:
        if self.server is not None:
            self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture(scope="session")
def live_server_session(migrated_database) -> Iterator[LiveServer]:
    server = LiveServer()
    server.start()
    server.settle()
    yield server
    server.stop()


@pytest.fixture
def live_server(clean_database, live_server_session: LiveServer) -> Iterator[str]:
    """The base URL of the app, serving this test's fresh database."""
    yield live_server_session.url
    live_server_session.settle()


@pytest.fixture(scope="session")
async def chromium() -> AsyncIterator[Browser]:
    executable = require_tool(CHROMIUM, "the browser tests drive it (apt-get install chromium)")
    playwright = await async_playwright().start()
    try:
        browser = await playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    except BaseException:
        await playwright.stop()
        raise
    yield browser
    await browser.close()
    await playwright.stop()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the test item, so the page fixture knows whether it failed.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def _artifact_name(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid.split("::", 1)[-1])[:150] + ".png"


@pytest.fixture
async def page(request, chromium: Browser, live_server: str) -> AsyncIterator[Page]:
    """A page in a new browser context (no cookies) at desktop size; phone tests resize it."""
    context = await chromium.new_context(base_url=live_server, viewport=DESKTOP)
    context.set_default_timeout(TIMEOUT_MS)
    page = await context.new_page()
    yield page
    failed = any(
        getattr(getattr(request.node, f"report_{when}", None), "failed", False)
        for when in ("setup", "call")
    )
    if failed:
        ARTIFACTS.mkdir(exist_ok=True)
        await page.screenshot(path=ARTIFACTS / _artifact_name(request.node.nodeid), full_page=True)
    await context.close()


@pytest.fixture
def sign_in(page: Page) -> Callable[[str, str], Awaitable[None]]:
    """sign_in(email, password): through the login form, like a person; waits to land."""

    async def sign_in(email: str, password: str) -> None:
        await page.goto("/login")
        await page.fill("#f-email", email)
        await page.fill("#f-password", password)
        await page.click("main form button[type=submit]")
        await page.wait_for_url(lambda url: not url.split("?")[0].endswith("/login"))

    return sign_in
