"""Test helpers: a signed-in HTTP client that behaves like a page, and tool requirements."""

from __future__ import annotations

import importlib
import os
import re
import shutil
from contextlib import asynccontextmanager, contextmanager

import pytest
from litestar.testing import AsyncTestClient

# A test that needs Chromium or LibreOffice skips when it is missing, saying why; CI sets
# LD_REQUIRE_ALL_TESTS=1 and the same test fails instead, so CI cannot pass without them.
REQUIRE_ALL = os.environ.get("LD_REQUIRE_ALL_TESTS") == "1"


def require_tool(path_or_name: str, why: str) -> str:
    found = path_or_name if os.path.exists(path_or_name) else shutil.which(path_or_name)
    if found:
        return found
    message = f"{path_or_name} is not installed: {why}"
    if REQUIRE_ALL:
        pytest.fail(message + " (LD_REQUIRE_ALL_TESTS=1)")
    pytest.skip(message)


_CSRF_INPUT = re.compile(r'name="_csrf_token" value="([^"]+)"')


class Browser:
    """An HTTP client that signs in through the login form and posts forms with their token."""

    def __init__(self, client: AsyncTestClient) -> None:
        self.client = client

    async def csrf(self) -> str:
        token = self.client.cookies.get("ld_csrf")
        if not token:
            await self.client.get("/login")
            token = self.client.cookies.get("ld_csrf")
        return token

    async def sign_in(self, email: str, password: str):
        response = await self.post("/login", {"email": email, "password": password})
        assert response.status_code == 303, response.text
        return response

    async def get(self, url: str, **kwargs):
        kwargs.setdefault("follow_redirects", False)
        return await self.client.get(url, **kwargs)

    async def post(self, url: str, data: dict | None = None, *, htmx: bool = False, **kwargs):
        headers = {"x-csrftoken": await self.csrf(), **kwargs.pop("headers", {})}
        if htmx:
            headers["hx-request"] = "true"
        kwargs.setdefault("follow_redirects", False)
        return await self.client.post(url, data=data or {}, headers=headers, **kwargs)

    async def api(self, method: str, url: str, json=None):
        headers = {"x-csrftoken": await self.csrf(), "accept": "application/json"}
        return await self.client.request(method, url, json=json, headers=headers)


@contextmanager
def installed_only(**declared):
    """Core and one test module declaring `declared` are the installed modules, for the block;
    then the real list again."""
    from labour_democracy import manifest
    from labour_democracy.core.manifest import MANIFEST as core
    from labour_democracy.modules import install

    manifest.install([core, manifest.Manifest(name="test", piccolo_app="", **declared)])
    try:
        yield
    finally:
        install()


_AUDIT_GUARDS = "labour_democracy.core.piccolo_migrations.core_2026_12_06t04_30_00_000000"


@asynccontextmanager
async def audit_log_unguarded():
    """The audit table without its append-only and no-truncate triggers, as an attacker with the
    database's superuser password would have it; the guards come back afterwards (PostgreSQL
    keeps its schema between tests). The statements are the migration's own."""
    guards = importlib.import_module(_AUDIT_GUARDS)
    await guards.lift_audit_log_guards()
    try:
        yield
    finally:
        await guards.guard_audit_log()


async def record_audit_entries(count: int) -> None:
    """`count` audit entries, each in its own transaction (each moves the anchor)."""
    from labour_democracy import db
    from labour_democracy.core import audit
    from labour_democracy.core.permissions import SYSTEM

    for number in range(1, count + 1):
        async with db.write_transaction():
            await audit.record(SYSTEM, "test.done", "thing", number, None, step=number)


async def run_sql(statement: str) -> None:
    from piccolo.querystring import QueryString

    from labour_democracy import db

    await db.engine().run_querystring(QueryString(statement))
