"""Builders for conference tests: an enterprise with units and workers, and a planned
conference."""

from __future__ import annotations

import datetime as dt

import pytest

from labour_democracy import i18n
from labour_democracy.conferences import agenda, checkin, closing, delegates, planning, session
from labour_democracy.conferences.schemas import PlanForm
from labour_democracy.conferences.tables import ConferenceForm, ConferenceKind
from labour_democracy.core.tables import Ownership, Role
from tests import factories


@pytest.fixture(autouse=True)
def fresh_attendance_cache():
    """Each test's database restarts ids at 1; figures cached by another test must not show."""
    checkin._ATTENDANCE.clear()


@pytest.fixture(autouse=True)
def english():
    with i18n.language("en"):
        yield


async def enterprise_with_units(
    sizes: tuple[int, ...] = (60, 30, 10), ownership: Ownership = Ownership.PRIVATE_DOMESTIC
) -> int:
    enterprise = await factories.enterprise(ownership=ownership)
    for i, size in enumerate(sizes):
        unit = await factories.org_unit(enterprise, name=f"Xưởng {i + 1}")
        await factories.workers(enterprise, size, org_unit=unit)
    return enterprise


def plan_form(
    year: int = 2027,
    held_on: dt.date = dt.date(2027, 3, 10),
    form: ConferenceForm = ConferenceForm.DELEGATES,
    kind: ConferenceKind = ConferenceKind.ANNUAL,
    **values,
) -> PlanForm:
    return PlanForm(
        year=year,
        kind=kind,
        held_on=held_on,
        starts_at=values.pop("starts_at", "08:00"),
        venue=values.pop("venue", "Hội trường tầng 2"),
        form=form,
        employer_chair=values.pop("employer_chair", "Nguyễn Văn A"),
        union_chair=values.pop("union_chair", "Trần Thị B"),
        secretary=values.pop("secretary", "Lê Văn C"),
        **values,
    )


async def planned(
    sizes: tuple[int, ...] = (60, 30, 10),
    form: ConferenceForm = ConferenceForm.WHOLE,
    ownership: Ownership = Ownership.PRIVATE_DOMESTIC,
    role: Role = Role.UNION,
):
    enterprise = await enterprise_with_units(sizes, ownership)
    context = await factories.context(enterprise, role)
    conference_id = await planning.plan_conference(context, plan_form(form=form))
    return context, conference_id


# A state-owned enterprise's conference, held and published, with its six-monthly reviews. ------

SOE_HELD_ON = dt.date(2026, 3, 10)  # in the past: a review cannot be dated in the future


async def published_soe(
    commitments: tuple[tuple[str, str, dt.date], ...] = (),
    role: Role = Role.UNION,
    symbol: str = "SOE",
):
    """An SOE's whole-workforce conference of six workers: everyone checked in, the resolution
    adopted by show of hands, closed, the `commitments` (title, owner, due) recorded and the
    resolution published, which schedules the reviews. Returns (context, conference id)."""
    from labour_democracy.conferences.schemas import CommitmentForm, HandsForm
    from labour_democracy.voting.tables import Option

    enterprise = await factories.enterprise(ownership=Ownership.STATE_OWNED, symbol=symbol)
    await factories.workers(enterprise, 6, org_unit=await factories.org_unit(enterprise))
    context = await factories.context(enterprise, role)
    conference_id = await planning.plan_conference(
        context, plan_form(year=SOE_HELD_ON.year, held_on=SOE_HELD_ON, form=ConferenceForm.WHOLE)
    )
    await session.open_session(context, conference_id)
    for delegate in await delegates.delegates(context, conference_id):
        await checkin.check_in(context, conference_id, delegate_id=delegate["id"])
    item = next(
        i["id"] for i in await agenda.agenda(context, conference_id) if i["key"] == "resolution"
    )
    ballot_id = await session.open_vote(context, conference_id, item)
    options = {
        r["role"]: r["id"]
        for r in await Option.select(Option.id, Option.role).where(Option.ballot == ballot_id)
    }
    await session.record_hands(
        context,
        conference_id,
        item,
        HandsForm(teller_one="Phạm Văn D", teller_two="Hoàng Thị E"),
        {options["for"]: 6},
    )
    await closing.close_conference(
        context, conference_id, "Tăng lương 5 %.", "Chưa đủ ứng cử viên Ban Thanh tra nhân dân."
    )
    for title, owner, due_on in commitments:
        await closing.add_commitment(
            context, conference_id, CommitmentForm(title=title, owner=owner, due_on=due_on)
        )
    await closing.publish(context, conference_id)
    return context, conference_id
