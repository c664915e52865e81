"""Numbering and storing the agreements' documents and linking each to its record, inside the
caller's write transaction when there is one; the caller has checked its own permission."""

from __future__ import annotations

import datetime as dt

from labour_democracy.agreements import bargaining, inputs, ledger
from labour_democracy.agreements.documents import (
    AGREEMENT,
    LETTER,
    MINUTES,
    NOTICE,
    contexts,
    extension,
)
from labour_democracy.agreements.tables import (
    Agreement,
    AgreementKind,
    BargainingSession,
    BargainingSide,
    ClauseStatus,
    TeamMember,
)
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Province
from labour_democracy.documents import services as issuing
from labour_democracy.documents.rules import place_name
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import today

# Documents of the worker side are numbered in the representative organisation's own sequence.
WORKER_SIDE_ISSUER = "CĐCS"


async def request_letter(context: EnterpriseContext, agreement: Agreement) -> IssuedDocument:
    """The request to bargain, between the employer and the representative organisation."""
    inputs.require_representative(context)
    head = await issuing.letterhead(context)
    by_workers = agreement.requested_by == BargainingSide.WORKERS
    document = await issuing.issue(
        context,
        kind="cba_request",
        type_code="",
        title="Đề nghị thương lượng tập thể",
        template=LETTER,
        document_context=contexts.request_context(
            context.enterprise, head, agreement, agreement.received_on
        ),
        issuer=WORKER_SIDE_ISSUER if by_workers else None,
        on=agreement.received_on,
    )
    await Agreement.update({Agreement.request_document: document.id}).where(
        Agreement.id == agreement.id
    )
    return document


async def session_minutes(
    context: EnterpriseContext, agreement: Agreement, session: BargainingSession
) -> IssuedDocument:
    """The minutes: the articles agreed and those still disputed as the ledger stands."""
    inputs.require_representative(context)
    head = await issuing.letterhead(context)
    members = await bargaining.team(agreement.id)
    clauses = await ledger.checked_clauses(agreement, context.enterprise.min_wage_region)
    agreed = [
        f"Điều khoản “{c.title}”: {c.text}" for c in clauses if c.status == ClauseStatus.AGREED
    ]
    disputed = [
        f"Điều khoản “{c.title}”: {c.text}" for c in clauses if c.status == ClauseStatus.DISPUTED
    ]
    document = await issuing.issue(
        context,
        kind="cba_minutes",
        type_code="BB",
        title=f"Biên bản phiên họp thương lượng tập thể lần thứ {session.number}",
        template=MINUTES,
        document_context=contexts.minutes_context(
            context.enterprise, head, agreement, session, members, agreed, disputed
        ),
        on=session.held_on,
    )
    await BargainingSession.update({BargainingSession.minutes_document: document.id}).where(
        BargainingSession.id == session.id
    )
    return document


async def agreement_text(agreement: Agreement) -> list[dict]:
    return ledger.text_of(
        await ledger.chapters(agreement.id), await ledger.checked_clauses(agreement, None)
    )


async def agreement_document(
    context: EnterpriseContext, agreement: Agreement, bilingual: bool = False
) -> IssuedDocument:
    head = await issuing.letterhead(context)
    amended = ""
    if agreement.kind == AgreementKind.AMENDMENT and agreement.amends:
        amended_row = (
            await Agreement.select(Agreement.agreement_document)
            .where(Agreement.id == agreement.amends)
            .first()
        )
        document_id = amended_row["agreement_document"] if amended_row else None
        row = (
            await IssuedDocument.select(IssuedDocument.reference)
            .where(IssuedDocument.id == (document_id or -1))
            .first()
        )
        amended = row["reference"] if row else ""
    kind = "cba_amendment" if agreement.kind == AgreementKind.AMENDMENT else "cba_agreement"
    return await issuing.issue(
        context,
        kind=kind,
        type_code="BTT",
        title=agreement.title,
        template=AGREEMENT,
        document_context=contexts.agreement_context(
            context.enterprise,
            head,
            agreement,
            await agreement_text(agreement),
            bilingual=bilingual,
            amended_reference=amended,
        ),
        on=agreement.signed_on,
    )


async def working_copy(
    context: EnterpriseContext, agreement: Agreement, bilingual: bool = False
) -> bytes:
    """The agreement's current text through the same template, not numbered nor stored: the
    draft to circulate, in Vietnamese or Vietnamese and English from the same articles."""
    head = await issuing.letterhead(context)
    return await issuing.render_unnumbered(
        AGREEMENT,
        contexts.agreement_context(
            context.enterprise,
            head,
            agreement,
            await agreement_text(agreement),
            bilingual=bilingual,
        ),
    )


HIDDEN = "[…]"


def _anonymised(text: list[dict], names: list[str]) -> list[dict]:
    """The text with every name of a person the records know replaced by "[…]"."""
    names = sorted({n.strip() for n in names if len(n.strip()) > 2}, key=len, reverse=True)

    def hide(value: str) -> str:
        for name in names:
            value = value.replace(name, HIDDEN)
        return value

    return [
        {
            **chapter,
            "articles": [
                {**a, "title": hide(a["title"]), "text": hide(a["text"])}
                for a in chapter["articles"]
            ],
        }
        for chapter in text
    ]


async def public_copy(enterprise, agreement: Agreement) -> bytes:
    """The published agreement for anyone (Art. 76(6)), with the names of persons removed:
    the signers, the team members and the legal representative, in the signatures and the
    articles alike. Unnumbered and not stored."""
    team = await TeamMember.select(TeamMember.full_name).where(TeamMember.agreement == agreement.id)
    names = [
        agreement.employer_signer,
        agreement.workers_signer,
        enterprise.legal_representative,
        *(row["full_name"] for row in team),
    ]
    province = (
        await Province.select(Province.name).where(Province.id == enterprise.province).first()
    )
    head = issuing.Letterhead(
        enterprise.name.upper(),
        place_name(province["name"]) if province else "",
        HIDDEN,
        enterprise.legal_representative_title,
    )
    shown = Agreement(
        **{**agreement.to_dict(), "employer_signer": HIDDEN, "workers_signer": HIDDEN}
    )
    context = contexts.agreement_context(
        enterprise, head, shown, _anonymised(await agreement_text(agreement), names)
    )
    return await issuing.render_unnumbered(AGREEMENT, context)


async def _reference(agreement: Agreement) -> str:
    row = (
        await IssuedDocument.select(IssuedDocument.reference)
        .where(IssuedDocument.id == agreement.agreement_document)
        .first()
    )
    return f"số {row['reference']}" if row else ""


async def filing_letter(
    context: EnterpriseContext, agreement: Agreement, on: dt.date
) -> IssuedDocument:
    head = await issuing.letterhead(context)
    province = (
        await Province.select(Province.name)
        .where(Province.id == context.enterprise.province)
        .first()
    )
    filing_context = (
        extension.filing_context
        if agreement.kind == AgreementKind.EXTENSION
        else contexts.filing_context
    )
    return await issuing.issue(
        context,
        kind="cba_filing",
        type_code="",
        title="Gửi thỏa ước lao động tập thể đến Sở Nội vụ",
        template=LETTER,
        document_context=filing_context(
            context.enterprise,
            head,
            agreement,
            head.place if province else "",
            await _reference(agreement),
            on,
        ),
        on=on,
    )


async def publication_notice(
    context: EnterpriseContext, agreement: Agreement, on: dt.date, page: str
) -> IssuedDocument:
    head = await issuing.letterhead(context)
    publication_context = (
        extension.publication_context
        if agreement.kind == AgreementKind.EXTENSION
        else contexts.publication_context
    )
    return await issuing.issue(
        context,
        kind="cba_publication",
        type_code="TB",
        title="Thông báo công bố thỏa ước lao động tập thể",
        template=NOTICE,
        document_context=publication_context(
            context.enterprise, head, agreement, await _reference(agreement), on or today(), page
        ),
        on=on,
    )
