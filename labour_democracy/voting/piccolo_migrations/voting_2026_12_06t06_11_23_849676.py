from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from enum import Enum
from piccolo.columns.column_types import Varchar

ID = "2026-12-06T06:11:23:849676"
VERSION = "1.38.0"
DESCRIPTION = "electorate of workers who are not union members"


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="voting", description=DESCRIPTION
    )

    manager.alter_column(
        table_class_name="Ballot",
        tablename="ballot",
        column_name="electorate_kind",
        db_column_name="electorate_kind",
        params={
            "choices": Enum(
                "ElectorateKind",
                {
                    "ALL_WORKERS": "all_workers",
                    "ORG_UNIT": "org_unit",
                    "UNION_MEMBERS": "union_members",
                    "NON_MEMBERS": "non_union_members",
                    "NAMED_LIST": "named_list",
                },
            )
        },
        old_params={
            "choices": Enum(
                "ElectorateKind",
                {
                    "ALL_WORKERS": "all_workers",
                    "ORG_UNIT": "org_unit",
                    "UNION_MEMBERS": "union_members",
                    "NAMED_LIST": "named_list",
                },
            )
        },
        column_class=Varchar,
        old_column_class=Varchar,
        schema=None,
    )

    return manager
