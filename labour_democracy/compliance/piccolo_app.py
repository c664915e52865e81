"""The compliance module as a Piccolo app: its tables, its migrations and the apps it builds on."""

from pathlib import Path

from piccolo.conf.apps import AppConfig, table_finder

APP_CONFIG = AppConfig(
    app_name="compliance",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=table_finder(
        modules=["labour_democracy.compliance.tables"], exclude_imported=True
    ),
    migration_dependencies=["labour_democracy.core.piccolo_app"],
    commands=[],
)
