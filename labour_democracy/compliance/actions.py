"""What the federation does about a late enterprise: remind its HR and union of what is overdue
(an e-mail digest through the reminders' mail code, and a message they read in the app), and
note a visit or a call."""

from __future__ import annotations

import datetime as dt
import json

from labour_democracy.compliance import dashboard, obligations
from labour_democracy.compliance.permissions import ACT_ON_ENTERPRISE
from labour_democracy.compliance.tables import Contact, ContactKind
from labour_democracy.core import audit
from labour_democracy.core.errors import Forbidden, Invalid
from labour_democracy.core.reminders import send_digest
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Membership, Role, User
from labour_democracy.db import write_transaction
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import language, today
from labour_democracy.settings import get_settings


def _require_act(context: EnterpriseContext) -> None:
    if not context.can(ACT_ON_ENTERPRISE):
        raise Forbidden


async def overdue(context: EnterpriseContext, year: int) -> list[str]:
    """The keys of the obligations the enterprise is late on for `year`."""
    v = await dashboard.enterprise_view(context.enterprise.province, year)
    states = (await dashboard.standings([context.enterprise_id], v)).get(context.enterprise_id, {})
    return [key for key, state in states.items() if state == "late"]


async def remind(context: EnterpriseContext, year: int) -> Contact:
    """Send the enterprise's HR and union what is overdue, by e-mail when mail is set up, and
    keep the message for them in the app. Refused when nothing is overdue."""
    _require_act(context)
    actor, enterprise_id = context.actor, context.enterprise_id
    keys = await overdue(context, year)
    if not keys:
        raise Invalid(_("Nothing is overdue for this enterprise."))
    declared = obligations.by_key()
    people = await User.select(User.email).where(
        User.id.is_in(
            Membership.select(Membership.user).where(
                (Membership.enterprise == enterprise_id)
                & Membership.role.is_in([Role.HR.value, Role.UNION.value])
            )
        )
        & (User.is_active == True)  # noqa: E712 - a column comparison, not a truth test
    )
    with language("vi"):  # the federation writes to the enterprise in Vietnamese
        lines = [
            _("The provincial labour federation reminds you of what is overdue for {year}:").format(
                year=year
            ),
            *(f"- {_(declared[k].label)} ({declared[k].legal_source})" for k in keys),
        ]
        subject = _("Reminder from the labour federation")
    emailed = send_digest(get_settings(), [p["email"] for p in people], subject, lines)
    async with write_transaction():
        contact = Contact(
            enterprise=enterprise_id,
            kind=ContactKind.REMINDER,
            on=today(),
            note="\n".join(lines),
            items=json.dumps(keys),
            emailed=emailed,
            by_user=actor.id,
            by_name=actor.label,
        )
        await contact.save()
        await audit.record(
            actor,
            "compliance.reminded",
            "enterprise",
            enterprise_id,
            enterprise_id,
            items=len(keys),
        )
    return contact


async def note_contact(
    context: EnterpriseContext, kind: ContactKind, on: dt.date, note: str
) -> None:
    """Note a visit or a call on the enterprise; a date in the future is refused."""
    _require_act(context)
    actor, enterprise_id = context.actor, context.enterprise_id
    errors = {}
    if kind not in (ContactKind.VISIT, ContactKind.CALL):
        errors["kind"] = _("Choose a visit or a call.")
    if on > today():
        errors["on"] = _("The date cannot be in the future.")
    if not note.strip():
        errors["note"] = _("Say what was discussed.")
    if errors:
        raise Invalid(errors)
    async with write_transaction():
        await Contact(
            enterprise=enterprise_id,
            kind=kind,
            on=on,
            note=note.strip(),
            by_user=actor.id,
            by_name=actor.label,
        ).save()
        await audit.record(
            actor,
            "compliance.contact_noted",
            "enterprise",
            enterprise_id,
            enterprise_id,
            kind=kind.value,
        )


async def contacts(enterprise_id: int, limit: int = 50) -> list[dict]:
    rows = await (
        Contact.select()
        .where(Contact.enterprise == enterprise_id)
        .order_by(Contact.created_at, ascending=False)
        .limit(limit)
    )
    for row in rows:
        row["items"] = json.loads(row["items"] or "[]")
    return rows
