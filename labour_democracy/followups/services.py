"""Use cases of follow-up actions; the dialogue and conference modules call the API below.

    create(context, source_kind, source_id, title, owner, due_on) -> id
    list_for(context, source_kind, source_id) -> list[dict]
    open_items(context, source_kind=None) -> list[dict]
    complete(context, id, done_on=None, note="")    drop(context, id, reason)
    completion_rate(context, year) -> Rate
`create` joins the caller's write transaction, so an action exists exactly when the record
that agreed it does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from piccolo.columns.combination import Where

from labour_democracy.core import audit, reminders
from labour_democracy.core.errors import Conflict, Forbidden, Invalid
from labour_democracy.core.permissions import VIEW
from labour_democracy.core.rates import Rate
from labour_democracy.core.schemas import Page
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.db import write_transaction
from labour_democracy.followups import compliance, labels, rules
from labour_democracy.followups.permissions import MANAGE_FOLLOWUPS
from labour_democracy.followups.schemas import FollowUpQuery
from labour_democracy.followups.tables import FollowUp, FollowUpStatus
from labour_democracy.i18n import format_number, today
from labour_democracy.i18n import gettext as _
from labour_democracy.manifest import installed

PER_PAGE = 25


def _require(context: EnterpriseContext, permission) -> None:
    if not context.can(permission):
        raise Forbidden


def check(title: str, owner: str, due_on: dt.date | None) -> dict[str, str]:
    """The errors of an action's fields (empty when it may be saved); other modules call it
    before writing anything, so a bad action refuses the whole record that agreed it."""
    errors: dict[str, str] = {}
    if not title.strip() or len(title) > rules.TITLE_LIMIT:
        errors["title"] = _("Say what is to be done, in at most {n} characters.").format(
            n=format_number(rules.TITLE_LIMIT)
        )
    if not owner.strip() or len(owner) > rules.OWNER_LIMIT:
        errors["owner"] = _("Say who carries it out (a side or a person).")
    if due_on is None:
        errors["due_on"] = _("Give the date by which it is to be done.")
    return errors


async def create(
    context: EnterpriseContext,
    source_kind: str,
    source_id: int,
    title: str,
    owner: str,
    due_on: dt.date,
) -> int:
    _require(context, MANAGE_FOLLOWUPS)
    errors = check(title, owner, due_on)
    if errors:
        raise Invalid(errors)
    async with write_transaction():
        action = FollowUp(
            enterprise=context.enterprise_id,
            source_kind=source_kind,
            source_id=source_id,
            title=" ".join(title.split()),
            owner=" ".join(owner.split()),
            due_on=due_on,
            created_by=context.actor.id,
        )
        await action.save()
        await audit.record(
            context.actor,
            "followup.created",
            "followup",
            action.id,
            context.enterprise_id,
            source=f"{source_kind}:{source_id}",
        )
    return action.id


async def get(context: EnterpriseContext, followup_id: int) -> FollowUp:
    _require(context, VIEW)
    return await get_owned(context, FollowUp, followup_id)


async def _change(
    context: EnterpriseContext,
    followup_id: int,
    action: str,
    values: Callable[[FollowUp], dict],
) -> None:
    """Apply `values(item)` to an action; read and written in one transaction, so two notes
    added at once both stay."""
    _require(context, MANAGE_FOLLOWUPS)
    async with write_transaction():
        item = await get_owned(context, FollowUp, followup_id)
        if item.status != FollowUpStatus.OPEN and action != "followup.noted":
            raise Conflict(_("This action is already closed."))
        await FollowUp.update(values(item)).where(FollowUp.id == item.id)
        await audit.record(context.actor, action, "followup", item.id, context.enterprise_id)


def _with_note(notes: str, note: str | None, on: dt.date) -> str:
    note = " ".join((note or "").split())
    if not note:
        return notes
    line = f"{on:%d/%m/%Y}: {note}"
    return f"{notes}\n{line}" if notes else line


async def complete(
    context: EnterpriseContext, followup_id: int, done_on: dt.date | None = None, note: str = ""
) -> None:
    done_on = done_on or today()
    if done_on > today():
        raise Invalid({"done_on": _("The day it was done cannot be in the future.")})
    if len(note or "") > rules.TEXT_LIMIT:
        raise Invalid(
            {"note": _("At most {n} characters.").format(n=format_number(rules.TEXT_LIMIT))}
        )
    await _change(
        context,
        followup_id,
        "followup.done",
        lambda item: {
            FollowUp.status: FollowUpStatus.DONE.value,
            FollowUp.done_on: done_on,
            FollowUp.notes: _with_note(item.notes, note, done_on),
        },
    )


async def drop(context: EnterpriseContext, followup_id: int, reason: str) -> None:
    reason = " ".join((reason or "").split())
    if not reason or len(reason) > rules.TEXT_LIMIT:
        raise Invalid({"reason": _("Say why the action is dropped; both sides will read it.")})
    await _change(
        context,
        followup_id,
        "followup.dropped",
        lambda _item: {
            FollowUp.status: FollowUpStatus.DROPPED.value,
            FollowUp.drop_reason: reason,
        },
    )


async def add_note(context: EnterpriseContext, followup_id: int, note: str) -> None:
    if not note.strip() or len(note) > rules.TEXT_LIMIT:
        raise Invalid(
            {
                "note": _("Write the note in at most {n} characters.").format(
                    n=format_number(rules.TEXT_LIMIT)
                )
            }
        )
    await _change(
        context,
        followup_id,
        "followup.noted",
        lambda item: {FollowUp.notes: _with_note(item.notes, note, today())},
    )


# Reading --------------------------------------------------------------------------------------


async def _named(rows: list[dict]) -> list[dict]:
    """Each action's `source_label`: the dialogue or conference it was agreed at, named by the
    module that owns it in the reader's language (nothing of the catalogue is stored); the
    kind's name alone when that record is gone."""
    wanted: dict[str, set[int]] = {}
    for row in rows:
        wanted.setdefault(row["source_kind"], set()).add(row["source_id"])
    sources = {kind: s for m in installed() for kind, s in m.followup_sources.items()}
    names = {
        kind: await sources[kind](sorted(ids)) if kind in sources else {}
        for kind, ids in wanted.items()
    }
    for row in rows:
        kind = row["source_kind"]
        row["source_label"] = names[kind].get(row["source_id"]) or _(
            labels.SOURCE_KINDS.get(kind, kind)
        )
    return rows


async def list_for(context: EnterpriseContext, source_kind: str, source_id: int) -> list[dict]:
    """The actions agreed at one dialogue or conference, in the order they were created."""
    _require(context, VIEW)
    return await _named(
        await FollowUp.select()
        .where(FollowUp.enterprise == context.enterprise_id)
        .where(FollowUp.source_kind == source_kind)
        .where(FollowUp.source_id == source_id)
        .order_by(FollowUp.id)
    )


async def open_items(context: EnterpriseContext, source_kind: str | None = None) -> list[dict]:
    """Actions not yet done nor dropped, the earliest due first."""
    _require(context, VIEW)
    query = (
        FollowUp.select()
        .where(FollowUp.enterprise == context.enterprise_id)
        .where(FollowUp.status == FollowUpStatus.OPEN.value)
    )
    if source_kind:
        query = query.where(FollowUp.source_kind == source_kind)
    return await _named(await query.order_by(FollowUp.due_on).order_by(FollowUp.id))


def _filter(context: EnterpriseContext, query: FollowUpQuery, on: dt.date) -> Where:
    clause = FollowUp.enterprise == context.enterprise_id
    if query.source_kind:
        clause &= FollowUp.source_kind == query.source_kind
    if query.status:
        clause &= FollowUp.status == query.status.value
    if query.overdue:
        clause &= (FollowUp.status == FollowUpStatus.OPEN.value) & (FollowUp.due_on < on)
    return clause


async def search(context: EnterpriseContext, query: FollowUpQuery) -> Page:
    _require(context, VIEW)
    on = today()
    clause = _filter(context, query, on)
    total = await FollowUp.count().where(clause)
    page = max(1, min(query.page, max(1, -(-total // PER_PAGE))))
    rows = (
        await FollowUp.select()
        .where(clause)
        .order_by(FollowUp.status, ascending=False)  # open, then dropped, then done
        .order_by(FollowUp.due_on)
        .order_by(FollowUp.id)
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    )
    for row in await _named(rows):
        row["overdue"] = rules.is_overdue(FollowUpStatus(row["status"]), row["due_on"], on)
    return Page(rows=rows, total=total, page=page, per_page=PER_PAGE)


async def completion_rate_for(enterprise_id: int, year: int) -> Rate:
    """Actions due in `year` (dropped ones left out) and how many of them are done
    (`compliance.completion_rates` for many enterprises)."""
    return (await compliance.completion_rates([enterprise_id], year))[enterprise_id]


async def completion_rate(context: EnterpriseContext, year: int) -> Rate:
    _require(context, VIEW)
    return await completion_rate_for(context.enterprise_id, year)


async def due(context: EnterpriseContext) -> list[reminders.Due]:
    return [
        reminders.Due(
            title=_("Follow-up: {title}").format(title=item["title"]),
            due_on=item["due_on"],
            url=f"/enterprises/{context.enterprise_id}/followups?status=open",
            owner=item["owner"],
            legal_source=item["source_label"],
        )
        for item in await open_items(context)
    ]
