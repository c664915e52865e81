"""Readers the agreements pages, the API, the deadlines and the public page share: the list,
one agreement with its deadlines, teams, sessions, checked clauses and votes; the published
agreements and minutes. They check no permission: callers have scoped the records."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from labour_democracy.agreements import (
    approval,
    bargaining,
    criteria,
    grading,
    inputs,
    ledger,
    rules,
)
from labour_democracy.agreements.floors import Verdict
from labour_democracy.agreements.tables import (
    Agreement,
    AgreementStatus,
    AgreementVersion,
    ApprovalVote,
    BargainingSession,
)
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.i18n import today

PER_PAGE = 20


async def list_agreements(context: EnterpriseContext, page: int = 1) -> tuple[list[dict], int]:
    clause = Agreement.enterprise == context.enterprise_id
    total = await Agreement.count().where(clause)
    rows = (
        await Agreement.select()
        .where(clause)
        .order_by(Agreement.id, ascending=False)
        .limit(PER_PAGE)
        .offset((max(1, page) - 1) * PER_PAGE)
    )
    return rows, total


async def renegotiating(enterprise_id: int, agreement: Agreement) -> bool:
    """A newer agreement is being bargained (Art. 83(2) continuation)."""
    return await Agreement.exists().where(
        (Agreement.enterprise == enterprise_id)
        & (Agreement.id > agreement.id)
        & Agreement.status.is_in(
            [AgreementStatus.BARGAINING.value, AgreementStatus.VOTING.value,
             AgreementStatus.APPROVED.value]
        )
    )  # fmt: skip


@dataclass
class AgreementView:
    agreement: Agreement
    team: list[dict]
    sessions: list[dict]
    chapters: list[dict]
    clauses: list[ledger.CheckedClause]
    votes: list[dict]
    versions: list[dict]
    failure_grounds: list[str]
    blocking: list[str]
    standing: rules.Standing | None
    filing_due_on: dt.date | None
    filed_in_time: bool | None
    renewal_opens_on: dt.date | None
    continuation_ends_on: dt.date | None
    below: list[ledger.CheckedClause] = field(default_factory=list)
    grade: grading.Grade | None = None
    frame: grading.Frame | None = None  # the criteria that gave the grade


async def agreement_view(context: EnterpriseContext, agreement: Agreement) -> AgreementView:
    region = context.enterprise.min_wage_region
    clauses = await ledger.checked_clauses(agreement, region)
    frame = await criteria.frame_for(context.enterprise.province)
    on = today()
    signed = agreement.signed_on
    return AgreementView(
        agreement=agreement,
        team=await bargaining.team(agreement.id),
        sessions=await BargainingSession.select()
        .where(BargainingSession.agreement == agreement.id)
        .order_by(BargainingSession.number),
        chapters=await ledger.chapters(agreement.id),
        clauses=clauses,
        votes=await ApprovalVote.select()
        .where(ApprovalVote.agreement == agreement.id)
        .order_by(ApprovalVote.id),
        versions=await AgreementVersion.select(
            AgreementVersion.id,
            AgreementVersion.number,
            AgreementVersion.reason,
            AgreementVersion.made_on,
        )
        .where(AgreementVersion.agreement == agreement.id)
        .order_by(AgreementVersion.number),
        failure_grounds=bargaining.failure_grounds(
            agreement, on, await inputs.week(context.enterprise)
        ),
        blocking=await approval.blocking_clauses(context, agreement)
        if agreement.status == AgreementStatus.BARGAINING
        else [],
        standing=approval.standing(
            agreement, await renegotiating(context.enterprise_id, agreement), on
        ),
        filing_due_on=rules.filing_due(signed) if signed else None,
        filed_in_time=rules.filed_in_time(agreement.filed_on, signed, on) if signed else None,
        renewal_opens_on=rules.renewal_opens(agreement.expires_on)
        if agreement.expires_on
        else None,
        continuation_ends_on=rules.continuation_ends(agreement.expires_on)
        if agreement.expires_on
        else None,
        below=[c for c in clauses if c.verdict is Verdict.BELOW],
        grade=grading.grade(
            [
                (c.term, c.verdict, c.value)
                for c in clauses
                if c.verdict is not None and c.status != "clause_withdrawn"
            ],
            frame,
        ),
        frame=frame,
    )


async def signed_agreements(enterprise_id: int) -> list[Agreement]:
    return (
        await Agreement.objects()
        .where(
            (Agreement.enterprise == enterprise_id)
            & (Agreement.status == AgreementStatus.SIGNED.value)
        )
        .order_by(Agreement.signed_on)
    )


async def published_for_public(enterprise) -> dict | None:
    """The published agreements (their text) and the published minutes, for the workers'
    page (Arts. 70(5), 76(6))."""
    rows = (
        await Agreement.objects()
        .where((Agreement.enterprise == enterprise.id) & Agreement.published_on.is_not_null())
        .order_by(Agreement.published_on, ascending=False)
        .limit(5)
    )
    agreements = []
    for agreement in rows:
        clauses = await ledger.checked_clauses(agreement, None)
        agreements.append(
            {
                "agreement": agreement,
                "text": ledger.text_of(await ledger.chapters(agreement.id), clauses),
            }
        )
    minutes = (
        await BargainingSession.select(
            BargainingSession.number,
            BargainingSession.held_on,
            BargainingSession.published_on,
            BargainingSession.agreement.title.as_alias("title"),
        )
        .where(
            (BargainingSession.enterprise == enterprise.id)
            & BargainingSession.published_on.is_not_null()
        )
        .order_by(BargainingSession.published_on, ascending=False)
        .limit(10)
    )
    if not agreements and not minutes:
        return None
    return {"agreements": agreements, "minutes": minutes, "token": enterprise.public_token}


async def version_text(agreement: Agreement, number: int) -> tuple[str, list[dict]]:
    """A version's text by number, or the current draft for 0 (or an unknown number)."""
    if number:
        row = (
            await AgreementVersion.select(AgreementVersion.content)
            .where(
                (AgreementVersion.agreement == agreement.id) & (AgreementVersion.number == number)
            )
            .first()
        )
        if row is not None:
            content = row["content"]
            return str(number), json.loads(content) if isinstance(content, str) else content
    clauses = await ledger.checked_clauses(agreement, None)
    return "", ledger.text_of(await ledger.chapters(agreement.id), clauses)


async def amended_text(agreement: Agreement) -> list[dict]:
    """For an amendment, the text of the agreement it amends as signed (its last version)."""
    if not agreement.amends:
        return []
    row = (
        await AgreementVersion.select(AgreementVersion.content)
        .where(AgreementVersion.agreement == agreement.amends)
        .order_by(AgreementVersion.number, ascending=False)
        .first()
    )
    if row is None:
        return []
    content = row["content"]
    return json.loads(content) if isinstance(content, str) else content
