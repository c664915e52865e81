from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from labour_democracy.core.tables import new_public_token
from piccolo.columns.column_types import Boolean
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-11-26T15:18:52:639692"
VERSION = "1.38.0"
DESCRIPTION = "enterprise: Saturday as a working day, public page token"


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="core", description=DESCRIPTION
    )

    manager.add_column(
        table_class_name="Enterprise",
        tablename="enterprise",
        column_name="public_token",
        db_column_name="public_token",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 32,
            "default": new_public_token,
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="Enterprise",
        tablename="enterprise",
        column_name="saturday_works",
        db_column_name="saturday_works",
        column_class_name="Boolean",
        column_class=Boolean,
        params={
            "default": False,
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    return manager
