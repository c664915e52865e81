from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-06T06:51:13:530852"
VERSION = "1.38.0"
DESCRIPTION = "election method of an agenda item"


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="conferences", description=DESCRIPTION
    )

    manager.add_column(
        table_class_name="AgendaItem",
        tablename="conference_agenda_item",
        column_name="election_method",
        db_column_name="election_method",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 10,
            "default": "tick",
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
