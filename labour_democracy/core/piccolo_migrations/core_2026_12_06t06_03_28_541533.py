from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-06T06:03:28:541533"
VERSION = "1.38.0"
DESCRIPTION = "drop saturday_works"


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="core", description=DESCRIPTION
    )

    manager.drop_column(
        table_class_name="Enterprise",
        tablename="enterprise",
        column_name="saturday_works",
        db_column_name="saturday_works",
        schema=None,
    )

    return manager
