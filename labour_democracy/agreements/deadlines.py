"""The agreements' deadlines, computed from their records when asked (core/reminders.py): the
reply and the first session (Art. 70(1)), the end of bargaining (Art. 70(2)), the employer's
information (Art. 70(3)), filing (Art. 77), the renewal window, the expiry and the end of the
continuation (Art. 83), and an extension's vote and signing before the expiry it moves."""

from __future__ import annotations

import datetime as dt

from labour_democracy.agreements import queries, rules
from labour_democracy.agreements.permissions import VIEW_AGREEMENTS
from labour_democracy.agreements.tables import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    BargainingSide,
)
from labour_democracy.core.reminders import Due
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.i18n import format_date, today
from labour_democracy.i18n import gettext as _


async def deadlines(context: EnterpriseContext, on: dt.date | None = None) -> list[Due]:
    on = on or today()
    base = f"/enterprises/{context.enterprise_id}/agreements"
    items: list[Due] = []
    rows = await Agreement.objects().where(
        (Agreement.enterprise == context.enterprise_id)
        & (Agreement.status != AgreementStatus.FAILED.value)
    )
    expiries = {row.id: row.expires_on for row in rows}
    for agreement in rows:
        url = f"{base}/{agreement.id}"
        title = agreement.title
        extension = agreement.kind == AgreementKind.EXTENSION
        if extension and agreement.status != AgreementStatus.SIGNED:
            # Art. 83(1): voted and signed while the agreement it extends is still in force.
            items.append(
                Due(
                    _("Vote and sign “{title}” before the agreement expires").format(title=title),
                    expiries.get(agreement.amends) or agreement.received_on,
                    url,
                    _("Both sides"),
                    _("Labour Code 45/2019/QH14, Art. 83(1)"),
                )
            )
            continue
        if agreement.status == AgreementStatus.BARGAINING:
            receiver = (
                _("Worker side")
                if agreement.requested_by == BargainingSide.EMPLOYER
                else _("Employer")
            )
            if agreement.replied_on is None:
                items.append(
                    Due(
                        _("Agree time and place of bargaining for “{title}”").format(title=title),
                        agreement.reply_due_on,
                        url,
                        receiver,
                        _("Labour Code 45/2019/QH14, Art. 70(1)"),
                    )
                )
            if agreement.first_session_on is None:
                items.append(
                    Due(
                        _("First bargaining session for “{title}”").format(title=title),
                        agreement.first_session_due_on,
                        url,
                        _("Both sides"),
                        _("Labour Code 45/2019/QH14, Art. 70(1)"),
                    )
                )
            elif agreement.bargaining_due_on:
                items.append(
                    Due(
                        _("End of bargaining for “{title}”").format(title=title),
                        agreement.bargaining_due_on,
                        url,
                        _("Both sides"),
                        _("Labour Code 45/2019/QH14, Art. 70(2)"),
                    )
                )
            if agreement.information_asked_on and agreement.information_given_on is None:
                items.append(
                    Due(
                        _("Information for bargaining “{title}”").format(title=title),
                        rules.information_due(agreement.information_asked_on),
                        url,
                        _("Employer"),
                        _("Labour Code 45/2019/QH14, Art. 70(3)"),
                    )
                )
        if agreement.status != AgreementStatus.SIGNED:
            continue
        if agreement.filed_on is None:
            items.append(
                Due(
                    _("File “{title}” with Sở Nội vụ").format(title=title),
                    rules.filing_due(agreement.signed_on),
                    url,
                    _("Employer"),
                    _("Labour Code 45/2019/QH14, Art. 77"),
                )
            )
        if (
            extension  # the agreement it extends carries the new expiry
            or agreement.expires_on is None
            or on > rules.continuation_ends(agreement.expires_on)
        ):
            continue
        renegotiating = await queries.renegotiating(context.enterprise_id, agreement)
        if not renegotiating and on <= agreement.expires_on:
            items.append(
                Due(
                    _("“{title}” expires: bargain its renewal (from {date})").format(
                        title=title,
                        date=format_date(rules.renewal_opens(agreement.expires_on)),
                    ),
                    agreement.expires_on,
                    url,
                    _("Both sides"),
                    _("Labour Code 45/2019/QH14, Art. 83(1)"),
                )
            )
        elif renegotiating and on > agreement.expires_on:
            items.append(
                Due(
                    _("End of the continuation of “{title}”").format(title=title),
                    rules.continuation_ends(agreement.expires_on),
                    url,
                    _("Both sides"),
                    _("Labour Code 45/2019/QH14, Art. 83(2)"),
                )
            )
    return sorted(items, key=lambda item: item.due_on)


async def due(context: EnterpriseContext) -> list[Due]:
    if not context.can(VIEW_AGREEMENTS):
        return []
    return await deadlines(context)
