from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from enum import Enum
from piccolo.columns.column_types import Varchar

ID = "2026-12-06T09:18:07:242317"
VERSION = "1.38.0"
DESCRIPTION = "Suggestions: the bargaining topic (a choice of the topic Varchar: no DDL)"


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="suggestions", description=DESCRIPTION
    )

    manager.alter_column(
        table_class_name="Suggestion",
        tablename="suggestion",
        column_name="topic",
        db_column_name="topic",
        params={
            "choices": Enum(
                "Topic",
                {
                    "DIALOGUE": "dialogue",
                    "CONFERENCE": "conference",
                    "GENERAL": "general",
                    "BARGAINING": "bargaining",
                },
            )
        },
        old_params={
            "choices": Enum(
                "Topic",
                {
                    "DIALOGUE": "dialogue",
                    "CONFERENCE": "conference",
                    "GENERAL": "general",
                },
            )
        },
        column_class=Varchar,
        old_column_class=Varchar,
        schema=None,
    )

    return manager
