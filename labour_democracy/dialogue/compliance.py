"""Compliance facts for the federation: a periodic dialogue held in the last 12 months (Labour
Code 2019 Art. 63(2)(a)), requests answered within 5 working days (Decree 145 Art. 40(2)) and
main contents publicised within 3 working days (Arts. 39(5), 40(4), 41(1)(e))."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from labour_democracy.core import working_calendar
from labour_democracy.core.legal_sources import LABOUR_CODE
from labour_democracy.dialogue import rules
from labour_democracy.dialogue.tables import Dialogue, DialogueKind, DialogueRequest
from labour_democracy.i18n import N_, today
from labour_democracy.manifest import Obligation, ObligationResult


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
    week = await working_calendar.week_for(enterprise_id)
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
        (row, rules.publication_due(row["held_on"], week))
        for row in held
        if rules.publication_due(row["held_on"], week) < on or row["published_on"]
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


def _year_end(year: int) -> dt.date:
    return min(dt.date(year, 12, 31), today())


async def _periodic(enterprise_ids: Sequence[int], year: int) -> dict[int, ObligationResult]:
    facts_by_id = await facts_for(list(enterprise_ids), _year_end(year))
    return {
        enterprise_id: ObligationResult(
            met=fact.periodic_in_time,
            on=fact.last_periodic,
            evidence=f"/enterprises/{enterprise_id}/dialogue",
        )
        for enterprise_id, fact in facts_by_id.items()
    }


def _counted(done: int, total: int, enterprise_id: int) -> ObligationResult:
    return ObligationResult.counted(done, total, f"/enterprises/{enterprise_id}/dialogue")


async def _requests(enterprise_ids: Sequence[int], year: int) -> dict[int, ObligationResult]:
    facts_by_id = await facts_for(list(enterprise_ids), _year_end(year))
    return {
        enterprise_id: _counted(fact.requests_on_time, fact.requests, enterprise_id)
        for enterprise_id, fact in facts_by_id.items()
    }


async def _publications(enterprise_ids: Sequence[int], year: int) -> dict[int, ObligationResult]:
    facts_by_id = await facts_for(list(enterprise_ids), _year_end(year))
    return {
        enterprise_id: _counted(fact.publications_on_time, fact.publications, enterprise_id)
        for enterprise_id, fact in facts_by_id.items()
    }


OBLIGATIONS = (
    Obligation(
        key="dialogue_periodic",
        label=N_("Periodic workplace dialogue in the last 12 months"),
        legal_source=f"{LABOUR_CODE.cited}, Điều 63(2)(a)",
        applies_to=N_("Every employer"),
        compute=_periodic,
    ),
    Obligation(
        key="dialogue_requests_answered",
        label=N_("Dialogue requests answered within 5 working days"),
        legal_source="Nghị định số 145/2020/NĐ-CP, Điều 40(2)",
        applies_to=N_("Every employer"),
        compute=_requests,
    ),
    Obligation(
        key="dialogue_published",
        label=N_("Dialogue results publicised within 3 working days"),
        legal_source="Nghị định số 145/2020/NĐ-CP, Điều 39(5), 40(4), 41(1)(e)",
        applies_to=N_("Every employer"),
        compute=_publications,
    ),
)
