"""Reads and checks every stage of a conference shares: the conference in the caller's scope,
its rules as stored, its name, an agenda item or delegate of it, whether its resolution was
adopted, and the delegates' check-in codes and the address their QR code holds."""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from labour_democracy.conferences.permissions import (
    MANAGE_CONFERENCES,
    VIEW_CONFERENCES,
)
from labour_democracy.conferences.tables import (
    AgendaItem,
    AgendaKind,
    Conference,
    ConferenceKind,
    ConferenceStatus,
    Delegate,
)
from labour_democracy.core.errors import Conflict, Forbidden, NotFound
from labour_democracy.core.permissions import Permission
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.i18n import format_date
from labour_democracy.i18n import gettext as _
from labour_democracy.voting import tally
from labour_democracy.voting.rules import Rule

SOURCE_KIND = "conference"


# Crockford's alphabet without look-alikes: a code read aloud or typed at the door.
_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CODE_LENGTH = 10  # 50 random bits
_CODE_TYPOS = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None, " ": None})


def require(context: EnterpriseContext, permission: Permission = MANAGE_CONFERENCES) -> None:
    if not context.can(permission):
        raise Forbidden


def new_checkin_code() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))


def normalise_checkin_code(typed: str) -> str:
    return typed.strip().upper().translate(_CODE_TYPOS)


def checkin_url(request_base: str, enterprise_id: int, conference_id: int, code: str) -> str:
    """What a delegate's QR code holds: the door's check-in page with the code filled in."""
    base = request_base.rstrip("/")
    return f"{base}/enterprises/{enterprise_id}/conferences/{conference_id}/checkin?code={code}"


async def get_conference(context: EnterpriseContext, conference_id: int) -> Conference:
    require(context, VIEW_CONFERENCES)
    return await get_owned(context, Conference, conference_id)


def quorum_rule_of(conference: Conference) -> Rule:
    return Rule.decode(conference.quorum_rule, conference.quorum_source)


def pass_rule_of(conference: Conference) -> Rule:
    return Rule.decode(conference.pass_rule, conference.pass_source)


def require_not_closed(conference: Conference) -> None:
    if conference.status in (ConferenceStatus.CLOSED, ConferenceStatus.PUBLISHED):
        raise Conflict(_("The conference is closed; its records no longer change."))


async def followup_source_labels(conference_ids: Sequence[int]) -> dict[int, str]:
    """The conferences follow-up actions were agreed at, named in the reader's language."""
    rows = await Conference.objects().where(Conference.id.is_in(list(conference_ids)))
    return {conference.id: label(conference) for conference in rows}


def label(conference: Conference) -> str:
    """ "Hội nghị người lao động năm 2027 (thường niên)" in the current language."""
    if conference.kind == ConferenceKind.EXTRAORDINARY:
        return _("Extraordinary worker conference of {date}").format(
            date=format_date(conference.held_on)
        )
    return _("Worker conference {year}").format(year=conference.year)


async def delegate_of(conference_id: int, delegate_id: int) -> Delegate:
    delegate = (
        await Delegate.objects()
        .where((Delegate.id == delegate_id) & (Delegate.conference == conference_id))
        .first()
    )
    if delegate is None:
        raise NotFound
    return delegate


async def item_of(conference_id: int, item_id: int) -> AgendaItem:
    item = (
        await AgendaItem.objects()
        .where((AgendaItem.id == item_id) & (AgendaItem.conference == conference_id))
        .first()
    )
    if item is None:
        raise NotFound
    return item


async def resolution_adopted(conference_id: int) -> bool:
    """Adopted when the agenda's adoption of the resolution (the item the plan put there, key
    "resolution") was voted and passed. Decisions added later are appended after it and are
    not the resolution; only an agenda without that item falls back to its last decision."""
    items = (
        await AgendaItem.select(AgendaItem.key, AgendaItem.ballot.result.as_alias("result"))
        .where(
            (AgendaItem.conference == conference_id) & (AgendaItem.kind == AgendaKind.RESOLUTION)
        )
        .order_by(AgendaItem.position, ascending=False)
    )
    item = next((i for i in items if i["key"] == "resolution"), items[0] if items else None)
    if not item or not item["result"]:
        return False
    return bool(tally.unseal(item["result"]).questions[0].passed)
