"""The module's deadlines for the reminders: comments waiting for an answer, the internal
labour rules' registration dossier (10 days, Labour Code Art. 119(2)) and the authority's reply
(7 working days, Art. 119(3)), and a regulation issued but not yet published (Decree 145 Art.
48(3))."""

from __future__ import annotations

from labour_democracy.core.reminders import Due
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today
from labour_democracy.workplace_rules import rules
from labour_democracy.workplace_rules.internal_rules import latest
from labour_democracy.workplace_rules.regulation import current_version
from labour_democracy.workplace_rules.tables import InternalRulesStatus, RegulationStatus


async def due(context: EnterpriseContext) -> list[Due]:
    enterprise = context.enterprise
    base = f"/enterprises/{enterprise.id}/workplace-rules"
    items: list[Due] = []
    version = await current_version(enterprise.id)
    if version is not None and version.status == RegulationStatus.ISSUED and version.issued_on:
        items.append(
            Due(
                _("Publish the democracy regulation to the workers"),
                version.issued_on,
                base,
                _("Employer"),
                _("Decree 145/2020/NĐ-CP, Art. 48(3)"),
            )
        )
    found = await latest(enterprise.id)
    if found is not None and found.status == InternalRulesStatus.ISSUED and found.issued_on:
        items.append(
            Due(
                _("File the internal labour rules with Sở Nội vụ"),
                rules.registration_due(found.issued_on),
                f"{base}/internal-rules",
                _("Employer"),
                _("Labour Code 45/2019/QH14, Art. 119(2)"),
            )
        )
    if found is not None and found.status == InternalRulesStatus.FILED and found.filed_on:
        reply_due = rules.authority_reply_due(found.filed_on, bool(enterprise.saturday_works))
        if reply_due >= today():
            items.append(
                Due(
                    _("The authority's answer on the internal labour rules"),
                    reply_due,
                    f"{base}/internal-rules",
                    _("Sở Nội vụ"),
                    _("Labour Code 45/2019/QH14, Art. 119(3)"),
                )
            )
    return items
