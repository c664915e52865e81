"""Use cases for the worker roster (danh sách người lao động)."""

from __future__ import annotations

import datetime as dt
import re

from labour_democracy.core import audit, rules
from labour_democracy.core.changes import enterprise_changed
from labour_democracy.core.enterprises import ACTIVE_WORKER_SQL
from labour_democracy.core.errors import Conflict, Forbidden, Invalid, NotFound
from labour_democracy.core.names import person_sort_key
from labour_democracy.core.permissions import MANAGE_ROSTER, VIEW_ROSTER
from labour_democracy.core.schemas import Page, RosterQuery, RosterSort, WorkerForm, WorkerStatus
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.core.tables import OrgUnit, Worker
from labour_democracy.db import contains_sql, like_pattern, write_transaction
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today

MAX_PER_PAGE = 200
_MAX_OFFSET = 2**62
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE = re.compile(r"\+?[0-9 .\-]{8,20}")
_COUNTRY = re.compile(r"[A-Z]{2}")

# The roster page runs on every view and every keystroke of its search box, so its query is
# hand-written: building it with the ORM cost more than running it. The total comes with the
# page from an uncorrelated subquery, which both engines run once (a window count would copy
# every matching row first) (docs/decisions/sqlite-engine.md).
_LIST_SQL = (
    "SELECT w.id, w.employee_code, w.full_name, w.gender, w.position, w.contract_type,"
    " w.start_date, w.end_date, w.union_member, w.nationality, w.phone, w.email,"
    " w.org_unit, u.name AS org_unit_name,"
    " (SELECT COUNT(*) FROM worker AS w WHERE {where}) AS matching"
    " FROM worker AS w LEFT JOIN org_unit AS u ON u.id = w.org_unit"
    " WHERE {where} ORDER BY {order} {direction}, w.id LIMIT {{}} OFFSET {{}}"
)
_COUNT_SQL = "SELECT COUNT(*) AS count FROM worker AS w WHERE {where}"
_SORT_COLUMNS = {
    RosterSort.NAME: "w.sort_key",
    RosterSort.CODE: "w.employee_code",
    RosterSort.UNIT: "u.name",
    RosterSort.START: "w.start_date",
}


def _filters(context: EnterpriseContext, query: RosterQuery) -> tuple[str, list]:
    """The WHERE clause (with `{}` placeholders) and its values."""
    on = today()
    if query.status is WorkerStatus.ACTIVE:
        conditions, values = [ACTIVE_WORKER_SQL], [context.enterprise_id, on]
    elif query.status is WorkerStatus.LEFT:
        conditions, values = ["w.enterprise = {}", "w.end_date <= {}"], [context.enterprise_id, on]
    else:
        conditions, values = ["w.enterprise = {}"], [context.enterprise_id]
    if query.q and query.q.strip():
        term = query.q.strip()
        conditions.append(f"({contains_sql('w.search_name')} OR {contains_sql('w.employee_code')})")
        values += [like_pattern(rules.fold(term)), like_pattern(term)]
    if query.org_unit is not None:
        conditions.append("w.org_unit = {}")
        values.append(query.org_unit)
    if query.union_member in ("yes", "no"):
        conditions.append("w.union_member = {}")
        values.append(query.union_member == "yes")
    return " AND ".join(conditions), values


async def list_workers(context: EnterpriseContext, query: RosterQuery) -> Page:
    if not context.can(VIEW_ROSTER):
        raise Forbidden
    per_page = max(1, min(query.per_page, MAX_PER_PAGE))
    where, values = _filters(context, query)
    sql = _LIST_SQL.format(
        where=where,
        order=_SORT_COLUMNS[query.sort],
        direction="DESC" if query.descending else "ASC",
    )
    # A page past the last is shown as the last one; the cap keeps its offset a 64-bit integer.
    page = max(1, min(query.page, _MAX_OFFSET // per_page))
    rows = await Worker.raw(sql, *values, *values, per_page, (page - 1) * per_page)
    if rows:
        total = rows[0]["matching"]
    elif page == 1:
        total = 0
    else:  # past the last page: show the last one, as the pager would
        total = (await Worker.raw(_COUNT_SQL.format(where=where), *values))[0]["count"]
        page = max(1, -(-total // per_page))
        rows = await Worker.raw(sql, *values, *values, per_page, (page - 1) * per_page)
    for row in rows:
        del row["matching"]
    return Page(rows=rows, total=total, page=page, per_page=per_page)


async def get_worker(context: EnterpriseContext, worker_id: int) -> Worker:
    if not context.can(VIEW_ROSTER):
        raise Forbidden
    return await get_owned(context, Worker, worker_id)


def check_worker_fields(form: WorkerForm) -> dict[str, str]:
    """Field rules shared by the form and the import (no database needed)."""
    errors: dict[str, str] = {}
    if len(form.employee_code) > 50:
        errors["employee_code"] = _("At most {n} characters.").format(n=50)
    if len(form.full_name) > 255:
        errors["full_name"] = _("At most {n} characters.").format(n=255)
    if form.start_date and form.end_date and form.end_date < form.start_date:
        errors["end_date"] = _("The end date is before the start date.")
    if form.email and not _EMAIL.fullmatch(form.email):
        errors["email"] = _("This is not an e-mail address.")
    if form.phone and not _PHONE.fullmatch(form.phone):
        errors["phone"] = _("Enter a phone number of 8 to 20 digits.")
    if not _COUNTRY.fullmatch(form.nationality.upper()):
        errors["nationality"] = _("Use a two-letter country code, e.g. VN.")
    return errors


def worker_values(form: WorkerForm) -> dict:
    return {
        "employee_code": form.employee_code,
        "full_name": form.full_name,
        "search_name": rules.fold(form.full_name),
        "sort_key": person_sort_key(form.full_name),
        "gender": form.gender.value,
        "org_unit": form.org_unit,
        "position": form.position or "",
        "contract_type": form.contract_type.value,
        "start_date": form.start_date,
        "end_date": form.end_date,
        "nationality": form.nationality.upper(),
        "union_member": form.union_member,
        "phone": form.phone,
        "email": form.email,
        "updated_at": dt.datetime.now(dt.UTC),
    }


async def _validate(context: EnterpriseContext, form: WorkerForm, worker_id: int | None) -> None:
    errors = check_worker_fields(form)
    clash = (Worker.enterprise == context.enterprise_id) & (
        Worker.employee_code == form.employee_code
    )
    if worker_id is not None:
        clash &= Worker.id != worker_id
    if "employee_code" not in errors and await Worker.exists().where(clash):
        errors["employee_code"] = _("Another worker already has this employee code.")
    if form.org_unit is not None:
        try:
            await get_owned(context, OrgUnit, form.org_unit)
        except NotFound:
            errors["org_unit"] = _("Choose a unit of this enterprise.")
    if errors:
        raise Invalid(errors)


async def create_worker(context: EnterpriseContext, form: WorkerForm) -> int:
    if not context.can(MANAGE_ROSTER):
        raise Forbidden
    await _validate(context, form, None)
    async with write_transaction():
        worker = Worker(enterprise=context.enterprise_id, **worker_values(form))
        await worker.save()
        await audit.record(
            context.actor, "worker.created", "worker", worker.id, context.enterprise_id
        )
        await enterprise_changed(context.enterprise_id)
    return worker.id


async def update_worker(context: EnterpriseContext, worker_id: int, form: WorkerForm) -> None:
    if not context.can(MANAGE_ROSTER):
        raise Forbidden
    worker = await get_owned(context, Worker, worker_id)
    await _validate(context, form, worker_id)
    values = worker_values(form)
    changed = sorted(k for k, v in values.items() if k != "updated_at" and getattr(worker, k) != v)
    async with write_transaction():
        await Worker.update({getattr(Worker, k): v for k, v in values.items()}).where(
            Worker.id == worker_id
        )
        await audit.record(
            context.actor,
            "worker.updated",
            "worker",
            worker_id,
            context.enterprise_id,
            fields=changed,
        )
        await enterprise_changed(context.enterprise_id)


async def delete_worker(context: EnterpriseContext, worker_id: int) -> None:
    """Remove a mistaken entry; a worker who left gets an end date instead."""
    if not context.can(MANAGE_ROSTER):
        raise Forbidden
    worker = await get_owned(context, Worker, worker_id)
    try:
        async with write_transaction():
            await Worker.delete().where(Worker.id == worker.id)
            await audit.record(
                context.actor, "worker.deleted", "worker", worker_id, context.enterprise_id
            )
            await enterprise_changed(context.enterprise_id)
    except Exception as error:  # a later module's record still points at this worker
        if "foreign key" in str(error).lower():
            raise Conflict(
                _("This worker appears in votes or meetings; record an end date instead.")
            ) from error
        raise
