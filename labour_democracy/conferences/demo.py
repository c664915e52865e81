"""Demo: the garment company's delegate conference of this year, planned and ready to run:
rules saved with the law's defaults, seats allocated, the units' delegates elected, the
legal representative and the union chair ex officio (the people of core/demo.CAST, as in the
dialogue group). Check-in, votes and closing are left to play."""

from __future__ import annotations

import datetime as dt

from labour_democracy.conferences import delegates, planning, rules, rules_settings
from labour_democracy.conferences.schemas import DelegateForm, PlanForm, RulesForm, UnitResultForm
from labour_democracy.conferences.tables import ConferenceForm, DelegateKind
from labour_democracy.core import working_calendar
from labour_democracy.core.calendar import WorkingWeek, add_working_days, next_working_day
from labour_democracy.core.demo import UNION_CHAIR
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import Worker
from labour_democracy.i18n import today


def demo_date(on: dt.date, week: WorkingWeek) -> dt.date:
    """The demo conference's date: far enough ahead that no step of its plan, issued `on`
    (the plan is adopted 30 working days before), is due before the plan itself."""
    earliest = min(step.working_days for step in rules.TIMELINE)
    held_on = next_working_day(on + dt.timedelta(days=30), week)
    while add_working_days(held_on, earliest, week) < on:
        held_on = next_working_day(held_on + dt.timedelta(days=1), week)
    return held_on


async def load(context: EnterpriseContext) -> None:
    await rules_settings.save_rules(
        context, RulesForm(regulation_reference="Quy chế dân chủ số 01/QC-CT")
    )
    held_on = demo_date(today(), await working_calendar.week_for(context.enterprise))
    units = await delegates.headcounts(context)
    if not units:
        return
    conference_id = await planning.plan_conference(
        context,
        PlanForm(
            year=held_on.year,
            held_on=held_on,
            starts_at="08:00",
            venue="Hội trường tầng 3, nhà điều hành",
            form=ConferenceForm.DELEGATES,
            employer_chair=context.enterprise.legal_representative,
            union_chair=UNION_CHAIR,
            secretary="Lê Thị Mai",
        ),
    )
    # Ex officio: the legal representative and the union chair, the roster's own people.
    ex_officio = {
        row["full_name"]: row["id"]
        for row in await Worker.select(Worker.id, Worker.full_name).where(
            (Worker.enterprise == context.enterprise_id)
            & Worker.full_name.is_in([context.enterprise.legal_representative or "", UNION_CHAIR])
        )
    }
    total = sum(unit["headcount"] for unit in units)
    await delegates.save_seats(context, conference_id, max(len(units), min(60, total // 5)))
    for seat in await delegates.seat_table(context, conference_id):
        workers = (
            await Worker.select(Worker.id)
            .where(
                (Worker.org_unit == seat["org_unit"])
                & Worker.id.not_in(list(ex_officio.values()) or [-1])
            )
            .order_by(Worker.id)
            .limit(seat["seats"])
        )
        await delegates.enter_unit_result(
            context, conference_id, seat["id"], UnitResultForm(workers=[w["id"] for w in workers])
        )
    roles = {
        context.enterprise.legal_representative: context.enterprise.legal_representative_title
        or "Giám đốc",
        UNION_CHAIR: "Chủ tịch Công đoàn cơ sở",
    }
    for name, worker_id in ex_officio.items():
        await delegates.add_delegate(
            context,
            conference_id,
            DelegateForm(
                worker=worker_id, kind=DelegateKind.EX_OFFICIO, ex_officio_role=roles[name]
            ),
        )
