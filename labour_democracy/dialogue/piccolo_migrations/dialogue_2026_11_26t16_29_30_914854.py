from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-11-26T16:29:30:914854"
VERSION = "1.38.0"
DESCRIPTION = "member lists link their notice document only"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="dialogue", description=DESCRIPTION)

    manager.drop_column(
        table_class_name="MemberList",
        tablename="dialogue_member_list",
        column_name="notice",
        db_column_name="notice",
        schema=None,
    )

    return manager
