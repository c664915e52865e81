"""The union's deadlines for the reminders: the next congress, and the union fee of the month
just ended (due the last day of the following month, Decree 105/2026/NĐ-CP)."""

from __future__ import annotations

from labour_democracy.core.reminders import Due
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today
from labour_democracy.unions import rules
from labour_democracy.unions.founding import current_union
from labour_democracy.unions.permissions import VIEW_FEES, VIEW_UNION
from labour_democracy.unions.tables import UnionStatus


async def due(context: EnterpriseContext) -> list[Due]:
    if not context.can(VIEW_UNION):
        return []
    base = f"/enterprises/{context.enterprise_id}/union"
    union = await current_union(context.enterprise_id)
    items: list[Due] = []
    if union is not None and union.status == UnionStatus.RECOGNISED and union.next_congress_on:
        items.append(
            Due(
                _("Next congress of the grassroots union"),
                union.next_congress_on,
                base,
                _("Union executive committee"),
                _(rules.COMMITTEE_TERM_YEARS.source),
            )
        )
    if union is not None and union.status == UnionStatus.RECOGNISED and context.can(VIEW_FEES):
        on = today()
        year, month = (on.year - 1, 12) if on.month == 1 else (on.year, on.month - 1)
        items.append(
            Due(
                _("Union fee for {month}/{year}").format(month=month, year=year),
                rules.fee_due_on(year, month),
                f"{base}/fees",
                _("Employer"),
                "Luật Công đoàn số 50/2024/QH15, Điều 29; Nghị định số 105/2026/NĐ-CP",
            )
        )
    return items
