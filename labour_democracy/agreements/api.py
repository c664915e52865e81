"""JSON API (/api/v1, read only) for the enterprise's agreements: each agreement with its
versions, the legal check of every clause and the results of its approval votes."""

from __future__ import annotations

import datetime as dt

import msgspec
from litestar import Controller, get

from labour_democracy.agreements import inputs, queries
from labour_democracy.agreements.permissions import VIEW_AGREEMENTS
from labour_democracy.agreements.tables import AgreementVersion
from labour_democracy.core.api import READ_PROBLEMS
from labour_democracy.core.errors import NotFound
from labour_democracy.web.params import Context, Id


class AgreementOut(msgspec.Struct, kw_only=True):
    id: int
    kind: str
    amends: int | None
    title: str
    status: str
    requested_by: str
    received_on: dt.date
    reply_due_on: dt.date
    replied_on: dt.date | None
    first_session_due_on: dt.date
    first_session_on: dt.date | None
    bargaining_due_on: dt.date | None
    failed_on: dt.date | None
    signed_on: dt.date | None
    effective_on: dt.date | None
    term_months: int | None
    expires_on: dt.date | None
    published_on: dt.date | None
    filed_on: dt.date | None
    receipt_on: dt.date | None


class ClauseCheckOut(msgspec.Struct, kw_only=True):
    id: int
    chapter: int
    title: str
    status: str
    term: str
    value: str | None
    verdict: str | None  # below / equal / more_favourable / no_baseline; null without a term
    floor: str | None
    floor_source: str | None
    became_unlawful: bool


class VoteOut(msgspec.Struct, kw_only=True):
    ballot: int
    version: int | None
    votes_for: int | None
    workforce: int | None  # all workers frozen on the vote date (Art. 76(1))
    passed: bool | None
    recorded_on: dt.date | None


class VersionOut(msgspec.Struct, kw_only=True):
    number: int
    reason: str
    made_on: dt.date
    content: list[dict] | None = None


class AgreementDetailOut(msgspec.Struct, kw_only=True):
    agreement: AgreementOut
    clauses: list[ClauseCheckOut]
    votes: list[VoteOut]
    versions: list[VersionOut]


def _agreement_out(row) -> AgreementOut:
    data = row if isinstance(row, dict) else row.to_dict()
    return msgspec.convert(data, AgreementOut, from_attributes=True, strict=False)


class AgreementsApi(Controller):
    path = "/api/v1/enterprises/{enterprise_id:int}/agreements"
    tags = ["agreements"]

    @get("/", opt={"permission": VIEW_AGREEMENTS}, responses=READ_PROBLEMS)
    async def list_agreements(self, context: Context) -> list[AgreementOut]:
        rows, _total = await queries.list_agreements(context, 1)
        return [_agreement_out(row) for row in rows]

    @get("/{agreement_id:int}", opt={"permission": VIEW_AGREEMENTS}, responses=READ_PROBLEMS)
    async def get_agreement(self, context: Context, agreement_id: Id) -> AgreementDetailOut:
        agreement = await inputs.agreement(context, agreement_id)
        view = await queries.agreement_view(context, agreement)
        return AgreementDetailOut(
            agreement=_agreement_out(agreement),
            clauses=[
                ClauseCheckOut(
                    id=c.id,
                    chapter=c.chapter,
                    title=c.title,
                    status=c.status,
                    term=c.term,
                    value=str(c.value) if c.value is not None else None,
                    verdict=c.verdict.value if c.verdict else None,
                    floor=str(c.floor.value) if c.floor else None,
                    floor_source=c.floor.source if c.floor else None,
                    became_unlawful=c.became_unlawful,
                )
                for c in view.clauses
            ],
            votes=[msgspec.convert(v, VoteOut, strict=False) for v in view.votes],
            versions=[msgspec.convert(v, VersionOut, strict=False) for v in view.versions],
        )

    @get(
        "/{agreement_id:int}/versions/{version_number:int}",
        opt={"permission": VIEW_AGREEMENTS},
        responses=READ_PROBLEMS,
    )
    async def get_version(
        self, context: Context, agreement_id: Id, version_number: Id
    ) -> VersionOut:
        agreement = await inputs.agreement(context, agreement_id)
        row = (
            await AgreementVersion.select()
            .where(
                (AgreementVersion.agreement == agreement.id)
                & (AgreementVersion.number == version_number)
            )
            .first()
        )
        if row is None:
            raise NotFound
        content = row["content"]
        if isinstance(content, str):
            content = msgspec.json.decode(content)
        return VersionOut(
            number=row["number"], reason=row["reason"], made_on=row["made_on"], content=content
        )


ROUTES = [AgreementsApi]
