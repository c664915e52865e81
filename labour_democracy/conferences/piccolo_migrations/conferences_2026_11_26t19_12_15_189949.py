from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-11-26T19:12:15:189949"
VERSION = "1.38.0"
DESCRIPTION = "attendance is counted, not versioned"


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="conferences", description=DESCRIPTION
    )

    manager.drop_column(
        table_class_name="Conference",
        tablename="conference",
        column_name="checkin_version",
        db_column_name="checkin_version",
        schema=None,
    )

    return manager
