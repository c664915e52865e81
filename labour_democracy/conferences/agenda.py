"""The conference's agenda (Chương trình hội nghị): its items in order, with each decided
item's outcome; adding, correcting, moving and removing items."""

from __future__ import annotations

from labour_democracy.conferences import inspection_board, labels
from labour_democracy.conferences.queries import (
    get_conference,
    item_of,
    require,
    require_not_closed,
)
from labour_democracy.conferences.schemas import (
    AgendaItemForm,
)
from labour_democracy.conferences.tables import (
    AgendaItem,
    AgendaKind,
)
from labour_democracy.core import audit
from labour_democracy.core.errors import Conflict, Invalid
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.db import write_transaction
from labour_democracy.i18n import gettext as _
from labour_democracy.voting import tally


async def agenda(context: EnterpriseContext, conference_id: int) -> list[dict]:
    await get_conference(context, conference_id)
    items = (
        await AgendaItem.select(
            *AgendaItem.all_columns(),
            AgendaItem.ballot.status.as_alias("ballot_status"),
            AgendaItem.ballot.result.as_alias("ballot_result"),
        )
        .where(AgendaItem.conference == conference_id)
        .order_by(AgendaItem.position)
    )
    for item in items:
        item["title"] = labels.item_title(item["key"], item["title"])
        item["result"] = tally.unseal(item["ballot_result"]) if item["ballot_result"] else None
        item["outcome"] = _outcome(item["result"]) if item["result"] else None
    return items


def _outcome(result) -> dict:
    """The decisive numbers of a closed vote: for a motion, for/against/abstain and passed."""
    question = result.questions[0]
    votes = {option.label: option.votes for option in question.options}
    return {
        "passed": question.passed,
        "kind": question.kind,
        "votes": votes,
        "options": question.options,
        "elected": question.elected,
        "threshold": question.threshold,
        "present": result.present,
        "electorate": result.electorate,
        "quorum_reached": result.quorum_reached,
    }


def _check_item(form: AgendaItemForm) -> None:
    errors: dict[str, str] = {}
    if not form.title.strip() or len(form.title) > 500:
        errors["title"] = _("Give a title of at most 500 characters.")
    if form.kind is AgendaKind.ELECTION:
        candidates = [c for c in (form.candidates or "").splitlines() if c.strip()]
        if form.seats is None or form.seats < 1:
            errors["seats"] = _("Enter the number of seats.")
        elif candidates and form.seats > len(candidates):
            errors["seats"] = _(
                "The seats must be between 1 and the number of candidates ({n})."
            ).format(n=len(candidates))
    if errors:
        raise Invalid(errors)


async def add_item(context: EnterpriseContext, conference_id: int, form: AgendaItemForm) -> int:
    require(context)
    conference = await get_conference(context, conference_id)
    require_not_closed(conference)
    _check_item(form)
    async with write_transaction():
        position = await AgendaItem.count().where(AgendaItem.conference == conference_id) + 1
        item = AgendaItem(
            conference=conference_id,
            position=position,
            title=form.title.strip(),
            kind=form.kind,
            vote_mode=form.vote_mode,
            candidates=(form.candidates or "").strip(),
            seats=form.seats if form.kind is AgendaKind.ELECTION else None,
            election_method=form.election_method.value,
            notes=(form.notes or "").strip(),
        )
        await item.save()
        await audit.record(
            context.actor,
            "conference.item_added",
            "conference",
            conference_id,
            context.enterprise_id,
            item=item.id,
        )
    return item.id


async def update_item(
    context: EnterpriseContext, conference_id: int, item_id: int, form: AgendaItemForm
) -> None:
    require(context)
    conference = await get_conference(context, conference_id)
    require_not_closed(conference)
    item = await item_of(conference_id, item_id)
    if item.ballot is not None:
        raise Conflict(_("The vote on this item is prepared; its item no longer changes."))
    _check_item(form)
    if item.key == inspection_board.KEY:
        errors = await inspection_board.problems(context, conference, form.seats, form.candidates)
        if errors:
            raise Invalid(errors)
    async with write_transaction():
        await AgendaItem.update(
            {
                # The catalogue's title sent back unchanged stays the catalogue's; a user's
                # own words are stored as typed.
                AgendaItem.title: labels.typed_or_catalogue(
                    form.title, labels.item_msgid(item.key)
                ),
                AgendaItem.kind: form.kind,
                AgendaItem.vote_mode: form.vote_mode,
                AgendaItem.candidates: (form.candidates or "").strip(),
                AgendaItem.seats: form.seats if form.kind is AgendaKind.ELECTION else None,
                AgendaItem.election_method: form.election_method.value,
                AgendaItem.notes: (form.notes or "").strip(),
            }
        ).where(AgendaItem.id == item.id)
        await audit.record(
            context.actor,
            "conference.item_updated",
            "conference",
            conference_id,
            context.enterprise_id,
            item=item.id,
        )


async def move_item(
    context: EnterpriseContext, conference_id: int, item_id: int, step: int
) -> None:
    """Swap the item with its neighbour above (-1) or below (+1)."""
    require(context)
    conference = await get_conference(context, conference_id)
    require_not_closed(conference)
    item = await item_of(conference_id, item_id)
    other = (
        await AgendaItem.objects()
        .where(
            (AgendaItem.conference == conference_id)
            & (AgendaItem.position == item.position + (1 if step > 0 else -1))
        )
        .first()
    )
    if other is None:
        return
    async with write_transaction():
        await AgendaItem.update({AgendaItem.position: other.position}).where(
            AgendaItem.id == item.id
        )
        await AgendaItem.update({AgendaItem.position: item.position}).where(
            AgendaItem.id == other.id
        )


async def delete_item(context: EnterpriseContext, conference_id: int, item_id: int) -> None:
    require(context)
    conference = await get_conference(context, conference_id)
    require_not_closed(conference)
    item = await item_of(conference_id, item_id)
    if item.ballot is not None:
        raise Conflict(_("The vote on this item is prepared; the item stays on the agenda."))
    async with write_transaction():
        await AgendaItem.delete().where(AgendaItem.id == item.id)
        await AgendaItem.update({AgendaItem.position: AgendaItem.position - 1}).where(
            (AgendaItem.conference == conference_id) & (AgendaItem.position > item.position)
        )
        await audit.record(
            context.actor,
            "conference.item_removed",
            "conference",
            conference_id,
            context.enterprise_id,
            item=item.id,
        )
