from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from enum import Enum
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-06T06:15:44:703627"
VERSION = "1.38.0"
DESCRIPTION = (
    "SOE delegate reason, extraordinary rule, inspection board exception"
)


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="conferences", description=DESCRIPTION
    )

    manager.add_column(
        table_class_name="Conference",
        tablename="conference",
        column_name="delegate_reason",
        db_column_name="delegate_reason",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 24,
            "default": None,
            "null": True,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": Enum(
                "DelegateReason",
                {
                    "DISPERSED": "workers_dispersed",
                    "CANNOT_LEAVE_POSTS": "cannot_leave_posts",
                },
            ),
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="ConferenceRules",
        tablename="conference_rules",
        column_name="board_size_exception",
        db_column_name="board_size_exception",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 24,
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": Enum(
                "BoardSizeException",
                {
                    "NONE": "",
                    "SPECIAL": "special_enterprise",
                    "DISPERSED": "dispersed_enterprise",
                },
            ),
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="ConferenceRules",
        tablename="conference_rules",
        column_name="extraordinary_rule",
        db_column_name="extraordinary_rule",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 40,
            "default": "",
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
