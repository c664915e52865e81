"""Readers the dialogue's stages and its documents share: the member list in force, its
members on a day, who attended, the union members counted for the seat split, the last
periodic dialogue, and the enterprise's calendar (its working week, local dates).

They check no permission: callers have scoped the records they pass (core.scope.get_owned).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from labour_democracy.core import calendar, enterprises, working_calendar
from labour_democracy.core.names import person_sort_key
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Representation, Worker
from labour_democracy.dialogue.labels import dialogue_title
from labour_democracy.dialogue.tables import (
    Attendance,
    Dialogue,
    DialogueKind,
    Member,
    MemberList,
    MemberListStatus,
)
from labour_democracy.followups.tables import FollowUp
from labour_democracy.i18n import LOCAL_TIMEZONE, format_date, today
from labour_democracy.i18n import gettext as _


def works_saturday(context: EnterpriseContext) -> bool:
    """Kept for callers written before weekly rest days; use `working_week`."""
    return bool(context.enterprise.saturday_works)


async def working_week(context: EnterpriseContext) -> calendar.WorkingWeek:
    """The enterprise's working week, its own and the administrator's days off included."""
    return await working_calendar.week_for(context.enterprise)


def existed_from(enterprise) -> dt.date | None:
    """The day the enterprise came to exist for the app (its record's creation, local date)."""
    created = getattr(enterprise, "created_at", None)
    return created.astimezone(LOCAL_TIMEZONE).date() if created else None


def local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(LOCAL_TIMEZONE).date()


async def active_members(member_list_id: int | None, on: dt.date | None = None) -> list[Member]:
    """The members of a list version, less those replaced on or before `on` (today)."""
    if member_list_id is None:
        return []
    on = on or today()
    members = await list_members(member_list_id)
    return [
        m
        for m in members
        if not (m.replaced_by and m.replaced_on and m.replaced_on <= on)
        and not (m.added_on and m.added_on > on)
    ]


async def current_list(enterprise_id: int, on: dt.date | None = None) -> MemberList | None:
    """The published list in force on `on`: the latest valid from that day or before."""
    on = on or today()
    return (
        await MemberList.objects()
        .where(MemberList.enterprise == enterprise_id)
        .where(MemberList.status == MemberListStatus.PUBLISHED.value)
        .where(MemberList.valid_from <= on)
        .order_by(MemberList.valid_from, ascending=False)
        .order_by(MemberList.id, ascending=False)
        .first()
    )


async def list_members(member_list_id: int) -> list[Member]:
    """Every member of a version, replaced ones included: the legal representative and those
    who sign for their side first, then in Vietnamese name order (core/names.py)."""
    members = (
        await Member.objects()
        .where(Member.member_list == member_list_id)
        .order_by(Member.position)
        .order_by(Member.id)
    )
    return sorted(
        members,
        key=lambda m: (
            not m.legal_representative,
            not m.signs_for_side,
            person_sort_key(m.full_name),
        ),
    )


async def organisation_members(context: EnterpriseContext) -> int:
    """The roster's active union members, counted for the representative organisation (none
    where the enterprise has no representative organisation)."""
    if context.enterprise.representation == Representation.NONE:
        return 0
    return await Worker.count().where(
        enterprises.active_workers(context.enterprise_id, today()) & Worker.union_member.eq(True)
    )


async def last_periodic(enterprise_id: int) -> dt.date | None:
    row = (
        await Dialogue.select(Dialogue.held_on)
        .where(Dialogue.enterprise == enterprise_id)
        .where(Dialogue.kind == DialogueKind.PERIODIC.value)
        .where(Dialogue.held_on.is_not_null())
        .order_by(Dialogue.held_on, ascending=False)
        .first()
    )
    return row["held_on"] if row else None


async def present(dialogue_id: int) -> set[int]:
    """The ids of the members recorded present at a dialogue."""
    rows = await Attendance.select(Attendance.member).where(
        (Attendance.dialogue == dialogue_id) & Attendance.present.eq(True)
    )
    return {row["member"] for row in rows}


@dataclass(frozen=True)
class Carried:
    """What the note of an agenda item carried from a follow-up is made of (labels.carried_note):
    the earlier dialogue's title (and title key) and day, the follow-up's due date and owner."""

    title: str
    title_key: str
    held_on: dt.date | None
    due_on: dt.date | None
    owner: str


async def carried_from(follow_up_ids: Iterable[int | None]) -> dict[int, Carried]:
    """The notes' values of agenda items carried from follow-ups, by follow-up id. Reads the
    follow-ups' table (the followups module owns it) for these ids only."""
    ids = sorted({i for i in follow_up_ids if i is not None})
    if not ids:
        return {}
    actions = await FollowUp.select(
        FollowUp.id, FollowUp.source_id, FollowUp.due_on, FollowUp.owner
    ).where(FollowUp.id.is_in(ids))
    source_ids = sorted({row["source_id"] for row in actions}) or [0]
    sources = {
        row["id"]: row
        for row in await Dialogue.select(
            Dialogue.id, Dialogue.title, Dialogue.title_key, Dialogue.held_on
        ).where(Dialogue.id.is_in(source_ids))
    }
    carried = {}
    for row in actions:
        source = sources.get(row["source_id"], {})
        carried[row["id"]] = Carried(
            source.get("title", ""),
            source.get("title_key", ""),
            source.get("held_on"),
            row["due_on"],
            row["owner"],
        )
    return carried


async def followup_source_labels(dialogue_ids: Sequence[int]) -> dict[int, str]:
    """ "Dialogue “…” of 15/06/2026" for the dialogues follow-up actions were agreed at."""
    rows = await Dialogue.select(
        Dialogue.id, Dialogue.title, Dialogue.title_key, Dialogue.held_on
    ).where(Dialogue.id.is_in(list(dialogue_ids)))
    return {
        row["id"]: _("Dialogue “{title}” of {date}").format(
            title=dialogue_title(row["title"], row["title_key"]),
            date=format_date(row["held_on"]) if row["held_on"] else "",
        )
        for row in rows
    }
