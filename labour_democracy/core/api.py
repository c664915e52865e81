"""JSON API (/api/v1) for enterprises, org units and the roster; the same use cases as the pages."""

from __future__ import annotations

import datetime as dt

import msgspec
from litestar import Controller, Request, delete, get, post, put
from litestar.openapi.datastructures import ResponseSpec

from labour_democracy.core import enterprises, roster
from labour_democracy.core.permissions import (
    ADMINISTER,
    EDIT_ENTERPRISE,
    MANAGE_ORG_UNITS,
    MANAGE_ROSTER,
    VIEW_ROSTER,
)
from labour_democracy.core.schemas import (
    EnterpriseForm,
    OrgUnitForm,
    PageOut,
    RosterQuery,
    WorkerForm,
)
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Enterprise
from labour_democracy.web.forms import parse
from labour_democracy.web.params import Context, CurrentActor, FromQuery, Id, JSONForm

EnterpriseJSON = JSONForm(EnterpriseForm)
OrgUnitJSON = JSONForm(OrgUnitForm)
WorkerJSON = JSONForm(WorkerForm)


class EnterpriseOut(msgspec.Struct):
    id: int
    name: str
    name_en: str | None
    symbol: str
    tax_code: str
    ownership: str
    sector: str
    address: str
    province: int
    commune: int | None
    legal_representative: str
    legal_representative_title: str
    fiscal_year_end_month: int
    fiscal_year_end_day: int
    representation: str
    representative_body: str
    weekly_rest_days: str  # weekday numbers, Monday 0 ... Sunday 6 (Labour Code Art. 111(2))
    saturday_works: bool  # derived from weekly_rest_days, for clients written before it
    min_wage_region: int | None
    workforce: int
    workforce_counted_on: dt.date


class EnterpriseSummary(msgspec.Struct):
    id: int
    name: str
    tax_code: str
    ownership: str
    province_name: str
    workforce: int


class OrgUnitOut(msgspec.Struct):
    id: int
    name: str
    kind: str
    parent: int | None
    depth: int
    headcount: int


class WorkerOut(msgspec.Struct):
    id: int
    employee_code: str
    full_name: str
    gender: str
    org_unit: int | None
    position: str
    contract_type: str
    start_date: dt.date | None
    end_date: dt.date | None
    nationality: str
    union_member: bool
    phone: str | None
    email: str | None


class Created(msgspec.Struct):
    id: int


class Problem(msgspec.Struct, kw_only=True):
    """An error, as RFC 9457 problem details (web/errors.py writes them)."""

    type: str
    title: str
    status: int
    detail: str
    errors: dict[str, str] | None = None  # field -> message, for 422


_MEANINGS = {
    400: "The request is malformed (a body that is not JSON, a path id that is not a number).",
    401: "Not signed in: sign in through /login and send the session cookie.",
    403: "The role does not allow this action, or the CSRF token is missing or stale.",
    404: "No such record, or not one this account may see.",
    409: "The record's state does not allow this now.",
    422: "Input is not valid (a field, or a query parameter or header that is too long): "
    "`errors` names each field with its message.",
}


def _problems(*statuses: int) -> dict[int, ResponseSpec]:
    """The error answers of a route, documented in the OpenAPI schema."""
    return {
        status: ResponseSpec(
            data_container=Problem,
            description=_MEANINGS[status],
            media_type="application/problem+json",
            generate_examples=False,
        )
        for status in statuses
    }


# Every route can answer these: bad syntax, no session, a too-long query parameter (web/params.py).
READ_PROBLEMS = _problems(400, 401, 403, 404, 422)
_WRITE = _problems(400, 401, 403, 404, 409, 422)


async def _enterprise_out(context: EnterpriseContext) -> EnterpriseOut:
    enterprise = await Enterprise.select().where(Enterprise.id == context.enterprise_id).first()
    workforce = await enterprises.workforce(context.enterprise_id)
    return msgspec.convert(
        {
            **enterprise,
            "saturday_works": "5" not in enterprise["weekly_rest_days"].split(","),
            "workforce": workforce.count,
            "workforce_counted_on": workforce.counted_on,
        },
        EnterpriseOut,
    )


def _worker_out(worker) -> WorkerOut:
    return msgspec.convert(worker.to_dict(), WorkerOut, from_attributes=True)


class EnterpriseApi(Controller):
    path = "/api/v1/enterprises"
    tags = ["enterprises"]

    @get("/", responses=READ_PROBLEMS)
    async def list_enterprises(
        self, actor: CurrentActor, q: FromQuery[str | None] = None, page: FromQuery[int] = 1
    ) -> PageOut:
        listing = await enterprises.list_enterprises(actor, q, page)
        items = [msgspec.convert(r, EnterpriseSummary) for r in listing.rows]
        return PageOut.of(listing, items)

    @post("/", opt={"permission": ADMINISTER}, responses=_WRITE)
    async def create_enterprise(self, actor: CurrentActor, data: EnterpriseJSON) -> Created:
        form = parse(EnterpriseForm, data)
        return Created(await enterprises.create_enterprise(actor, form))

    @get("/{enterprise_id:int}", responses=READ_PROBLEMS)
    async def get_enterprise(self, context: Context) -> EnterpriseOut:
        return await _enterprise_out(context)

    @put("/{enterprise_id:int}", opt={"permission": EDIT_ENTERPRISE}, responses=_WRITE)
    async def update_enterprise(self, context: Context, data: EnterpriseJSON) -> EnterpriseOut:
        await enterprises.update_enterprise(context, parse(EnterpriseForm, data))
        return await _enterprise_out(context)

    @get("/{enterprise_id:int}/org-units", responses=READ_PROBLEMS)
    async def list_org_units(self, context: Context) -> list[OrgUnitOut]:
        tree = await enterprises.org_unit_tree(context)
        return [msgspec.convert(node, OrgUnitOut, from_attributes=True) for node in tree]

    @post("/{enterprise_id:int}/org-units", opt={"permission": MANAGE_ORG_UNITS}, responses=_WRITE)
    async def create_org_unit(self, context: Context, data: OrgUnitJSON) -> Created:
        return Created(await enterprises.create_org_unit(context, parse(OrgUnitForm, data)))

    @put(
        "/{enterprise_id:int}/org-units/{unit_id:int}",
        opt={"permission": MANAGE_ORG_UNITS},
        responses=_WRITE,
    )
    async def update_org_unit(self, context: Context, unit_id: Id, data: OrgUnitJSON) -> None:
        await enterprises.update_org_unit(context, unit_id, parse(OrgUnitForm, data))

    @delete(
        "/{enterprise_id:int}/org-units/{unit_id:int}",
        opt={"permission": MANAGE_ORG_UNITS},
        responses=_WRITE,
    )
    async def delete_org_unit(self, context: Context, unit_id: Id) -> None:
        await enterprises.delete_org_unit(context, unit_id)

    @get("/{enterprise_id:int}/workers", opt={"permission": VIEW_ROSTER}, responses=READ_PROBLEMS)
    async def list_workers(self, request: Request, context: Context) -> PageOut:
        query = parse(RosterQuery, dict(request.query_params))
        listing = await roster.list_workers(context, query)
        items = [msgspec.convert(row, WorkerOut) for row in listing.rows]
        return PageOut.of(listing, items)

    @post("/{enterprise_id:int}/workers", opt={"permission": MANAGE_ROSTER}, responses=_WRITE)
    async def create_worker(self, context: Context, data: WorkerJSON) -> Created:
        return Created(await roster.create_worker(context, parse(WorkerForm, data)))

    @get(
        "/{enterprise_id:int}/workers/{worker_id:int}",
        opt={"permission": VIEW_ROSTER},
        responses=READ_PROBLEMS,
    )
    async def get_worker(self, context: Context, worker_id: Id) -> WorkerOut:
        return _worker_out(await roster.get_worker(context, worker_id))

    @put(
        "/{enterprise_id:int}/workers/{worker_id:int}",
        opt={"permission": MANAGE_ROSTER},
        responses=_WRITE,
    )
    async def update_worker(self, context: Context, worker_id: Id, data: WorkerJSON) -> WorkerOut:
        await roster.update_worker(context, worker_id, parse(WorkerForm, data))
        return _worker_out(await roster.get_worker(context, worker_id))

    @delete(
        "/{enterprise_id:int}/workers/{worker_id:int}",
        opt={"permission": MANAGE_ROSTER},
        responses=_WRITE,
    )
    async def delete_worker(self, context: Context, worker_id: Id) -> None:
        await roster.delete_worker(context, worker_id)


ROUTES = [EnterpriseApi]
