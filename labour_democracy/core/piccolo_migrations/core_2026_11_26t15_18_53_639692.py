"""Each enterprise gets its own public-page token, then tokens are made unique."""

import secrets

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.querystring import QueryString

from labour_democracy import db

ID = "2026-11-26T15:18:53:639692"
VERSION = "1.38.0"
DESCRIPTION = "unique public page tokens"


async def fill_and_constrain():
    # Adding the column gave every existing enterprise the same token.
    engine = db.engine()
    for row in await engine.run_querystring(QueryString("SELECT id FROM enterprise")):
        await engine.run_querystring(
            QueryString(
                "UPDATE enterprise SET public_token = {} WHERE id = {}",
                secrets.token_urlsafe(12),
                row["id"],
            )
        )
    await db.create_unique_index("enterprise_public_token_key", "enterprise", ["public_token"])


async def drop_constraint():
    await db.drop_index("enterprise_public_token_key")


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="core", description=DESCRIPTION)
    manager.add_raw(fill_and_constrain)
    manager.add_raw_backwards(drop_constraint)
    return manager
