"""Builders for conference tests: an enterprise with units and workers, and a planned
conference."""

from __future__ import annotations

import datetime as dt

import pytest

from labour_democracy import i18n
from labour_democracy.conferences import services
from labour_democracy.conferences.schemas import PlanForm
from labour_democracy.conferences.tables import ConferenceForm, ConferenceKind
from labour_democracy.core.tables import Ownership, Role
from tests import factories


@pytest.fixture(autouse=True)
def fresh_attendance_cache():
    """Each test's database restarts ids at 1; figures cached by another test must not show."""
    services._ATTENDANCE.clear()


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
    conference_id = await services.plan_conference(context, plan_form(form=form))
    return context, conference_id
