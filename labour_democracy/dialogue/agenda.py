"""The agenda of a dialogue: items added by hand, the workers' suggestions assigned to it and the
open follow-ups of earlier dialogues imported, and both sides' positions on each item.
"""

from __future__ import annotations

from labour_democracy.core import audit
from labour_democracy.core.errors import Invalid
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.db import write_transaction
from labour_democracy.dialogue import inputs, planning
from labour_democracy.dialogue.permissions import MANAGE_DIALOGUE
from labour_democracy.dialogue.schemas import AgendaItemForm, PositionsForm
from labour_democracy.dialogue.tables import AgendaItem, AgendaSource
from labour_democracy.followups import services as followups
from labour_democracy.i18n import gettext as _
from labour_democracy.suggestions import services as suggestions
from labour_democracy.suggestions.tables import SuggestionStatus, Topic

SOURCE_KIND = "dialogue"  # the follow-ups' source_kind


async def add_agenda_item(
    context: EnterpriseContext,
    dialogue_id: int,
    form: AgendaItemForm,
    source: AgendaSource = AgendaSource.MANUAL,
    source_id: int | None = None,
) -> int:
    inputs.require(context, MANAGE_DIALOGUE)
    title = inputs.clean(form.title)
    if not title or len(title) > inputs.TITLE_LIMIT:
        raise Invalid(
            {
                "title": _("Give the item a title of at most {n} characters.").format(
                    n=inputs.TITLE_LIMIT
                )
            }
        )
    details = inputs.text(form.details, "details")
    async with write_transaction():
        dialogue = await planning.planned(context, dialogue_id)
        count = await AgendaItem.count().where(AgendaItem.dialogue == dialogue.id)
        item = AgendaItem(
            dialogue=dialogue.id,
            position=count + 1,
            title=title,
            details=details,
            source=source,
            source_id=source_id,
        )
        await item.save()
        await audit.record(
            context.actor, "dialogue.item_added", "dialogue", dialogue.id, context.enterprise_id
        )
    return item.id


async def new_suggestions(context, dialogue_id: int, items: list[dict]) -> list[dict]:
    taken = {i["source_id"] for i in items if i["source"] == AgendaSource.SUGGESTION}
    rows = await suggestions.list_suggestions(
        context,
        topic=Topic.DIALOGUE,
        target_id=dialogue_id,
        status=(SuggestionStatus.PUBLISHED, SuggestionStatus.ANSWERED),
    )
    return [row for row in rows if row["id"] not in taken]


async def new_followups(context, dialogue_id: int, items: list[dict]) -> list[dict]:
    taken = {i["source_id"] for i in items if i["source"] == AgendaSource.FOLLOW_UP}
    return [
        row
        for row in await followups.open_items(context, SOURCE_KIND)
        if row["id"] not in taken and row["source_id"] != dialogue_id
    ]


async def import_agenda(context: EnterpriseContext, dialogue_id: int) -> int:
    """Put onto the agenda the workers' suggestions assigned to this dialogue and the open
    follow-ups of earlier dialogues (carried until done); returns how many were added."""
    inputs.require(context, MANAGE_DIALOGUE)
    dialogue = await planning.planned(context, dialogue_id)
    items = await AgendaItem.select().where(AgendaItem.dialogue == dialogue.id)
    added = 0
    for row in await new_suggestions(context, dialogue.id, items):
        await add_agenda_item(
            context,
            dialogue.id,
            AgendaItemForm(title=row["subject"], details=row["body"]),
            AgendaSource.SUGGESTION,
            row["id"],
        )
        added += 1
    for row in await new_followups(context, dialogue.id, items):
        # No details stored: the note "Agreed at ..., due ...; carried out by ..." is composed
        # where shown, in the reader's language or the minutes' Vietnamese (labels.carried_note).
        await add_agenda_item(
            context,
            dialogue.id,
            AgendaItemForm(title=row["title"]),
            AgendaSource.FOLLOW_UP,
            row["id"],
        )
        added += 1
    return added


async def record_positions(
    context: EnterpriseContext, dialogue_id: int, item_id: int, form: PositionsForm
) -> None:
    """Both sides' positions on an item and whether it was agreed."""
    inputs.require(context, MANAGE_DIALOGUE)
    if form.outcome not in (None, "", "agreed", "not_agreed"):
        raise Invalid({"outcome": _("Choose one of the options offered.")})
    agreed = {"agreed": True, "not_agreed": False}.get(form.outcome or "")
    values = {
        AgendaItem.employer_position: inputs.text(form.employer_position, "employer_position"),
        AgendaItem.worker_position: inputs.text(form.worker_position, "worker_position"),
        AgendaItem.agreed: agreed,
        AgendaItem.agreed_text: inputs.text(form.agreed_text, "agreed_text"),
        AgendaItem.owner: inputs.clean(form.owner)[: inputs.NAME_LIMIT],
        AgendaItem.due_on: form.due_on,
    }
    if agreed:
        errors = followups.check(form.agreed_text or "x", form.owner or "", form.due_on)
        errors.pop("title", None)
        if not (form.agreed_text or "").strip():
            errors["agreed_text"] = _("Write what was agreed.")
        if errors:
            raise Invalid(errors)
    async with write_transaction():
        dialogue = await planning.planned(context, dialogue_id)
        item = (
            await AgendaItem.objects()
            .where((AgendaItem.id == item_id) & (AgendaItem.dialogue == dialogue.id))
            .first()
        )
        if item is None:
            raise Invalid({"item": _("Choose an item of this dialogue.")})
        await AgendaItem.update(values).where(AgendaItem.id == item.id)
        await audit.record(
            context.actor, "dialogue.item_recorded", "dialogue", dialogue.id, context.enterprise_id
        )
