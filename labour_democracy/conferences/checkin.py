"""Check-in at the door and the live quorum: delegates checked in by QR code, typed code or
name, the attendance figures the hall screens show, cached per process."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from labour_democracy.conferences import rules
from labour_democracy.conferences.permissions import (
    CHECK_IN,
)
from labour_democracy.conferences.queries import (
    delegate_of,
    get_conference,
    normalise_checkin_code,
    quorum_rule_of,
    require,
    require_not_closed,
)
from labour_democracy.conferences.tables import (
    Conference,
    Delegate,
)
from labour_democracy.core import audit
from labour_democracy.core.errors import Invalid, NotFound
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.db import write_transaction
from labour_democracy.i18n import gettext as _
from labour_democracy.voting.rules import Rule


@dataclass(frozen=True)
class Attendance:
    present: int
    expected: int
    quorum: Rule
    quorum_reached: bool
    needed: int


@dataclass
class _Cached:
    present: int
    expected: int
    read_at: float


# Per process, keyed by conference: the projector's figures. A request within MAX_AGE seconds
# of the last count is answered from memory, so two hundred hall screens cost one count a
# second; this process's own check-ins move the figure at once, and another process's show
# at the next count.
_ATTENDANCE: dict[int, _Cached] = {}
MAX_AGE = 1.0
_COUNT = (
    "SELECT count(checked_in_at) AS present, count(*) AS expected "
    "FROM conference_delegate WHERE conference = {}"
)


async def count_present(conference_id: int) -> tuple[int, int]:
    """(present, expected), counted now."""
    row = (await Delegate.raw(_COUNT, conference_id))[0]
    return row["present"], row["expected"]


async def attendance(conference: Conference) -> Attendance:
    cached = _ATTENDANCE.get(conference.id)
    now = time.monotonic()
    if cached is None or now - cached.read_at > MAX_AGE:
        cached = _Cached(*await count_present(conference.id), now)
        _ATTENDANCE[conference.id] = cached
    quorum = quorum_rule_of(conference)
    return Attendance(
        cached.present,
        cached.expected,
        quorum,
        rules.quorum_met(quorum, cached.present, cached.expected),
        quorum.smallest_count(cached.expected),
    )


# A hall screen's conference, by the enterprise's public token and the conference's id, kept a
# few seconds: two hundred screens polling every few seconds then cost one query per interval,
# and a renewed public token or a changed conference shows within that time.
SCREEN_CACHE_SECONDS = 5.0
_SCREENS: dict[tuple[str, int], tuple[float, Conference]] = {}


async def screen_conference(token: str, conference_id: int) -> Conference:
    """The conference a public hall screen shows; NotFound unless the token is its
    enterprise's."""
    key, now = (token, conference_id), time.monotonic()
    cached = _SCREENS.get(key)
    if cached is not None and now - cached[0] < SCREEN_CACHE_SECONDS:
        return cached[1]
    conference = (
        await Conference.objects()
        .where((Conference.id == conference_id) & (Conference.enterprise.public_token == token))
        .first()
    )
    if conference is None:
        _SCREENS.pop(key, None)
        raise NotFound
    _SCREENS[key] = (now, conference)
    return conference


def forget_screens(conference_id: int) -> None:
    """The conference's plan changed or it is gone: this process's screens read it again."""
    for key in [key for key in _SCREENS if key[1] == conference_id]:
        _SCREENS.pop(key, None)


def _note_check_in(conference_id: int, change: int) -> None:
    """This process's own check-in moves its cached figure without a query. A count read
    between our commit and this call is off by one until the next count, a second later."""
    cached = _ATTENDANCE.get(conference_id)
    if cached is not None:
        cached.present += change


def list_changed(conference_id: int) -> None:
    """Who is convened changed (call after the commit): this process counts again at once,
    the others at their next count."""
    _ATTENDANCE.pop(conference_id, None)


@dataclass(frozen=True)
class CheckIn:
    delegate_id: int
    full_name: str
    unit_name: str | None
    already: bool
    at: dt.datetime
    conference: Conference


# The hot path at the door, in standard SQL both engines speak: one read, and for a delegate
# not yet present one conditional UPDATE (of two doors scanning the same code, one wins).
_CHECK_IN = (
    "UPDATE conference_delegate SET checked_in_at = {}, checked_in_by = {} "
    "WHERE id = {} AND checked_in_at IS NULL RETURNING id"
)
_DELEGATE = (
    "SELECT d.id, d.checked_in_at, w.full_name, u.name AS unit_name "
    "FROM conference_delegate d JOIN worker w ON w.id = d.worker "
    "LEFT JOIN org_unit u ON u.id = d.org_unit WHERE d.conference = {} AND "
)


async def check_in(
    context: EnterpriseContext,
    conference_id: int,
    code: str | None = None,
    delegate_id: int | None = None,
) -> CheckIn:
    """Check a delegate in by their code (QR or typed) or by their id (found by name). Someone
    not on the list is refused; checking in twice is harmless and says when it happened."""
    require(context, CHECK_IN)
    # At the door nothing was written yet in this request: the row the guard read will do.
    conference = context.guarded_record(Conference, conference_id) or await get_conference(
        context, conference_id
    )
    require_not_closed(conference)
    if code is not None and normalise_checkin_code(code):
        which, value = "checkin_code = {}", normalise_checkin_code(code)
    elif code is None and delegate_id is not None:
        which, value = "id = {}", delegate_id
    else:
        raise Invalid({"code": _("Type the code printed on the invitation.")})
    rows = await Delegate.raw(_DELEGATE + "d." + which, conference_id, value)
    if not rows:
        raise Invalid({"code": _("Not on the delegate list of this conference: no check-in.")})
    row = rows[0]
    at, checked_in = row["checked_in_at"], False
    if at is None:
        at = dt.datetime.now(dt.UTC)
        checked_in = bool(await Delegate.raw(_CHECK_IN, at, context.actor.id, row["id"]))
        if checked_in:
            _note_check_in(conference_id, 1)
        else:  # another door was quicker: say when it checked them in
            at = (await Delegate.raw(_DELEGATE + "d.id = {}", conference_id, row["id"]))[0][
                "checked_in_at"
            ]
    if isinstance(at, str):  # SQLite hands a raw query's timestamp back as text
        at = dt.datetime.fromisoformat(at)
    return CheckIn(row["id"], row["full_name"], row["unit_name"], not checked_in, at, conference)


async def undo_check_in(context: EnterpriseContext, conference_id: int, delegate_id: int) -> None:
    require(context, CHECK_IN)
    conference = await get_conference(context, conference_id)
    require_not_closed(conference)
    delegate = await delegate_of(conference_id, delegate_id)
    was_present = delegate.checked_in_at is not None
    async with write_transaction():
        await Delegate.update({Delegate.checked_in_at: None, Delegate.checked_in_by: None}).where(
            Delegate.id == delegate.id
        )
        await audit.record(
            context.actor,
            "conference.check_in_undone",
            "conference",
            conference_id,
            context.enterprise_id,
            delegate=delegate.id,
        )
    if was_present:
        _note_check_in(conference_id, -1)
