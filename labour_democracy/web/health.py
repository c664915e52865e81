"""`/healthz` (the process answers) and `/readyz` (the database answers and every migration
the app knows has been applied), for a load balancer or systemd's watchdog. Public: they say
nothing about the data."""

from __future__ import annotations

import logging
from functools import cache

from litestar import MediaType, Response, get
from piccolo.apps.migrations.commands.base import BaseMigrationManager
from piccolo.apps.migrations.tables import Migration
from piccolo.conf.apps import Finder
from piccolo.querystring import QueryString

from labour_democracy import db

log = logging.getLogger("labour_democracy")


@cache
def known_migrations() -> frozenset[tuple[str, str]]:
    """(app, migration id) of every migration file shipped with this version."""
    manager = BaseMigrationManager()
    known = set()
    for app_config in Finder().get_app_registry().app_configs.values():
        modules = manager.get_migration_modules(app_config.resolved_migrations_folder_path)
        known |= {(app_config.app_name, migration_id) for migration_id in modules}
    return frozenset(known)


async def pending_migrations() -> list[str]:
    applied = {
        (row["app_name"], row["name"])
        for row in await Migration.select(Migration.app_name, Migration.name)
    }
    return sorted(f"{app}:{name}" for app, name in known_migrations() - applied)


@get("/healthz", opt={"public": True}, include_in_schema=False, media_type=MediaType.TEXT)
async def healthz() -> str:
    return "ok"


@get("/readyz", opt={"public": True}, include_in_schema=False, media_type=MediaType.JSON)
async def readyz() -> Response:
    # The reasons go to the log, not to an anonymous caller.
    try:
        await db.engine().run_querystring(QueryString("SELECT 1"))
    except Exception:
        log.exception("Readiness check: the database cannot be reached")
        return Response({"ready": False, "database": "unreachable"}, status_code=503)
    try:
        pending = await pending_migrations()
    except Exception:
        log.exception("Readiness check: the migration table cannot be read")
        return Response({"ready": False, "database": "not migrated"}, status_code=503)
    if pending:
        return Response(
            {"ready": False, "database": "ok", "pending_migrations": len(pending)},
            status_code=503,
        )
    return Response({"ready": True, "database": "ok"})


ROUTES = [healthz, readyz]
