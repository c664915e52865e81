"""The page of an agreement's extension (Art. 83): the proposal, the vote of all workers, the
signing, publication and filing. Thin: parse, call, render (the routes of an agreement's page
are in controllers.py)."""

from __future__ import annotations

from litestar import Request
from litestar.response import Template

from labour_democracy.agreements import approval, rules
from labour_democracy.agreements.permissions import (
    ORGANISE_VOTE,
    PUBLISH_AND_FILE,
    SIGN,
    may_file,
    may_put_to_vote,
)
from labour_democracy.agreements.tables import Agreement, AgreementStatus, ApprovalVote
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.i18n import today
from labour_democracy.voting.tables import Channels
from labour_democracy.web.responses import render


async def page(
    request: Request,
    context: EnterpriseContext,
    extension: Agreement,
    failed: str = "",
    values: dict | None = None,
    errors: dict | None = None,
) -> Template:
    extended = await approval.extended_agreement(extension)
    signed = extension.signed_on
    today_ = today().isoformat()
    defaults = {
        "signed_on": today_,
        "on": today_,
        "receipt_on": today_,
        "employer_signer": context.enterprise.legal_representative,
        "channels": Channels.PAPER.value,
    }
    waiting = extension.status != AgreementStatus.SIGNED
    return render(
        request,
        "agreements/extension.html",
        ectx=context,
        a=extension,
        extended=extended,
        votes=await ApprovalVote.select()
        .where(ApprovalVote.agreement == extension.id)
        .order_by(ApprovalVote.id),
        blocking=await approval.blocking_clauses(context, extension)
        if extension.status == AgreementStatus.BARGAINING
        else [],
        limit=rules.extended_expiry_limit(extended.effective_on) if extended else None,
        limit_source=rules.EXTENDED_TERM_SOURCE,
        window_opens=rules.renewal_opens(extended.expires_on) if extended and waiting else None,
        filing_due_on=rules.filing_due(signed) if signed else None,
        filed_in_time=rules.filed_in_time(extension.filed_on, signed, today()) if signed else None,
        failed=failed,
        values={**defaults, **(values or {})},
        errors=errors or {},
        can_vote=context.can(ORGANISE_VOTE) and may_put_to_vote(extension),
        can_record=context.can(ORGANISE_VOTE) and extension.status == AgreementStatus.VOTING,
        can_sign=context.can(SIGN) and extension.status == AgreementStatus.APPROVED,
        can_file=context.can(PUBLISH_AND_FILE) and may_file(extension),
        Channels=Channels,
    )
