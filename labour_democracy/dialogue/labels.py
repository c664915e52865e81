"""Words shown for the dialogue's values, and the texts the app composes from stored keys and
values (a requested dialogue's title, the note of an item carried from a follow-up): the
database keeps the key and the user's own text, the words are translated where shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from labour_democracy.core.labels import register
from labour_democracy.dialogue.tables import (
    AgendaSource,
    DialogueKind,
    DialogueStatus,
    EventMatter,
    MemberListStatus,
    RequestSide,
    Side,
)
from labour_democracy.i18n import N_, format_date
from labour_democracy.i18n import gettext as _

if TYPE_CHECKING:
    from labour_democracy.dialogue.queries import Carried

register(
    {
        Side.EMPLOYER: N_("Employer side"),
        Side.UNION: N_("Grassroots union"),
        Side.WORKERS_ORGANISATION: N_("Workers' organisation"),
        Side.DIALOGUE_GROUP: N_("Workers' dialogue group"),
        DialogueKind.PERIODIC: N_("Periodic dialogue"),
        DialogueKind.REQUESTED: N_("Dialogue on request"),
        DialogueKind.EVENT: N_("Dialogue on an event"),
        EventMatter.PERFORMANCE_RULES: N_("Work-performance evaluation rules"),
        EventMatter.REDUNDANCY: N_("Dismissals for restructuring or economic reasons"),
        EventMatter.LABOUR_USAGE_PLAN: N_("Labour-usage plan"),
        EventMatter.WAGE_SCALE: N_("Wage scale, pay table, labour norms"),
        EventMatter.BONUS_RULES: N_("Bonus rules"),
        EventMatter.INTERNAL_RULES: N_("Internal labour rules"),
        EventMatter.SUSPENSION: N_("Suspension from work"),
        DialogueStatus.PLANNED: N_("Scheduled"),
        DialogueStatus.HELD: N_("Held, not yet publicised"),
        DialogueStatus.PUBLICISED: N_("Publicised"),
        DialogueStatus.CALLED_OFF: N_("Called off"),
        MemberListStatus.DRAFT: N_("Draft"),
        MemberListStatus.PUBLISHED: N_("Published list"),
        RequestSide.EMPLOYER: N_("The employer"),
        RequestSide.WORKERS: N_("The worker side"),
        AgendaSource.SUGGESTION: N_("Workers' suggestion"),
        AgendaSource.FOLLOW_UP: N_("Follow-up of an earlier dialogue"),
        AgendaSource.MANUAL: N_("Added by a side"),
    }
)

# Titles the app composes (Dialogue.title_key): the msgid, formatted with the stored title.
REQUESTED = "requested"
TITLES = {REQUESTED: N_("Dialogue requested by {who}")}


def dialogue_title(title: str, title_key: str | None = "") -> str:
    """A dialogue's title in the current language: the user's own text, or the app's title
    for `title_key` composed with the stored value (the requester's name)."""
    msgid = TITLES.get(title_key or "")
    return _(msgid).format(who=title) if msgid else title


def carried_note(carried: Carried) -> str:
    """The note of an agenda item carried from an earlier dialogue's follow-up, in the current
    language (queries.carried_from reads its values)."""
    source = _("Dialogue “{title}” of {date}").format(
        title=dialogue_title(carried.title, carried.title_key), date=format_date(carried.held_on)
    )
    return _("Agreed at {source}, due {date}; carried out by {owner}.").format(
        source=source, date=format_date(carried.due_on), owner=carried.owner
    )
