from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar

ID = "2026-11-26T16:05:19:319251"
VERSION = "1.38.0"
DESCRIPTION = "channel and status long enough for their values"


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="suggestions", description=DESCRIPTION
    )

    manager.alter_column(
        table_class_name="Suggestion",
        tablename="suggestion",
        column_name="channel",
        db_column_name="channel",
        params={"length": 12},
        old_params={"length": 8},
        column_class=Varchar,
        old_column_class=Varchar,
        schema=None,
    )

    manager.alter_column(
        table_class_name="Suggestion",
        tablename="suggestion",
        column_name="status",
        db_column_name="status",
        params={"length": 12},
        old_params={"length": 10},
        column_class=Varchar,
        old_column_class=Varchar,
        schema=None,
    )

    return manager
