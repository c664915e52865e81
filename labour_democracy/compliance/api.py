"""JSON API (/api/v1) for the federation's other systems: the register, each enterprise's
obligations, and the aggregates; read-only, the same use cases as the pages."""

from __future__ import annotations

import datetime as dt

import msgspec
from litestar import Controller, Request, get

from labour_democracy.compliance import dashboard
from labour_democracy.compliance.enterprise_pages import standing, year_asked
from labour_democracy.compliance.pages import filters
from labour_democracy.compliance.permissions import READ_DASHBOARD, VIEW_STANDING
from labour_democracy.core.api import READ_PROBLEMS, PageOut
from labour_democracy.web.params import Context, CurrentActor


class FigureOut(msgspec.Struct):
    obligation: str
    legal_source: str
    threshold: int
    held: int
    eligible: int
    rate: str | None  # percent, one decimal, rounded half up; null over zero eligible
    items_done: int  # the items behind it where counted: petitions resolved, ...
    items_due: int  # ... of those received (0: none counted)
    items_rate: str | None


class GroupOut(msgspec.Struct):
    id: int
    name: str
    figures: list[FigureOut]


class AggregatesOut(msgspec.Struct):
    year: int
    grouped_by: str
    totals: list[FigureOut]
    groups: list[GroupOut]


class ObligationOut(msgspec.Struct):
    obligation: str
    legal_source: str
    threshold: int
    state: str  # met, late, nothing_due, n/a
    source: str | None  # reported, recorded
    on: dt.date | None
    evidence: str | None


def _figures(lines: list[dashboard.Line]) -> list[FigureOut]:
    return [
        FigureOut(
            line.obligation.key,
            line.obligation.legal_source,
            line.threshold,
            line.figure.held,
            line.figure.eligible,
            None if line.figure.rate is None else str(line.figure.rate),
            line.items.held,
            line.items.eligible,
            None if line.items.rate is None else str(line.items.rate),
        )
        for line in lines
    ]


class ComplianceApi(Controller):
    path = "/api/v1/compliance"
    tags = ["compliance"]

    @get("/aggregates", opt={"permission": READ_DASHBOARD}, responses=READ_PROBLEMS)
    async def aggregates(self, request: Request, actor: CurrentActor) -> AggregatesOut:
        """Figures of the reader's scope (query: year, province, union, sector, ownership,
        size), by province or by upper-level union."""
        v = await dashboard.view(actor, filters(request))
        totals, group, groups = await dashboard.overview(v)
        return AggregatesOut(
            year=v.filters.year,
            grouped_by=group,
            totals=_figures(totals),
            groups=[GroupOut(g.id, g.name, _figures(g.lines)) for g in groups],
        )

    @get("/register", opt={"permission": READ_DASHBOARD}, responses=READ_PROBLEMS)
    async def register(self, request: Request, actor: CurrentActor) -> PageOut:
        """The register of the reader's scope, 100 a page, each with its states of the year."""
        v = await dashboard.view(actor, filters(request))
        raw = request.query_params.get("page") or "1"
        listing = await dashboard.enterprises(
            v, request.query_params.get("q"), int(raw) if raw.isdigit() else 1, 100
        )
        return PageOut.of(listing, listing.rows)

    @get("/late", opt={"permission": READ_DASHBOARD}, responses=READ_PROBLEMS)
    async def late(self, request: Request, actor: CurrentActor) -> PageOut:
        """The late obligations of the reader's scope (query `obligation` for one)."""
        v = await dashboard.view(actor, filters(request))
        raw = request.query_params.get("page") or "1"
        listing = await dashboard.late(
            v, request.query_params.get("obligation"), int(raw) if raw.isdigit() else 1, 100
        )
        return PageOut.of(listing, listing.rows)


class EnterpriseComplianceApi(Controller):
    path = "/api/v1/enterprises/{enterprise_id:int}/compliance"
    tags = ["compliance"]

    @get("/", opt={"permission": VIEW_STANDING}, responses=READ_PROBLEMS)
    async def obligations(self, request: Request, context: Context) -> list[ObligationOut]:
        """Each obligation of the enterprise for a year (query `year`)."""
        data = await standing(context, year_asked(request))
        return [
            ObligationOut(
                obligation=line["obligation"].key,
                legal_source=line["obligation"].legal_source,
                threshold=line["threshold"],
                state=line["state"],
                source=line["fact"]["source"] if line["fact"] else None,
                on=line["fact"]["on"] if line["fact"] else None,
                evidence=line["fact"]["evidence"] if line["fact"] else None,
            )
            for line in data["lines"]
        ]


ROUTES = [ComplianceApi, EnterpriseComplianceApi]
