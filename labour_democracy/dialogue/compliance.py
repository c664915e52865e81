"""Compliance facts for the federation: a periodic dialogue held in the last 12 months (Labour
Code 2019 Art. 63(2)(a)), requests answered within 5 working days (Decree 145 Art. 40(2)) and
main contents publicised within 3 working days (Arts. 39(5), 40(4), 41(1)(e))."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from labour_democracy.core.tables import Enterprise
from labour_democracy.dialogue import rules
from labour_democracy.dialogue.tables import Dialogue, DialogueKind, DialogueRequest
from labour_democracy.i18n import today


@dataclass(frozen=True)
class Facts:
    last_periodic: dt.date | None
    periodic_in_time: bool
    requests: int  # requests whose reply was due in the 12 months
    requests_on_time: int
    publications: int  # dialogues held in the 12 months whose publication is due
    publications_on_time: int


async def facts(enterprise_id: int, on: dt.date | None = None) -> Facts:
    """The facts of the 12 months up to `on` (today)."""
    on = on or today()
    since = on - dt.timedelta(days=365)
    enterprise = await Enterprise.objects().where(Enterprise.id == enterprise_id).first()
    saturday = bool(enterprise and enterprise.saturday_works)
    last = (
        await Dialogue.select(Dialogue.held_on)
        .where(Dialogue.enterprise == enterprise_id)
        .where(Dialogue.kind == DialogueKind.PERIODIC.value)
        .where(Dialogue.held_on.is_not_null())
        .order_by(Dialogue.held_on, ascending=False)
        .first()
    )
    last_periodic = last["held_on"] if last else None
    requests = await DialogueRequest.select(
        DialogueRequest.reply_due_on, DialogueRequest.replied_on
    ).where(
        (DialogueRequest.enterprise == enterprise_id)
        & (DialogueRequest.reply_due_on > since)
        & (DialogueRequest.reply_due_on < on)
    )
    held = await Dialogue.select(Dialogue.held_on, Dialogue.published_on).where(
        (Dialogue.enterprise == enterprise_id)
        & Dialogue.held_on.is_not_null()
        & (Dialogue.held_on > since)
    )
    due = [
        (row, rules.publication_due(row["held_on"], saturday))
        for row in held
        if rules.publication_due(row["held_on"], saturday) < on or row["published_on"]
    ]
    return Facts(
        last_periodic=last_periodic,
        periodic_in_time=rules.periodic_held_in_time(last_periodic, on),
        requests=len(requests),
        requests_on_time=sum(
            1 for row in requests if not rules.is_late(row["replied_on"], row["reply_due_on"], on)
        ),
        publications=len(due),
        publications_on_time=sum(
            1 for row, due_on in due if not rules.is_late(row["published_on"], due_on, on)
        ),
    )


async def facts_for(enterprise_ids: list[int], on: dt.date | None = None) -> dict[int, Facts]:
    """The facts for many enterprises (the federation's dashboard)."""
    return {enterprise_id: await facts(enterprise_id, on) for enterprise_id in enterprise_ids}
