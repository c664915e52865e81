"""Use cases for enterprises and their org units."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from piccolo.query.functions.aggregate import Count

from labour_democracy.core import audit, calendar, rules
from labour_democracy.core.changes import enterprise_changed
from labour_democracy.core.errors import Conflict, Forbidden, Invalid, NotFound
from labour_democracy.core.permissions import (
    ADMINISTER,
    EDIT_ENTERPRISE,
    MANAGE_ORG_UNITS,
    Actor,
)
from labour_democracy.core.schemas import EnterpriseForm, OrgUnitForm, Page
from labour_democracy.core.scope import EnterpriseContext, get_owned, visible_enterprises
from labour_democracy.core.tables import Commune, Enterprise, OrgUnit, Province, Worker
from labour_democracy.db import contains, write_transaction
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today


def active_workers(enterprise_id: int, on: dt.date):
    """Where-clause for the active roster (rules.is_active, as SQL)."""
    return (Worker.enterprise == enterprise_id) & (
        Worker.end_date.is_null() | (Worker.end_date > on)
    )


@dataclass(frozen=True)
class Workforce:
    """Active workers on the roster, and the day they were counted."""

    count: int
    counted_on: dt.date


# The roster and unit pages run these reads on every view, so they are hand-written: building
# the same queries with the ORM cost more than running them (docs/decisions/sqlite-engine.md).
# ACTIVE_WORKER_SQL is `active_workers` (rules.is_active) for a worker table aliased `w`.
ACTIVE_WORKER_SQL = "w.enterprise = {} AND (w.end_date IS NULL OR w.end_date > {})"
_WORKFORCE_SQL = f"SELECT COUNT(*) AS count FROM worker AS w WHERE {ACTIVE_WORKER_SQL}"


async def workforce(enterprise_id: int, on: dt.date | None = None) -> Workforce:
    on = on or today()
    rows = await Worker.raw(_WORKFORCE_SQL, enterprise_id, on)
    return Workforce(rows[0]["count"], on)


@dataclass(frozen=True)
class Profile:
    """What the enterprise page shows beside the enterprise's own columns."""

    province: str
    commune: str
    workforce: Workforce
    org_units: int
    address: str = ""  # the head office with its commune and province, each named once


async def profile(context: EnterpriseContext) -> Profile:
    enterprise = context.enterprise
    province = (
        await Province.select(Province.name).where(Province.id == enterprise.province).first()
    )
    commune = await Commune.select(Commune.name).where(Commune.id == enterprise.commune).first()
    return Profile(
        province=province["name"] if province else "",
        commune=commune["name"] if commune else "",
        workforce=await workforce(enterprise.id),
        org_units=await OrgUnit.count().where(OrgUnit.enterprise == enterprise.id),
        address=rules.full_address(
            enterprise.address or "",
            commune["name"] if commune else "",
            province["name"] if province else "",
        ),
    )


async def by_public_token(token: str) -> Enterprise:
    """The enterprise whose public page this is (anyone may read it)."""
    enterprise = await Enterprise.objects().where(Enterprise.public_token == token).first()
    if enterprise is None or not token:
        raise NotFound
    return enterprise


async def list_enterprises(actor: Actor, q: str | None = None, page: int = 1, per_page: int = 20):
    query = Enterprise.select(
        Enterprise.id,
        Enterprise.name,
        Enterprise.tax_code,
        Enterprise.ownership,
        Enterprise.province.name.as_alias("province_name"),
    )
    count = Enterprise.count()
    for clause in filter(None, [visible_enterprises(actor), _search(q)]):
        query = query.where(clause)
        count = count.where(clause)
    total = await count
    page = max(1, min(page, max(1, -(-total // per_page))))
    rows = await query.order_by(Enterprise.name).limit(per_page).offset((page - 1) * per_page)
    on = today()
    counts = {
        row["enterprise"]: row["count"]
        for row in await Worker.select(Worker.enterprise, Count())
        .where(Worker.enterprise.is_in([r["id"] for r in rows] or [-1]))
        .where(Worker.end_date.is_null() | (Worker.end_date > on))
        .group_by(Worker.enterprise)
    }
    for row in rows:
        row["workforce"] = counts.get(row["id"], 0)
    return Page(rows=rows, total=total, page=page, per_page=per_page)


def _search(q: str | None):
    if not q or not q.strip():
        return None
    term = q.strip()
    # The English name too: people often type a Vietnamese name without its diacritics,
    # and the English name usually carries it that way ("Song Hong" for "Sông Hồng").
    return (
        contains(Enterprise.name, term)
        | contains(Enterprise.name_en, term)
        | contains(Enterprise.tax_code, term)
    )


_LENGTH_LIMITS = {
    "name": 255,
    "name_en": 255,
    "address": 500,
    "legal_representative": 255,
    "legal_representative_title": 255,
    "representative_body": 255,
}


async def _validate(form: EnterpriseForm, enterprise_id: int | None = None) -> None:
    errors: dict[str, str] = {}
    if not rules.is_valid_tax_code(form.tax_code):
        errors["tax_code"] = _(
            "A tax code has 10 digits, or 10 digits, a hyphen and 3 digits for a branch "
            "(e.g. 0101234567 or 0101234567-001)."
        )
    else:
        clash = Enterprise.tax_code == form.tax_code
        if enterprise_id is not None:
            clash &= Enterprise.id != enterprise_id
        if await Enterprise.exists().where(clash):
            errors["tax_code"] = _("Another enterprise already has this tax code.")
    if not rules.is_valid_document_symbol(form.symbol):
        errors["symbol"] = _(
            "Use 1 to 10 capital letters or digits, e.g. CTMA; it ends document numbers "
            "such as 01/TB-CTMA."
        )
    if form.sector not in rules.VSIC_SECTIONS:
        errors["sector"] = _("Choose a VSIC section letter from A to U.")
    if not await Province.exists().where(Province.id == form.province):
        errors["province"] = _("Choose a province.")
    elif form.commune is not None and not await Commune.exists().where(
        (Commune.id == form.commune) & (Commune.province == form.province)
    ):
        errors["commune"] = _("This commune is not in the chosen province.")
    if not calendar.rest_days_valid(form.weekly_rest_days):
        errors["weekly_rest_days"] = _("Choose the weekly rest days from the list.")
    if form.min_wage_region is not None and form.min_wage_region not in (1, 2, 3, 4):
        errors["min_wage_region"] = _("Choose region I, II, III or IV (Decree 293/2025/NĐ-CP).")
    if not rules.is_valid_fiscal_year_end(form.fiscal_year_end_month, form.fiscal_year_end_day):
        errors["fiscal_year_end_day"] = _("This day does not exist in that month every year.")
    for field, limit in _LENGTH_LIMITS.items():
        if len(getattr(form, field) or "") > limit:
            errors[field] = _("At most {n} characters.").format(n=limit)
    if errors:
        raise Invalid(errors)


def _values(form: EnterpriseForm) -> dict:
    return {
        Enterprise.name: form.name,
        Enterprise.name_en: form.name_en,
        Enterprise.symbol: form.symbol,
        Enterprise.tax_code: form.tax_code,
        Enterprise.ownership: form.ownership.value,
        Enterprise.sector: form.sector,
        Enterprise.address: form.address,
        Enterprise.province: form.province,
        Enterprise.commune: form.commune,
        Enterprise.legal_representative: form.legal_representative,
        Enterprise.legal_representative_title: form.legal_representative_title,
        Enterprise.fiscal_year_end_month: form.fiscal_year_end_month,
        Enterprise.fiscal_year_end_day: form.fiscal_year_end_day,
        Enterprise.representation: form.representation.value,
        Enterprise.representative_body: form.representative_body or "",
        Enterprise.weekly_rest_days: form.weekly_rest_days,
        Enterprise.min_wage_region: form.min_wage_region,
    }


async def create_enterprise(actor: Actor, form: EnterpriseForm) -> int:
    if not ADMINISTER.allows(actor.roles):
        raise Forbidden
    form.symbol = form.symbol.upper()
    await _validate(form)
    async with write_transaction():
        enterprise = Enterprise(**{column._meta.name: v for column, v in _values(form).items()})
        await enterprise.save()
        await audit.record(actor, "enterprise.created", "enterprise", enterprise.id, enterprise.id)
    return enterprise.id


async def update_enterprise(context: EnterpriseContext, form: EnterpriseForm) -> None:
    if not context.can(EDIT_ENTERPRISE):
        raise Forbidden
    form.symbol = form.symbol.upper()
    await _validate(form, context.enterprise_id)
    values = _values(form)
    changed = sorted(
        column._meta.name
        for column, value in values.items()
        if getattr(context.enterprise, column._meta.name) != value
    )
    async with write_transaction():
        await Enterprise.update(values).where(Enterprise.id == context.enterprise_id)
        await audit.record(
            context.actor,
            "enterprise.updated",
            "enterprise",
            context.enterprise_id,
            context.enterprise_id,
            fields=changed,
        )
        await enterprise_changed(context.enterprise_id)


async def province_choices() -> list[dict]:
    return await Province.select(Province.id, Province.name).order_by(Province.name)


async def commune_choices(province_id: int | None) -> list[dict]:
    if province_id is None:
        return []
    return (
        await Commune.select(Commune.id, Commune.name)
        .where(Commune.province == province_id)
        .order_by(Commune.name)
    )


# Org units -----------------------------------------------------------------------------------


@dataclass
class OrgUnitNode:
    id: int
    name: str
    kind: str
    parent: int | None
    depth: int
    headcount: int


_UNIT_HEADCOUNT_SQL = (
    "SELECT u.id, u.name, u.kind, u.parent, COUNT(w.id) AS headcount"
    f" FROM org_unit AS u LEFT JOIN worker AS w ON w.org_unit = u.id AND {ACTIVE_WORKER_SQL}"
    " WHERE u.enterprise = {}"
    " GROUP BY u.id, u.name, u.kind, u.parent"
)


async def org_unit_tree(context: EnterpriseContext) -> list[OrgUnitNode]:
    """The enterprise's units, depth-first, each with its active headcount (own unit only)."""
    enterprise_id = context.enterprise_id
    units = await OrgUnit.raw(_UNIT_HEADCOUNT_SQL, enterprise_id, today(), enterprise_id)
    children: dict[int | None, list[dict]] = {}
    for unit in units:
        children.setdefault(unit["parent"], []).append(unit)
    ordered: list[OrgUnitNode] = []

    def walk(parent: int | None, depth: int) -> None:
        for unit in sorted(children.get(parent, []), key=lambda u: rules.fold(u["name"])):
            ordered.append(
                OrgUnitNode(
                    unit["id"],
                    unit["name"],
                    unit["kind"],
                    parent,
                    depth,
                    unit["headcount"],
                )
            )
            walk(unit["id"], depth + 1)

    walk(None, 0)
    return ordered


async def _check_org_unit(context: EnterpriseContext, form: OrgUnitForm, unit_id: int | None):
    errors: dict[str, str] = {}
    if len(form.name) > 255:
        errors["name"] = _("At most {n} characters.").format(n=255)
    if form.parent is not None:
        try:
            await get_owned(context, OrgUnit, form.parent)
        except NotFound:
            errors["parent"] = _("Choose a unit of this enterprise.")
        else:
            if unit_id is not None and await _is_descendant(form.parent, unit_id):
                errors["parent"] = _("A unit cannot sit inside itself or one of its sub-units.")
    siblings = (OrgUnit.enterprise == context.enterprise_id) & (
        OrgUnit.parent.is_null() if form.parent is None else OrgUnit.parent == form.parent
    )
    if unit_id is not None:
        siblings &= OrgUnit.id != unit_id
    if "name" not in errors:
        names = await OrgUnit.select(OrgUnit.name).where(siblings)
        if any(rules.fold(n["name"]) == rules.fold(form.name) for n in names):
            errors["name"] = _("A unit with this name already exists at this level.")
    if errors:
        raise Invalid(errors)


async def _is_descendant(candidate: int, ancestor: int) -> bool:
    current: int | None = candidate
    seen: set[int] = set()
    while current is not None and current not in seen:
        if current == ancestor:
            return True
        seen.add(current)
        row = await OrgUnit.select(OrgUnit.parent).where(OrgUnit.id == current).first()
        current = row["parent"] if row else None
    return False


async def create_org_unit(context: EnterpriseContext, form: OrgUnitForm) -> int:
    if not context.can(MANAGE_ORG_UNITS):
        raise Forbidden
    await _check_org_unit(context, form, None)
    async with write_transaction():
        unit = OrgUnit(
            enterprise=context.enterprise_id,
            name=form.name,
            kind=form.kind.value,
            parent=form.parent,
        )
        await unit.save()
        await audit.record(
            context.actor, "org_unit.created", "org_unit", unit.id, context.enterprise_id
        )
    return unit.id


async def update_org_unit(context: EnterpriseContext, unit_id: int, form: OrgUnitForm) -> None:
    if not context.can(MANAGE_ORG_UNITS):
        raise Forbidden
    await get_owned(context, OrgUnit, unit_id)
    await _check_org_unit(context, form, unit_id)
    async with write_transaction():
        await OrgUnit.update(
            {OrgUnit.name: form.name, OrgUnit.kind: form.kind.value, OrgUnit.parent: form.parent}
        ).where(OrgUnit.id == unit_id)
        await audit.record(
            context.actor, "org_unit.updated", "org_unit", unit_id, context.enterprise_id
        )


async def delete_org_unit(context: EnterpriseContext, unit_id: int) -> None:
    if not context.can(MANAGE_ORG_UNITS):
        raise Forbidden
    unit = await get_owned(context, OrgUnit, unit_id)
    async with write_transaction():
        if await OrgUnit.exists().where(OrgUnit.parent == unit_id):
            raise Conflict(_("Move or delete its sub-units first."))
        if await Worker.exists().where(Worker.org_unit == unit_id):
            raise Conflict(_("Workers belong to this unit; move them to another unit first."))
        await OrgUnit.delete().where(OrgUnit.id == unit.id)
        await audit.record(
            context.actor, "org_unit.deleted", "org_unit", unit_id, context.enterprise_id
        )
