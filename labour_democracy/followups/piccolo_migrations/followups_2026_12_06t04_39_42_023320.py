from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-06T04:39:42:023320"
VERSION = "1.38.0"
DESCRIPTION = (
    "an action names its source when shown, from the module that owns it"
)


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="followups", description=DESCRIPTION
    )

    manager.drop_column(
        table_class_name="FollowUp",
        tablename="follow_up",
        column_name="source_label",
        db_column_name="source_label",
        schema=None,
    )

    return manager
