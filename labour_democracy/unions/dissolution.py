"""Dissolution (giải thể công đoàn cơ sở): the upper-level union records its decision (the
decision drafted for it), after which the enterprise has no union again: the membership
register is closed and kept, the union's letterhead and numbering are no longer used, core's
`Enterprise.representation` is "none" (conferences, dialogue and agreements fall back to the
workers' own representatives) and the federation counts the enterprise as without a union.
Labour Code 2019, Art. 171 sends dissolution to the Trade Union Law; see rules.py for what the
app could not source."""

from __future__ import annotations

from labour_democracy.core import audit
from labour_democracy.core.errors import Conflict, Forbidden, Invalid
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Enterprise, Representation, Worker
from labour_democracy.db import write_transaction
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today
from labour_democracy.unions import dissolution_decision, rules
from labour_democracy.unions.founding import union_in_scope
from labour_democracy.unions.membership import active_count
from labour_democracy.unions.permissions import UPPER_UNION
from labour_democracy.unions.schemas import DissolutionForm
from labour_democracy.unions.tables import GrassrootsUnion as Union
from labour_democracy.unions.tables import (
    MemberStatus,
    UnionDissolution,
    UnionStatus,
)

REASON_TEXT_LIMIT = 500
# One statement, however many members the register holds.
_NO_LONGER_MEMBERS = (
    "UPDATE worker SET union_member = {} WHERE id IN (SELECT m.worker FROM union_member AS m"
    ' WHERE m."union" = {} AND m.status = {} AND m.worker IS NOT NULL)'
)


def _checked(form: DissolutionForm, union: Union) -> tuple[rules.DissolutionReason, str]:
    errors: dict[str, str] = {}
    try:
        reason = rules.DissolutionReason(form.reason)
    except ValueError:
        reason = None
        errors["reason"] = _("Choose one of the reasons.")
    text = " ".join((form.reason_text or "").split())
    if reason is rules.DissolutionReason.OTHER and not text:
        errors["reason_text"] = _("Say what the reason is.")
    elif len(text) > REASON_TEXT_LIMIT:
        errors["reason_text"] = _("At most {n} characters.").format(n=REASON_TEXT_LIMIT)
    refusal = rules.dissolution_date_refusal(form.dissolved_on, union.recognised_on, today())
    if refusal is rules.DissolutionRefusal.IN_FUTURE:
        errors["dissolved_on"] = _("The decision cannot be dated in the future.")
    elif refusal is rules.DissolutionRefusal.BEFORE_RECOGNITION:
        errors["dissolved_on"] = _("The union cannot be dissolved before its recognition.")
    if errors:
        raise Invalid(errors)
    return reason, text  # type: ignore[return-value]


async def dissolve(context: EnterpriseContext, form: DissolutionForm) -> IssuedDocument:
    """The upper-level union (a federation officer of the enterprise's province, or the
    commune/ward or industrial-park union above it) dissolves a recognised union."""
    if not context.can(UPPER_UNION):
        raise Forbidden
    union = await union_in_scope(context)
    if union.status == UnionStatus.DISSOLVED:
        raise Conflict(_("This union is already dissolved."))
    if union.status != UnionStatus.RECOGNISED:
        raise Conflict(_("Only a recognised union can be dissolved."))
    reason, text = _checked(form, union)
    async with write_transaction():
        # The status changes only from "recognised": of two officers deciding at the same
        # time, the second finds no row to change (PostgreSQL waits for the first's commit).
        changed = (
            await Union.update({Union.status: UnionStatus.DISSOLVED})
            .where((Union.id == union.id) & (Union.status == UnionStatus.RECOGNISED))
            .returning(Union.id)
        )
        if not changed:
            raise Conflict(_("This union is already dissolved."))
        members = await active_count(union.id)
        decision = await dissolution_decision.issue(
            context, union, reason=reason, reason_text=text, on=form.dissolved_on
        )
        await UnionDissolution(
            enterprise=context.enterprise_id,
            union=union.id,
            reason=reason.value,
            reason_text=text,
            dissolved_on=form.dissolved_on,
            decision_number=decision.reference,
            decision=decision.id,
            recorded_by=context.actor.id,
            active_members=members,
        ).save()
        # The register is kept as it stood (who joined and left when); its members are no
        # longer members of a representative organisation at the enterprise.
        await Worker.raw(_NO_LONGER_MEMBERS, False, union.id, MemberStatus.ACTIVE.value)
        await Enterprise.update(
            {Enterprise.representation: Representation.NONE, Enterprise.representative_body: ""}
        ).where(
            (Enterprise.id == context.enterprise_id)
            & (Enterprise.representation == Representation.GRASSROOTS_UNION)
        )
        await audit.record(
            context.actor,
            "union.dissolved",
            "grassroots_union",
            union.id,
            context.enterprise_id,
            reason=reason.value,
            decision=decision.reference,
            members=members,
        )
    return decision


async def dissolution_of(union_id: int) -> UnionDissolution | None:
    return await UnionDissolution.objects().where(UnionDissolution.union == union_id).first()


def is_closed(union: Union | None) -> bool:
    """A dissolved union's register is kept and read, never written."""
    return union is not None and union.status == UnionStatus.DISSOLVED
