"""Extending the agreement in force (gia hạn thỏa ước, Labour Code 2019 Art. 83): within the 90
days before expiry the parties may agree to extend it; the extension needs the same vote of all
workers (Art. 76(1), law.md §9), then is signed, published and filed like an amendment.

The proposal is an agreement record of kind `cba_extension` that `amends` the agreement it
extends, its `expires_on` the new expiry proposed. The vote, its result, the publication and
the filing are approval.py's; signing here records the new expiry on the extended agreement."""

from __future__ import annotations

import datetime as dt

from labour_democracy.agreements import approval, inputs, rules
from labour_democracy.agreements.documents import extension as documents
from labour_democracy.agreements.permissions import (
    BARGAIN,
    SIGN,
    may_amend_or_extend,
    side_allowed,
)
from labour_democracy.agreements.schemas import ExtensionForm, ExtensionSignForm
from labour_democracy.agreements.tables import Agreement, AgreementKind, AgreementStatus
from labour_democracy.core import audit
from labour_democracy.core.errors import Conflict, Forbidden
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.db import write_transaction
from labour_democracy.i18n import format_date, format_number, today
from labour_democracy.i18n import gettext as _

IN_PROGRESS = (AgreementStatus.BARGAINING, AgreementStatus.VOTING, AgreementStatus.APPROVED)


async def extensions_of(agreement_id: int) -> list[dict]:
    """The extensions proposed for an agreement, oldest first."""
    return (
        await Agreement.select(
            Agreement.id,
            Agreement.status,
            Agreement.received_on,
            Agreement.expires_on,
            Agreement.signed_on,
        )
        .where(
            (Agreement.kind == AgreementKind.EXTENSION.value) & (Agreement.amends == agreement_id)
        )
        .order_by(Agreement.id)
    )


def term_error(agreement: Agreement, new_expires_on: dt.date) -> str | None:
    """rules.extension_term_refusal in the reader's words, or None."""
    refusal = rules.extension_term_refusal(
        agreement.effective_on, agreement.expires_on, new_expires_on
    )
    if refusal is None:
        return None
    return _(refusal).format(
        expires=format_date(agreement.expires_on),
        limit=format_date(rules.extended_expiry_limit(agreement.effective_on)),
        months=format_number(rules.EXTENDED_TERM_MONTHS_MAX),
    )


def _check_dates(
    errors: dict[str, str],
    agreement: Agreement,
    day: tuple[str, dt.date],
    new_expires_on: dt.date,
    term_field: str = "expires_on",
) -> None:
    """The checks a proposal and a signature share, their reasons put in `errors`: the day
    (field, date) falls within the 90 days before expiry (Art. 83(1)), unless that field is
    already refused, and the new expiry is lawful (`term_error`)."""
    field, on = day
    window = None if field in errors else approval.extension_window_error(on, agreement.expires_on)
    if window:
        errors[field] = window
    term = term_error(agreement, new_expires_on)
    if term:
        errors[term_field] = term


async def propose(context: EnterpriseContext, agreement_id: int, form: ExtensionForm) -> int:
    """Record the parties' proposal to extend the agreement to a new expiry; it goes to the
    vote of all workers next. Refused outside the 90 days before expiry, once expired, with a
    new expiry not after the current one or past the whole term's limit, or while another
    extension is under way. Returns the extension's id."""
    inputs.require(context, BARGAIN)
    if not side_allowed(context, form.requested_by):
        raise Forbidden
    inputs.require_representative(context)
    errors: dict[str, str] = {}
    contents = inputs.text(errors, "contents", form.contents, inputs.TEXT_LIMIT, required=False)
    async with write_transaction():
        agreement = await inputs.agreement(context, agreement_id)
        if not may_amend_or_extend(agreement):
            raise Conflict(_("Only a signed agreement is extended."))
        pending = await Agreement.exists().where(
            (Agreement.kind == AgreementKind.EXTENSION.value)
            & (Agreement.amends == agreement.id)
            & Agreement.status.is_in([status.value for status in IN_PROGRESS])
        )
        if pending:
            raise Conflict(_("An extension of this agreement is already under way."))
        if form.proposed_on > today():
            errors["proposed_on"] = _("The proposal cannot be dated in the future.")
        _check_dates(errors, agreement, ("proposed_on", form.proposed_on), form.expires_on)
        inputs.raise_if(errors)
        extension = Agreement(
            enterprise=context.enterprise_id,
            kind=AgreementKind.EXTENSION,
            amends=agreement.id,
            title=f"Gia hạn {agreement.title}"[: inputs.TITLE_LIMIT],
            requested_by=form.requested_by,
            request_contents=contents,
            received_on=form.proposed_on,
            reply_due_on=form.proposed_on,
            first_session_due_on=form.proposed_on,
            expires_on=form.expires_on,
            created_by=context.actor.id,
        )
        await extension.save()
        await audit.record(
            context.actor,
            "agreement.extension_proposed",
            "agreement",
            agreement.id,
            context.enterprise_id,
            extension=extension.id,
            expires_on=form.expires_on.isoformat(),
        )
    return extension.id


async def sign(context: EnterpriseContext, extension_id: int, form: ExtensionSignForm) -> None:
    """Sign the extension the workers approved, on or before the agreement's expiry and within
    the 90 days before it; the extended agreement's expiry becomes the new one, and the
    extension agreement (.docx) is issued. Publication and filing follow as for an agreement."""
    inputs.require(context, SIGN)
    inputs.require_representative(context)
    errors: dict[str, str] = {}
    employer = inputs.text(errors, "employer_signer", form.employer_signer, inputs.NAME_LIMIT)
    workers = inputs.text(errors, "workers_signer", form.workers_signer, inputs.NAME_LIMIT)
    async with write_transaction():
        extension = await inputs.agreement(context, extension_id)
        if extension.kind != AgreementKind.EXTENSION:
            raise Conflict(_("This is not an extension."))
        if extension.status != AgreementStatus.APPROVED:
            raise Conflict(
                _(
                    "The extension is signed only after more than half of all workers approved "
                    "it (Labour Code 45/2019/QH14, Arts. 76(1), 83)."
                )
            )
        agreement = await approval.extended_agreement(extension)
        if agreement is None or agreement.status != AgreementStatus.SIGNED:
            raise Conflict(_("Only a signed agreement is extended."))
        approved = await approval.approved_on(extension.id)
        if approved and form.signed_on < approved:
            errors["signed_on"] = _("The extension is signed after the workers approved it.")
        _check_dates(
            errors, agreement, ("signed_on", form.signed_on), extension.expires_on, "signed_on"
        )
        inputs.raise_if(errors)
        previous_expiry = agreement.expires_on
        changes = {
            Agreement.status: AgreementStatus.SIGNED,
            Agreement.signed_on: form.signed_on,
            Agreement.effective_on: previous_expiry + dt.timedelta(days=1),
            Agreement.employer_signer: employer,
            Agreement.workers_signer: workers,
        }
        await Agreement.update(changes).where(Agreement.id == extension.id)
        for column, value in changes.items():
            setattr(extension, column._meta.name, value)
        await Agreement.update({Agreement.expires_on: extension.expires_on}).where(
            Agreement.id == agreement.id
        )
        document = await documents.issue_extension(context, extension, agreement, previous_expiry)
        await Agreement.update({Agreement.agreement_document: document.id}).where(
            Agreement.id == extension.id
        )
        await audit.record(
            context.actor,
            "agreement.signed",
            "agreement",
            extension.id,
            context.enterprise_id,
            document=document.reference,
        )
        await audit.record(
            context.actor,
            "agreement.extended",
            "agreement",
            agreement.id,
            context.enterprise_id,
            extension=extension.id,
            expires_on=extension.expires_on.isoformat(),
            previous=previous_expiry.isoformat(),
        )
