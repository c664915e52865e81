"""Publicising a held dialogue's main contents (Decree 145 Art. 39(5)): the notice issued
(documents/publication_notice.py) and the date recorded, and the publicised dialogues the
workers' public page lists.
"""

from __future__ import annotations

from labour_democracy.core import audit
from labour_democracy.core.errors import Conflict, Invalid
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.core.tables import Enterprise
from labour_democracy.db import write_transaction
from labour_democracy.dialogue import inputs, labels, queries, rules
from labour_democracy.dialogue.documents.publication_notice import (
    issue_publication_notice,
    publication_lines,
)
from labour_democracy.dialogue.documents.record import load_record
from labour_democracy.dialogue.permissions import PUBLISH_DIALOGUE
from labour_democracy.dialogue.schemas import PublishForm
from labour_democracy.dialogue.tables import Dialogue, DialogueStatus
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today


async def publish_dialogue(context: EnterpriseContext, dialogue_id: int, form: PublishForm) -> bool:
    """Publicise the main contents: the notice is issued and the date recorded; returns whether
    it was late (more than 3 working days after the dialogue, Art. 39(5))."""
    inputs.require(context, PUBLISH_DIALOGUE)
    if form.published_on > today():
        raise Invalid({"published_on": _("This date cannot be in the future.")})
    async with write_transaction():
        dialogue = await get_owned(context, Dialogue, dialogue_id)
        if dialogue.status != DialogueStatus.HELD:
            raise Conflict(
                _("Only a recorded dialogue that is not yet publicised can be publicised.")
            )
        if form.published_on < dialogue.held_on:
            raise Invalid({"published_on": _("Publication cannot come before the dialogue.")})
        await issue_publication_notice(context, dialogue.id, form.published_on)
        await Dialogue.update(
            {
                Dialogue.status: DialogueStatus.PUBLICISED.value,
                Dialogue.published_on: form.published_on,
            }
        ).where(Dialogue.id == dialogue.id)
        await audit.record(
            context.actor, "dialogue.publicised", "dialogue", dialogue.id, context.enterprise_id
        )
    due = rules.publication_due(dialogue.held_on, await queries.working_week(context))
    return form.published_on > due


async def published_for_public(enterprise: Enterprise, limit: int = 5) -> list[dict]:
    """The publicised dialogues, newest first, each with the main contents its notice printed
    (`publication_lines`, in Vietnamese like the notice), for the public page."""
    dialogues = (
        await Dialogue.objects()
        .where(Dialogue.enterprise == enterprise.id)
        .where(Dialogue.status == DialogueStatus.PUBLICISED.value)
        .order_by(Dialogue.held_on, ascending=False)
        .order_by(Dialogue.id, ascending=False)
        .limit(limit)
    )
    rows = []
    for dialogue in dialogues:
        record = await load_record(enterprise, dialogue)
        rows.append(
            {
                "title": labels.dialogue_title(dialogue.title, dialogue.title_key),
                "held_on": dialogue.held_on,
                "lines": publication_lines(record),
            }
        )
    return rows
