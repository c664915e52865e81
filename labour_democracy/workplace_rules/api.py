"""JSON API (/api/v1, read only): the democracy regulation's versions and the disclosures."""

from __future__ import annotations

import datetime as dt

import msgspec
from litestar import Controller, get

# The error answers every read route documents (the API's one Problem shape).
from labour_democracy.core.api import READ_PROBLEMS
from labour_democracy.web.params import Context
from labour_democracy.workplace_rules import disclosure, regulation
from labour_democracy.workplace_rules.permissions import VIEW_RULES


class RegulationVersionOut(msgspec.Struct):
    id: int
    number: int
    status: str
    issued_on: dt.date | None
    published_on: dt.date | None
    decision_document: int | None
    regulation_document: int | None
    decision_reference: str | None
    regulation_reference: str | None


class DisclosureOut(msgspec.Struct):
    id: int
    matter: str
    title: str
    decided_on: dt.date
    due_on: dt.date
    disclosed_on: dt.date | None
    posted_until: dt.date | None
    late: bool
    notice_document: int | None
    reference: str | None


class WorkplaceRulesApi(Controller):
    path = "/api/v1/enterprises/{enterprise_id:int}"
    tags = ["workplace rules"]

    @get("/regulation-versions", opt={"permission": VIEW_RULES}, responses=READ_PROBLEMS)
    async def regulation_versions(self, context: Context) -> list[RegulationVersionOut]:
        rows = await regulation.versions(context.enterprise_id)
        return [msgspec.convert(row, RegulationVersionOut) for row in rows]

    @get("/disclosures", opt={"permission": VIEW_RULES}, responses=READ_PROBLEMS)
    async def disclosures(self, context: Context) -> list[DisclosureOut]:
        rows = await disclosure.list_disclosures(context.enterprise_id)
        return [
            msgspec.convert({**row, "late": disclosure.is_late(row)}, DisclosureOut) for row in rows
        ]


ROUTES = [WorkplaceRulesApi]
