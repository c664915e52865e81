"""The clause ledger: chapters and articles, each side's proposals per session with the
status of every article and its history, the legal check of each article's term, and the frozen
versions of the whole text (Labour Code 2019 Arts. 67, 70, 75(2))."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from labour_democracy.agreements import floors, inputs
from labour_democracy.agreements.labels import SKELETON
from labour_democracy.agreements.permissions import BARGAIN, ledger_may_change, side_allowed
from labour_democracy.agreements.schemas import ClauseForm, ProposalForm
from labour_democracy.agreements.tables import (
    Agreement,
    AgreementVersion,
    BargainingSession,
    BargainingSide,
    Chapter,
    Clause,
    ClauseStatus,
    Proposal,
)
from labour_democracy.core import audit
from labour_democracy.core.errors import Conflict, Forbidden
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.db import write_transaction
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today


async def add_skeleton(context: EnterpriseContext, agreement_id: int) -> None:
    """The chapters of Art. 67's topics, inside the caller's transaction."""
    await Chapter.insert(
        *(
            Chapter(agreement=agreement_id, position=i, title=vi, title_en=en)
            for i, (vi, en) in enumerate(SKELETON, start=1)
        )
    )


async def copy_clauses(
    context: EnterpriseContext,
    source_id: int,
    target_id: int,
    status: ClauseStatus = ClauseStatus.AGREED,
) -> None:
    """The chapters and articles of another agreement of the enterprise as the starting text
    (an amendment, or a new agreement after the previous one)."""
    source = await inputs.agreement(context, source_id)
    chapters = (
        await Chapter.select().where(Chapter.agreement == source.id).order_by(Chapter.position)
    )
    clauses = (
        await Clause.select()
        .where((Clause.agreement == source.id) & (Clause.status != ClauseStatus.WITHDRAWN.value))
        .order_by(Clause.position)
    )
    for chapter in chapters:
        copy = Chapter(
            agreement=target_id,
            position=chapter["position"],
            title=chapter["title"],
            title_en=chapter["title_en"],
        )
        await copy.save()
        copies = [
            Clause(
                enterprise=context.enterprise_id,
                agreement=target_id,
                chapter=copy.id,
                position=row["position"],
                title=row["title"],
                title_en=row["title_en"],
                text=row["text"],
                text_en=row["text_en"],
                term=row["term"],
                value=row["value"],
                status=status,
            )
            for row in clauses
            if row["chapter"] == chapter["id"]
        ]
        if copies:
            await Clause.insert(*copies)


def _term_and_value(errors: dict[str, str], term: str | None, typed: str | None):
    term = (term or "").strip()
    if term and term not in floors.KINDS_BY_KEY:
        errors["term"] = _("Choose a term from the list.")
        return "", None
    try:
        value = floors.parse_value(typed)
    except ValueError:
        errors["value"] = _("Write a number, e.g. 5.310.000 or 0,5.")
        return term, None
    if term and value is None:
        errors["value"] = _("Give the figure of this term.")
    if value is not None and not term:
        errors["term"] = _("Say what the figure is (the kind of term).")
    if value is not None and value >= Decimal(10) ** 14:
        errors["value"] = _("The figure is too large.")
    return term, value


async def add_clause(context: EnterpriseContext, agreement_id: int, form: ClauseForm) -> int:
    """A new article in a chapter, proposed by whoever writes it."""
    inputs.require(context, BARGAIN)
    errors: dict[str, str] = {}
    title = inputs.text(errors, "title", form.title, inputs.TITLE_LIMIT)
    text = inputs.text(errors, "text", form.text, inputs.TEXT_LIMIT)
    title_en = inputs.text(errors, "title_en", form.title_en, inputs.TITLE_LIMIT, required=False)
    text_en = inputs.text(errors, "text_en", form.text_en, inputs.TEXT_LIMIT, required=False)
    term, value = _term_and_value(errors, form.term, form.value)
    async with write_transaction():
        agreement = await inputs.agreement(context, agreement_id)
        chapter = (
            await Chapter.objects()
            .where((Chapter.id == form.chapter) & (Chapter.agreement == agreement.id))
            .first()
        )
        if chapter is None:
            errors["chapter"] = _("Choose a chapter of this agreement.")
        inputs.raise_if(errors)
        if not ledger_may_change(agreement):
            raise Conflict(_("The text changes only while bargaining."))
        position = await Clause.count().where(Clause.agreement == agreement.id) + 1
        clause = Clause(
            enterprise=context.enterprise_id,
            agreement=agreement.id,
            chapter=chapter.id,
            position=position,
            title=title,
            title_en=title_en,
            text=text,
            text_en=text_en,
            term=term,
            value=value,
        )
        await clause.save()
        await audit.record(
            context.actor,
            "agreement.clause_added",
            "agreement",
            agreement.id,
            context.enterprise_id,
            clause=clause.id,
        )
    return clause.id


async def propose(
    context: EnterpriseContext, agreement_id: int, clause_id: int, form: ProposalForm
) -> int:
    """A side's proposal on an article at a session, or a change of its status; the article's
    current text and figure follow the latest proposal, and every step stays in its history."""
    inputs.require(context, BARGAIN)
    if not side_allowed(context, form.side):
        raise Forbidden
    errors: dict[str, str] = {}
    text = inputs.text(errors, "text", form.text, inputs.TEXT_LIMIT, required=False)
    async with write_transaction():
        agreement = await inputs.agreement(context, agreement_id)
        clause = await inputs.clause_of(context, agreement.id, clause_id)
        value = None
        if form.value:
            _term, value = _term_and_value(errors, clause.term, form.value)
        if form.session is not None and not await BargainingSession.exists().where(
            (BargainingSession.id == form.session) & (BargainingSession.agreement == agreement.id)
        ):
            errors["session"] = _("Choose a session of this bargaining.")
        inputs.raise_if(errors)
        if not ledger_may_change(agreement):
            raise Conflict(_("The text changes only while bargaining."))
        proposal = Proposal(
            clause=clause.id,
            session=form.session,
            side=form.side,
            text=text,
            value=value,
            status=form.status,
            created_by=context.actor.id,
        )
        await proposal.save()
        changes = {Clause.status: form.status}
        if text:
            changes[Clause.text] = text
        if value is not None:
            changes[Clause.value] = value
        await Clause.update(changes).where(Clause.id == clause.id)
        await audit.record(
            context.actor,
            "agreement.proposal",
            "agreement",
            agreement.id,
            context.enterprise_id,
            clause=clause.id,
            status=form.status.value,
        )
    return proposal.id


@dataclass
class CheckedClause:
    id: int
    chapter: int
    position: int
    title: str
    title_en: str
    text: str
    text_en: str
    status: str
    term: str
    value: Decimal | None
    verdict: floors.Verdict | None  # None: the article carries no term
    floor: floors.Floor | None
    became_unlawful: bool


def check_clause(row: dict, on: dt.date, region: int | None, signed_on: dt.date | None):
    """The legal check of one article's term on `on` (Art. 75(2))."""
    verdict = floor = None
    newly = False
    if row["term"] and row["value"] is not None:
        value = Decimal(row["value"])
        check = floors.compare(row["term"], value, on, region)
        verdict, floor = check.verdict, check.floor
        if signed_on is not None:
            newly = floors.became_unlawful(row["term"], value, signed_on, on, region)
    return CheckedClause(
        id=row["id"],
        chapter=row["chapter"],
        position=row["position"],
        title=row["title"],
        title_en=row["title_en"],
        text=row["text"],
        text_en=row["text_en"],
        status=row["status"],
        term=row["term"],
        value=Decimal(row["value"]) if row["value"] is not None else None,
        verdict=verdict,
        floor=floor,
        became_unlawful=newly,
    )


async def checked_clauses(
    agreement: Agreement, region: int | None, on: dt.date | None = None
) -> list[CheckedClause]:
    rows = await Clause.select().where(Clause.agreement == agreement.id).order_by(Clause.position)
    on = on or today()
    return [check_clause(row, on, region, agreement.signed_on) for row in rows]


async def chapters(agreement_id: int) -> list[dict]:
    return (
        await Chapter.select().where(Chapter.agreement == agreement_id).order_by(Chapter.position)
    )


async def history(clause_id: int) -> list[dict]:
    return (
        await Proposal.select(
            Proposal.all_columns(), Proposal.session.number.as_alias("session_number")
        )
        .where(Proposal.clause == clause_id)
        .order_by(Proposal.id)
    )


async def proposals_at(session_id: int) -> list[dict]:
    return (
        await Proposal.select(
            Proposal.all_columns(), Proposal.clause.title.as_alias("clause_title")
        )
        .where(Proposal.session == session_id)
        .order_by(Proposal.id)
    )


def text_of(chapter_rows: list[dict], clauses: list[CheckedClause]) -> list[dict]:
    """The agreement's text as chapters with their live articles (withdrawn ones left out),
    numbered as printed: Chương I, Điều 1 ..."""
    live = [c for c in clauses if c.status != ClauseStatus.WITHDRAWN]
    numbered, article = [], 0
    for index, chapter in enumerate(chapter_rows, start=1):
        articles = []
        for clause in (c for c in live if c.chapter == chapter["id"]):
            article += 1
            articles.append(
                {
                    "number": article,
                    "title": clause.title,
                    "title_en": clause.title_en,
                    "text": clause.text,
                    "text_en": clause.text_en,
                }
            )
        numbered.append(
            {
                "number": index,
                "title": chapter["title"],
                "title_en": chapter["title_en"],
                "articles": articles,
            }
        )
    return numbered


async def snapshot(context: EnterpriseContext, agreement: Agreement, reason: str) -> int:
    """Freeze the current text as a new version (inside the caller's transaction)."""
    text = text_of(await chapters(agreement.id), await checked_clauses(agreement, None))
    number = await AgreementVersion.count().where(AgreementVersion.agreement == agreement.id) + 1
    await AgreementVersion(
        agreement=agreement.id, number=number, reason=reason, made_on=today(), content=text
    ).save()
    return number


def side_label(side: str) -> str:
    return _("Employer") if side == BargainingSide.EMPLOYER else _("Worker side")
