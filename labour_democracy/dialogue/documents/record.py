"""What the minutes and the publication notice are made of: a dialogue with its members, who
was present and its agenda (`DialogueRecord`), loaded from the tables, and the agreed points
to carry out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from labour_democracy.core.errors import Invalid
from labour_democracy.core.tables import Enterprise
from labour_democracy.dialogue import labels, queries
from labour_democracy.dialogue.documents import wording
from labour_democracy.dialogue.tables import (
    WORKER_SIDES,
    AgendaItem,
    AgendaSource,
    Attendance,
    Dialogue,
    Member,
    Side,
)
from labour_democracy.documents.engine import short_date
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import language


@dataclass
class DialogueRecord:
    """A dialogue with its members, who was present, and its agenda: what the minutes and the
    publication notice print."""

    enterprise: Enterprise
    dialogue: Dialogue
    members: list[Member]  # the members of its list version who were not replaced before it
    present: set[int]  # member ids
    items: list[AgendaItem]
    minutes_reference: str = ""
    worker_sides: list[Side] = field(init=False)

    def __post_init__(self) -> None:
        self.worker_sides = [s for s in WORKER_SIDES if any(m.side == s for m in self.members)]

    def side(self, side: Side) -> list[Member]:
        return [m for m in self.members if m.side == side]

    @property
    def worker_members(self) -> list[Member]:
        return [m for m in self.members if m.side != Side.EMPLOYER]

    @property
    def workers_present(self) -> int:
        return sum(1 for m in self.worker_members if m.id in self.present)

    @property
    def legal_representative(self) -> Member | None:
        return next((m for m in self.side(Side.EMPLOYER) if m.legal_representative), None)

    @property
    def legal_representative_present(self) -> bool:
        member = self.legal_representative
        return member is not None and member.id in self.present


async def load_record(enterprise: Enterprise, dialogue: Dialogue) -> DialogueRecord:
    """Everything the minutes and the publication print about `dialogue` (already scoped)."""
    start = wording.local(dialogue.started_at) or wording.local(dialogue.scheduled_at)
    day = dialogue.held_on or (start.date() if start else None)
    members = await queries.active_members(dialogue.member_list, day)
    present = {
        row["member"]
        for row in await Attendance.select(Attendance.member).where(
            (Attendance.dialogue == dialogue.id) & Attendance.present.eq(True)
        )
    }
    items = (
        await AgendaItem.objects()
        .where(AgendaItem.dialogue == dialogue.id)
        .order_by(AgendaItem.position)
        .order_by(AgendaItem.id)
    )
    carried = await queries.carried_from(
        item.source_id for item in items if item.source == AgendaSource.FOLLOW_UP
    )
    with language("vi"):
        for item in items:
            if item.source == AgendaSource.FOLLOW_UP and item.source_id in carried:
                # Printed, never saved: the note is composed from the follow-up it carries.
                note = labels.carried_note(carried[item.source_id])
                item.details = "\n".join(filter(None, [note, item.details]))
    reference = ""
    if dialogue.minutes_document:
        row = (
            await IssuedDocument.select(IssuedDocument.reference)
            .where(IssuedDocument.id == dialogue.minutes_document)
            .first()
        )
        reference = row["reference"] if row else ""
    return DialogueRecord(enterprise, dialogue, members, present, list(items), reference)


def require_held(dialogue: Dialogue) -> None:
    if dialogue.held_on is None:
        raise Invalid(_("Record the dialogue (the day it was held and who attended) first."))


def actions(items: Iterable[AgendaItem]) -> list[dict]:
    """The agreed points to carry out, with their owner and due date (issue 5 §9)."""
    rows = []
    for item in items:
        if item.agreed is not True:
            continue
        rows.append(
            {
                "number": len(rows) + 1,
                "text": (item.agreed_text or "").strip() or item.title,
                "owner": item.owner or "",
                "due": short_date(item.due_on) if item.due_on else "",
            }
        )
    return rows
