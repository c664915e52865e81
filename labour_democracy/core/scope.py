"""The scope helper: every enterprise-scoped read and write passes through here.

Like an Odoo record rule, it is written once: a use case asks for an `EnterpriseContext`,
which exists only if the actor may see the enterprise (else `NotFound`, so nobody learns
that another enterprise's record exists) and holds a role that allows the action (else
`Forbidden`). Records inside the enterprise are then fetched with `get_owned`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar

from piccolo.columns.combination import Where
from piccolo.table import Table

from labour_democracy.core.errors import Forbidden, NotFound
from labour_democracy.core.permissions import Actor, Permission
from labour_democracy.core.tables import Enterprise, Role
from labour_democracy.manifest import Manifest, installed

T = TypeVar("T", bound=Table)


@dataclass(frozen=True)
class EnterpriseContext:
    """Proof that `actor` may act on `enterprise` with at least one of `roles`."""

    actor: Actor
    enterprise: Enterprise
    roles: frozenset[Role]
    # The rows the guard read for the records named in this request's path (see
    # check_path_records), by (table, id), until a handler takes one (`guarded_record`).
    guarded_rows: dict[tuple[type[Table], Any], dict] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def enterprise_id(self) -> int:
        return self.enterprise.id

    def guarded_record(self, table: type[T], record_id: Any) -> T | None:
        """The row of `table` named `record_id` in the path, as the guard read it when this
        request began (it belongs to the enterprise), or None. Handed out once, so a later read
        in the same request, after a write, queries again: a hot path that has written nothing
        yet uses it instead of reading the row a second time."""
        row = self.guarded_rows.pop((table, record_id), None)
        return table(**row, _exists_in_db=True) if row is not None else None

    def can(self, permission: Permission) -> bool:
        return permission.allows(set(self.roles))


async def enterprise_context(
    actor: Actor, enterprise_id: int, permission: Permission
) -> EnterpriseContext:
    enterprise = await _fetch(Enterprise, _record_sql(Enterprise), enterprise_id)
    if enterprise is None:
        raise NotFound
    roles = actor.roles_for(enterprise.id, enterprise.province, enterprise.upper_union)
    if not roles:
        raise NotFound
    if not permission.allows(roles):
        raise Forbidden
    return EnterpriseContext(actor=actor, enterprise=enterprise, roles=frozenset(roles))


def federation_provinces(actor: Actor) -> list[int] | None:
    """The provinces a federation officer's grants cover (None: every province, for an
    administrator)."""
    if actor.is_admin:
        return None
    return [g.province_id for g in actor.grants if g.role is Role.FEDERATION and g.province_id]


def visible_enterprises(actor: Actor) -> Where | None:
    """A filter on `Enterprise` for the enterprises the actor may see (None: all of them):
    their own enterprises, a federation officer's province, a local union officer's upper-level
    union; the national reader (and an admin) sees every enterprise."""
    if actor.is_admin or Role.NATIONAL in actor.roles:
        return None
    enterprise_ids = [g.enterprise_id for g in actor.grants if g.enterprise_id is not None]
    province_ids = federation_provinces(actor)
    upper_union_ids = [
        g.upper_union_id for g in actor.grants if g.role is Role.LOCAL_UNION and g.upper_union_id
    ]
    clause = Enterprise.id.is_in(enterprise_ids or [-1])
    if province_ids:
        clause = clause | Enterprise.province.is_in(province_ids)
    if upper_union_ids:
        clause = clause | Enterprise.upper_union.is_in(upper_union_ids)
    return clause


@dataclass(frozen=True)
class FederationScope:
    """What part of the federation's register an actor reads: every province (None), some
    provinces, or the enterprises of some upper-level unions; `can_act` when the actor may
    remind, note visits and keep the register (a province officer, a local union officer or an
    admin; the national reader only reads)."""

    province_ids: tuple[int, ...] | None
    upper_union_ids: tuple[int, ...] = ()
    can_act: bool = False

    @property
    def is_empty(self) -> bool:
        return self.province_ids == () and not self.upper_union_ids


def federation_scope(actor: Actor) -> FederationScope:
    """The one answer, for the federation's pages, of which enterprises an actor may count."""
    if actor.is_admin:
        return FederationScope(None, can_act=True)
    if Role.NATIONAL in actor.roles:
        return FederationScope(None, can_act=False)
    provinces = tuple(federation_provinces(actor))
    unions = tuple(
        g.upper_union_id for g in actor.grants if g.role is Role.LOCAL_UNION and g.upper_union_id
    )
    return FederationScope(provinces, unions, can_act=bool(provinces or unions))


async def get_owned(context: EnterpriseContext, table: type[T], record_id: int) -> T:
    """A record of `table` that belongs to the context's enterprise, or `NotFound`."""
    row = await _fetch(table, _record_sql(table, owned=True), record_id, context.enterprise_id)
    if row is None:
        raise NotFound
    return row


# Every request runs these lookups, and Piccolo builds a query's SQL anew each time: for a
# table of 30 columns that cost more than running it (a third of a conference check-in's CPU).
# So their SQL is written once per table, and the rows become the same objects Piccolo makes.
@cache
def _record_sql(table: type[Table], owned: bool = False, whole_row: bool = True) -> str:
    """`SELECT <every column> FROM table WHERE id = {}` (`AND enterprise = {}` if owned);
    `SELECT 1 ...` without the whole row."""
    columns = ", ".join(f'"{column._meta.db_column_name}"' for column in table._meta.columns)
    key = table._meta.primary_key._meta.db_column_name
    sql = (
        f'SELECT {columns if whole_row else 1} FROM "{table._meta.tablename}" WHERE "{key}" = {{}}'
    )
    return sql + ' AND "enterprise" = {}' if owned else sql


async def _fetch(table: type[T], sql: str, *values: Any) -> T | None:
    rows = await table.raw(sql, *values)
    return table(**rows[0], _exists_in_db=True) if rows else None


# Path parameters below /enterprises/{enterprise_id} that name a record of the enterprise, as
# the installed manifests declare them. The guard checks them before the handler reads any input,
# so another enterprise's record is 404 whatever the request carries (a handler that validates
# its form first would otherwise answer 422 and only then look the record up).
_path_records: tuple[tuple[Manifest, ...], dict[str, type[Table]]] | None = None


def path_records() -> dict[str, type[Table]]:
    global _path_records
    manifests = installed()
    if _path_records is None or _path_records[0] is not manifests:
        records = {name: table for m in manifests for name, table in m.path_records.items()}
        _path_records = (manifests, records)
    return _path_records[1]


async def check_path_records(context: EnterpriseContext, path_params: Mapping[str, Any]) -> None:
    """`NotFound` unless every registered record named in the path belongs to the enterprise.
    The rows read are kept on the context (`guarded_record`)."""
    for name, value in path_params.items():
        table = path_records().get(name)
        if table is None:
            continue
        rows = await table.raw(_record_sql(table, owned=True), value, context.enterprise_id)
        if not rows:
            raise NotFound
        context.guarded_rows[(table, value)] = rows[0]
