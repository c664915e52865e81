"""The meeting itself: the dialogue page (members, attendance, quorum, agenda), who attended
(the quorum of Decree 145 Art. 39(4)), closing the record with its follow-ups, and who signs
the minutes (documents/minutes.py issues them).
"""

from __future__ import annotations

from dataclasses import dataclass

from labour_democracy.core import audit, enterprises
from labour_democracy.core import rules as core_rules
from labour_democracy.core.errors import Conflict, Invalid
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.db import write_transaction
from labour_democracy.dialogue import agenda, inputs, labels, planning, queries, regulation, rules
from labour_democracy.dialogue.documents.minutes import minutes_signatories
from labour_democracy.dialogue.documents.record import load_record
from labour_democracy.dialogue.permissions import MANAGE_DIALOGUE
from labour_democracy.dialogue.schemas import AttendanceForm, RecordForm
from labour_democracy.dialogue.tables import (
    AgendaItem,
    AgendaSource,
    Attendance,
    Dialogue,
    DialogueKind,
    DialogueRequest,
    DialogueStatus,
    Member,
    Side,
)
from labour_democracy.followups import services as followups
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today


@dataclass
class DialogueView:
    """Everything the dialogue page shows."""

    dialogue: dict
    members: list[Member]
    present: set[int]
    items: list[dict]
    quorum: bool
    quorum_needed: int
    workers_present: int
    worker_members: int
    employer_present: bool
    event_steps: list[dict]
    suggestions_waiting: int
    followups_waiting: int
    request: dict | None


async def dialogue_view(context: EnterpriseContext, dialogue_id: int) -> DialogueView:
    dialogue = await planning.get_dialogue(context, dialogue_id)
    row = (await Dialogue.select().where(Dialogue.id == dialogue.id))[0]
    week = await queries.working_week(context)
    planning.annotate(row, week)
    on = row["held_on"] or row["date"]
    members = await queries.active_members(dialogue.member_list, on)
    present = await queries.present(dialogue.id)
    workers = [m for m in members if m.side != Side.EMPLOYER]
    workers_present = sum(1 for m in workers if m.id in present)
    employer_present = any(m.legal_representative and m.id in present for m in members) or bool(
        dialogue.authorised_person.strip()
    )
    items = (
        await AgendaItem.select()
        .where(AgendaItem.dialogue == dialogue.id)
        .order_by(AgendaItem.position)
        .order_by(AgendaItem.id)
    )
    carried = await queries.carried_from(
        item["source_id"] for item in items if item["source"] == AgendaSource.FOLLOW_UP
    )
    for item in items:
        if item["source"] == AgendaSource.FOLLOW_UP and item["source_id"] in carried:
            note = labels.carried_note(carried[item["source_id"]])
            item["details"] = "\n".join(filter(None, [note, item["details"]]))
    settings = await regulation.settings_for(context.enterprise_id)
    request = await DialogueRequest.select().where(DialogueRequest.dialogue == dialogue.id).first()
    return DialogueView(
        dialogue=row,
        members=members,
        present=present,
        items=items,
        quorum=rules.quorum_met(employer_present, workers_present, len(workers)),
        quorum_needed=rules.quorum_smallest(len(workers)),
        workers_present=workers_present,
        worker_members=len(workers),
        employer_present=employer_present,
        event_steps=planning.event_steps(
            row,
            settings.event_reply_days,
            week,
            ten_or_more=core_rules.ten_worker_duties_apply(
                (await enterprises.workforce(context.enterprise_id)).count
            ),
        )
        if row["kind"] == DialogueKind.EVENT
        else [],
        suggestions_waiting=len(await agenda.new_suggestions(context, dialogue.id, items))
        if context.can(MANAGE_DIALOGUE)
        else 0,
        followups_waiting=len(await agenda.new_followups(context, dialogue.id, items))
        if context.can(MANAGE_DIALOGUE)
        else 0,
        request=request,
    )


async def record_attendance(
    context: EnterpriseContext, dialogue_id: int, form: AttendanceForm
) -> bool | None:
    """Who came; returns whether the quorum of Art. 39(4) is met (None: not a periodic
    dialogue, where the regulation decides who takes part)."""
    inputs.require(context, MANAGE_DIALOGUE)
    authorised = inputs.clean(form.authorised_person)
    if len(authorised) > inputs.NAME_LIMIT:
        raise Invalid(
            {"authorised_person": _("At most {n} characters.").format(n=inputs.NAME_LIMIT)}
        )
    women = inputs.clean(form.womens_representative)
    if len(women) > inputs.NAME_LIMIT:
        raise Invalid(
            {"womens_representative": _("At most {n} characters.").format(n=inputs.NAME_LIMIT)}
        )
    async with write_transaction():
        dialogue = await planning.planned(context, dialogue_id)
        members = await queries.active_members(
            dialogue.member_list, queries.local_date(dialogue.scheduled_at)
        )
        ids = {m.id for m in members}
        unknown = set(form.present) - ids
        if unknown:
            raise Invalid({"present": _("Tick only members of this dialogue's list.")})
        await Attendance.delete().where(Attendance.dialogue == dialogue.id)
        for member in members:
            await Attendance(
                dialogue=dialogue.id, member=member.id, present=member.id in form.present
            ).save()
        await Dialogue.update(
            {
                Dialogue.authorised_person: authorised,
                Dialogue.concerns_women: form.concerns_women,
                Dialogue.womens_representative: women,
            }
        ).where(Dialogue.id == dialogue.id)
        await audit.record(
            context.actor, "dialogue.attendance", "dialogue", dialogue.id, context.enterprise_id
        )
    workers = [m for m in members if m.side != Side.EMPLOYER]
    employer_present = bool(authorised) or any(
        m.legal_representative and m.id in form.present for m in members
    )
    if not rules.quorum_applies(dialogue.kind):
        return None
    return rules.quorum_met(
        employer_present, sum(1 for m in workers if m.id in form.present), len(workers)
    )


async def record_dialogue(context: EnterpriseContext, dialogue_id: int, form: RecordForm) -> None:
    """Close the record: refused without the quorum of Art. 39(4) (periodic dialogues) or with
    an item not yet decided; each agreed item becomes a follow-up with its owner and due date."""
    inputs.require(context, MANAGE_DIALOGUE)
    errors: dict[str, str] = {}
    if form.held_on > today():
        errors["held_on"] = _("Record a dialogue once it has been held.")
    chair, secretary = inputs.clean(form.chair), inputs.clean(form.secretary)
    if not chair or len(chair) > inputs.NAME_LIMIT:
        errors["chair"] = _("Give the name of who chaired the dialogue.")
    if not secretary or len(secretary) > inputs.NAME_LIMIT:
        errors["secretary"] = _("Give the name of the secretary.")
    if form.started_at and form.ended_at and form.ended_at <= form.started_at:
        errors["ended_at"] = _("The end must come after the start.")
    summary = inputs.text(form.summary, "summary", required=True)
    if errors:
        raise Invalid(errors)
    view = await dialogue_view(context, dialogue_id)
    dialogue = view.dialogue
    if dialogue["status"] != DialogueStatus.PLANNED:
        raise Conflict(_("This dialogue has already been recorded."))
    if rules.quorum_applies(dialogue["kind"]) and not view.quorum:
        raise Invalid(
            _(
                "The quorum is not met (Decree 145/2020/NĐ-CP, Art. 39(4)): the legal "
                "representative or an "
                "authorised person must be present, and worker-side members above 70%, here "
                "{needed} of {total}; {present} are present."
            ).format(
                needed=view.quorum_needed, total=view.worker_members, present=view.workers_present
            )
        )
    if rules.womens_representative_missing(
        dialogue["concerns_women"], dialogue["womens_representative"]
    ):
        raise Invalid(
            _(
                "A topic concerns women: record the women's representative who took part "
                "(Decree 145/2020/NĐ-CP, Art. 38(4)) with the attendance."
            )
        )
    if not view.items:
        raise Invalid(_("Add at least one agenda item."))
    undecided = [item["title"] for item in view.items if item["agreed"] is None]
    if undecided:
        raise Invalid(
            _("Record whether each item was agreed: {items}.").format(items="; ".join(undecided))
        )
    async with write_transaction():
        await Dialogue.update(
            {
                Dialogue.status: DialogueStatus.HELD.value,
                Dialogue.held_on: form.held_on,
                Dialogue.started_at: form.started_at,
                Dialogue.ended_at: form.ended_at,
                Dialogue.chair: chair,
                Dialogue.secretary: secretary,
                Dialogue.summary: summary,
            }
        ).where(Dialogue.id == dialogue["id"])
        for item in view.items:
            if item["agreed"]:
                action = await followups.create(
                    context,
                    agenda.SOURCE_KIND,
                    dialogue["id"],
                    item["agreed_text"],
                    item["owner"],
                    item["due_on"],
                )
                await AgendaItem.update({AgendaItem.follow_up_id: action}).where(
                    AgendaItem.id == item["id"]
                )
        await audit.record(
            context.actor, "dialogue.recorded", "dialogue", dialogue["id"], context.enterprise_id
        )


async def signatories(context: EnterpriseContext, dialogue_id: int) -> list:
    """Who signs the minutes (Art. 39(4)), or Invalid naming who is missing."""
    dialogue = await planning.get_dialogue(context, dialogue_id)
    record = await load_record(context.enterprise, dialogue)
    return minutes_signatories(record)
