"""From the draft to the agreement in force (Labour Code 2019 Arts. 76-78, 82): the vote of all
workers through the voting engine, its result (a rejected draft returns to bargaining), the
signing, the publication to workers and the filing with Sở Nội vụ; an extension (Art. 83) goes
through the same vote, publication and filing (extension.py signs it)."""

from __future__ import annotations

import datetime as dt

from labour_democracy.agreements import inputs, ledger, rules
from labour_democracy.agreements.documents import issue
from labour_democracy.agreements.floors import Verdict
from labour_democracy.agreements.permissions import (
    ORGANISE_VOTE,
    PUBLISH_AND_FILE,
    SIGN,
    may_file,
    may_put_to_vote,
    may_sign,
)
from labour_democracy.agreements.schemas import DateForm, ReceiptForm, SignForm, VoteForm
from labour_democracy.agreements.tables import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    ApprovalVote,
    ClauseStatus,
)
from labour_democracy.core import audit
from labour_democracy.core.errors import Conflict, Invalid
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.db import write_transaction
from labour_democracy.documents.engine import short_date
from labour_democracy.i18n import format_date, language, today
from labour_democracy.i18n import gettext as _
from labour_democracy.voting import rules as voting_rules
from labour_democracy.voting import services as voting
from labour_democracy.voting import tally
from labour_democracy.voting.schemas import BallotForm, QuestionForm
from labour_democracy.voting.tables import BallotStatus, ElectorateKind, QuestionKind

# The voting engine's `purpose` of these ballots; the engine holds them to Art. 76(1).
AGREEMENT_PURPOSE = "agreement"


async def queries_text(agreement: Agreement) -> list[dict]:
    return ledger.text_of(
        await ledger.chapters(agreement.id), await ledger.checked_clauses(agreement, None)
    )


def extension_window_error(on: dt.date, expires_on: dt.date) -> str | None:
    """rules.extension_refusal in the reader's words, or None (Art. 83(1))."""
    refusal = rules.extension_refusal(on, expires_on)
    if refusal is None:
        return None
    return _(refusal).format(
        opens=format_date(rules.renewal_opens(expires_on)), expires=format_date(expires_on)
    )


async def extended_agreement(extension: Agreement) -> Agreement | None:
    """The agreement an extension extends."""
    return await Agreement.objects().where(Agreement.id == (extension.amends or -1)).first()


async def _extension_blockers(context: EnterpriseContext, extension: Agreement) -> list[str]:
    """What stops an extension going to the vote: the agreement is not signed, the day is
    outside the 90 days before its expiry (Art. 83(1)), or an article in force is below the law
    (an amendment is mandatory first, Art. 82(2))."""
    extended = await extended_agreement(extension)
    if extended is None or extended.status != AgreementStatus.SIGNED:
        return [_("Only a signed agreement is extended.")]
    window = extension_window_error(today(), extended.expires_on)
    if window:
        return [window]
    clauses = await ledger.checked_clauses(extended, context.enterprise.min_wage_region)
    return [
        _(
            "“{title}” is below the law ({source}): amend it first "
            "(Labour Code 45/2019/QH14, Art. 82(2))."
        ).format(title=clause.title, source=clause.floor.source)
        for clause in clauses
        if clause.verdict is Verdict.BELOW and clause.status != ClauseStatus.WITHDRAWN
    ]


async def blocking_clauses(context: EnterpriseContext, agreement: Agreement) -> list[str]:
    """What stops the draft going to the vote: articles not yet agreed, and articles below the
    law (Art. 75(2): an agreement may not breach the law); for an extension, what
    `_extension_blockers` says."""
    if agreement.kind == AgreementKind.EXTENSION:
        return await _extension_blockers(context, agreement)
    clauses = await ledger.checked_clauses(agreement, context.enterprise.min_wage_region)
    live = [c for c in clauses if c.status != ClauseStatus.WITHDRAWN]
    reasons = []
    if not live:
        reasons.append(_("The draft has no article."))
    for clause in live:
        if clause.status != ClauseStatus.AGREED:
            reasons.append(_("“{title}” is not agreed yet.").format(title=clause.title))
        if clause.verdict is Verdict.BELOW:
            reasons.append(
                _("“{title}” is below the law ({source}).").format(
                    title=clause.title, source=clause.floor.source
                )
            )
    return reasons


async def put_to_vote(context: EnterpriseContext, agreement_id: int, form: VoteForm) -> int:
    """A draft ballot of all workers on the agreement (Art. 76(1)), with the rule "more than
    half of all workers" that the organiser may not weaken; the union organises it (Art. 76(3))
    on the vote's own pages (slips, opening, tally sheets per unit, closing). Returns the
    ballot's id."""
    inputs.require(context, ORGANISE_VOTE)
    async with write_transaction():
        agreement = await inputs.agreement(context, agreement_id)
        if not may_put_to_vote(agreement):
            raise Conflict(_("Only a draft still being bargained goes to the vote."))
        reasons = await blocking_clauses(context, agreement)
        if reasons:
            raise Conflict(" ".join(reasons))
        extension = agreement.kind == AgreementKind.EXTENSION
        with language("vi"):
            title = f"Biểu quyết thông qua dự thảo {agreement.title}"[:300]
            question = "Anh/chị có tán thành dự thảo thỏa ước lao động tập thể không?"
            if extension:
                question = (
                    "Anh/chị có tán thành gia hạn thỏa ước lao động tập thể đến hết ngày "
                    f"{short_date(agreement.expires_on)} không?"
                )
        ballot_id = await voting.create_ballot(
            context,
            BallotForm(
                title=title,
                explanation=form.explanation,
                channels=form.channels,
                electorate_kind=ElectorateKind.ALL_WORKERS,
            ),
            purpose=AGREEMENT_PURPOSE,
        )
        rule = voting_rules.AGREEMENT_APPROVAL
        texts = [question]
        if form.by_chapter and not extension:
            text = await queries_text(agreement)
            texts = [
                f"Anh/chị có tán thành Chương {chapter['number']}. {chapter['title']} của dự "
                "thảo không?"[:2000]
                for chapter in text
                if chapter["articles"]
            ]
        for text_of_question in texts:
            await voting.add_question(
                context,
                ballot_id,
                QuestionForm(
                    kind=QuestionKind.MOTION,
                    text=text_of_question,
                    rule_base=rule.base,
                    rule_comparator=rule.comparator,
                    rule_numerator=rule.numerator,
                    rule_denominator=rule.denominator,
                ),
                rule_minimum=rule,
            )
        version = await ledger.snapshot(context, agreement, "vote")
        await ApprovalVote(agreement=agreement.id, ballot=ballot_id, version=version).save()
        await Agreement.update({Agreement.status: AgreementStatus.VOTING}).where(
            Agreement.id == agreement.id
        )
        await audit.record(
            context.actor,
            "agreement.put_to_vote",
            "agreement",
            agreement.id,
            context.enterprise_id,
            ballot=ballot_id,
        )
    return ballot_id


async def record_result(context: EnterpriseContext, agreement_id: int) -> bool:
    """Read the closed ballot's count: approved with more than half of ALL workers frozen on
    the vote date (Art. 76(1), checked here again whatever rule the ballot carried); otherwise
    the draft returns to bargaining with the result kept. Returns whether it passed."""
    inputs.require(context, ORGANISE_VOTE)
    async with write_transaction():
        agreement = await inputs.agreement(context, agreement_id)
        if agreement.status != AgreementStatus.VOTING:
            raise Conflict(_("No vote of this agreement is waiting for its result."))
        vote = (
            await ApprovalVote.objects()
            .where(ApprovalVote.agreement == agreement.id)
            .order_by(ApprovalVote.id, ascending=False)
            .first()
        )
        ballot = await voting.get_ballot(context, vote.ballot)
        if ballot.status != BallotStatus.CLOSED or not ballot.result:
            raise Conflict(_("Close the vote first: its result is known once it is counted."))
        if ballot.electorate_kind != ElectorateKind.ALL_WORKERS:
            raise Conflict(
                _(
                    "The vote's electorate was changed: an agreement is put to all workers of "
                    "the enterprise (Labour Code 45/2019/QH14, Art. 76(1)); hold the vote again."
                )
            )
        result = tally.unseal(ballot.result)
        # Whole draft or chapter by chapter: every question needs more than half of all
        # workers; the smallest approval is the one recorded.
        for_ids = {
            o["id"]
            for question in await voting.questions_with_options(ballot.id)
            for o in question["options"]
            if o["role"] == "for"
        }
        approvals = [
            next(o.votes for o in question.options if o.id in for_ids)
            for question in result.questions
        ]
        votes_for = min(approvals)
        passed = all(rules.approval_passes(n, result.electorate) for n in approvals)
        await ApprovalVote.update(
            {
                ApprovalVote.votes_for: votes_for,
                ApprovalVote.workforce: result.electorate,
                ApprovalVote.passed: passed,
                ApprovalVote.recorded_on: today(),
            }
        ).where(ApprovalVote.id == vote.id)
        status = AgreementStatus.APPROVED if passed else AgreementStatus.BARGAINING
        await Agreement.update({Agreement.status: status}).where(Agreement.id == agreement.id)
        await audit.record(
            context.actor,
            "agreement.vote_recorded",
            "agreement",
            agreement.id,
            context.enterprise_id,
            votes_for=votes_for,
            workforce=result.electorate,
            passed=passed,
        )
    return passed


async def approved_on(agreement_id: int) -> dt.date | None:
    """The day the workers' approval was recorded, or None."""
    row = (
        await ApprovalVote.select(ApprovalVote.recorded_on)
        .where((ApprovalVote.agreement == agreement_id) & ApprovalVote.passed.eq(True))
        .first()
    )
    return row["recorded_on"] if row else None


async def sign(context: EnterpriseContext, agreement_id: int, form: SignForm) -> None:
    """Sign the approved agreement (Art. 76(4)) with its term of 1 to 3 years (Art. 78(3)) and
    effective date (Art. 78(1)); the agreement's document is issued and a version frozen."""
    inputs.require(context, SIGN)
    inputs.require_representative(context)
    errors: dict[str, str] = {}
    employer = inputs.text(errors, "employer_signer", form.employer_signer, inputs.NAME_LIMIT)
    workers = inputs.text(errors, "workers_signer", form.workers_signer, inputs.NAME_LIMIT)
    if not rules.term_valid(form.term_months):
        errors["term_months"] = _(
            "The term is 12 to 36 months (1 to 3 years, Labour Code 45/2019/QH14, Art. 78(3))."
        )
    if form.effective_on and form.effective_on < form.signed_on:
        errors["effective_on"] = _("The agreement cannot take effect before it is signed.")
    async with write_transaction():
        agreement = await inputs.agreement(context, agreement_id)
        if not may_sign(agreement):
            raise Conflict(
                _(
                    "The agreement is signed only after more than half of all workers approved "
                    "it (Labour Code 45/2019/QH14, Art. 76(1))."
                )
            )
        if agreement.kind == AgreementKind.EXTENSION:
            raise Conflict(_("An extension is signed with its own form."))
        approved = await approved_on(agreement.id)
        if approved and form.signed_on < approved:
            errors["signed_on"] = _("The agreement is signed after the workers approved it.")
        inputs.raise_if(errors)
        effective = rules.effective_date(form.effective_on, form.signed_on)
        expires = rules.expiry_date(effective, form.term_months)
        changes = {
            Agreement.status: AgreementStatus.SIGNED,
            Agreement.signed_on: form.signed_on,
            Agreement.effective_on: effective,
            Agreement.term_months: form.term_months,
            Agreement.expires_on: expires,
            Agreement.employer_signer: employer,
            Agreement.workers_signer: workers,
        }
        await Agreement.update(changes).where(Agreement.id == agreement.id)
        for column, value in changes.items():
            setattr(agreement, column._meta.name, value)
        await ledger.snapshot(context, agreement, "signed")
        document = await issue.agreement_document(context, agreement)
        await Agreement.update({Agreement.agreement_document: document.id}).where(
            Agreement.id == agreement.id
        )
        await audit.record(
            context.actor,
            "agreement.signed",
            "agreement",
            agreement.id,
            context.enterprise_id,
            document=document.reference,
        )


async def publish(context: EnterpriseContext, agreement_id: int, form: DateForm, page: str) -> None:
    """The employer announces the signed agreement to its workers (Art. 76(6)): the notice is
    issued and the agreement shown on the workers' public page."""
    inputs.require(context, PUBLISH_AND_FILE)
    async with write_transaction():
        agreement = await inputs.agreement(context, agreement_id)
        if agreement.status != AgreementStatus.SIGNED:
            raise Conflict(_("Only a signed agreement is published."))
        if form.on < agreement.signed_on:
            raise Invalid({"on": _("It cannot be published before it is signed.")})
        document = await issue.publication_notice(context, agreement, form.on, page)
        await Agreement.update(
            {Agreement.published_on: form.on, Agreement.publication_document: document.id}
        ).where(Agreement.id == agreement.id)
        await audit.record(
            context.actor, "agreement.published", "agreement", agreement.id, context.enterprise_id
        )


async def file(context: EnterpriseContext, agreement_id: int, form: DateForm) -> None:
    """The letter sending the signed agreement to Sở Nội vụ (Art. 77: within 10 days of
    signing; a late letter is still sent and shown late)."""
    inputs.require(context, PUBLISH_AND_FILE)
    async with write_transaction():
        agreement = await inputs.agreement(context, agreement_id)
        if not may_file(agreement):
            raise Conflict(
                _("Only a signed agreement is filed (Labour Code 45/2019/QH14, Art. 77).")
            )
        if form.on < agreement.signed_on:
            raise Invalid({"on": _("It cannot be sent before it is signed.")})
        document = await issue.filing_letter(context, agreement, form.on)
        await Agreement.update(
            {Agreement.filed_on: form.on, Agreement.filing_document: document.id}
        ).where(Agreement.id == agreement.id)
        await audit.record(
            context.actor, "agreement.filed", "agreement", agreement.id, context.enterprise_id
        )


async def record_receipt(context: EnterpriseContext, agreement_id: int, form: ReceiptForm) -> None:
    """Sở Nội vụ's receipt of the filed agreement."""
    inputs.require(context, PUBLISH_AND_FILE)
    errors: dict[str, str] = {}
    reference = inputs.text(errors, "receipt_reference", form.receipt_reference, 100)
    async with write_transaction():
        agreement = await inputs.agreement(context, agreement_id)
        if agreement.filed_on is None:
            raise Conflict(_("Send the filing letter first."))
        if form.receipt_on < agreement.filed_on:
            errors["receipt_on"] = _("The receipt cannot come before the letter was sent.")
        inputs.raise_if(errors)
        await Agreement.update(
            {Agreement.receipt_on: form.receipt_on, Agreement.receipt_reference: reference}
        ).where(Agreement.id == agreement.id)
        await audit.record(
            context.actor, "agreement.receipt", "agreement", agreement.id, context.enterprise_id
        )


def standing(agreement: Agreement, renegotiating: bool, on: dt.date | None = None):
    if agreement.status != AgreementStatus.SIGNED or agreement.effective_on is None:
        return None
    return rules.standing(
        on or today(), agreement.effective_on, agreement.expires_on, renegotiating
    )
