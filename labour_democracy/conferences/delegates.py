"""Who is convened: seats per org unit by headcount, the delegates the unit-level conferences
elect, ex-officio delegates, and the delegate list."""

from __future__ import annotations

import datetime as dt

from labour_democracy.conferences import rules
from labour_democracy.conferences.checkin import list_changed
from labour_democracy.conferences.queries import (
    delegate_of,
    get_conference,
    new_checkin_code,
    require,
    require_not_closed,
)
from labour_democracy.conferences.schemas import (
    DelegateForm,
    UnitResultForm,
)
from labour_democracy.conferences.tables import (
    ConferenceForm,
    Delegate,
    DelegateKind,
    UnitSeat,
)
from labour_democracy.core import audit
from labour_democracy.core import rules as core_rules
from labour_democracy.core.enterprises import active_workers
from labour_democracy.core.errors import Conflict, Invalid, NotFound
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.core.tables import OrgUnit, Worker
from labour_democracy.db import write_transaction
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today


async def headcounts(context: EnterpriseContext) -> list[dict]:
    """Active workers per org unit (units without workers are left out)."""
    units = (
        await OrgUnit.select(OrgUnit.id, OrgUnit.name)
        .where(OrgUnit.enterprise == context.enterprise_id)
        .order_by(OrgUnit.name)
    )
    counts: dict[int, int] = {}
    for row in await Worker.select(Worker.org_unit).where(
        active_workers(context.enterprise_id, today()) & Worker.org_unit.is_not_null()
    ):
        counts[row["org_unit"]] = counts.get(row["org_unit"], 0) + 1
    return [
        {"id": unit["id"], "name": unit["name"], "headcount": counts[unit["id"]]}
        for unit in units
        if counts.get(unit["id"])
    ]


async def seats_preview(context: EnterpriseContext, conference_id: int, seats: int) -> list[dict]:
    """Seats per unit by the largest remainder, before saving."""
    conference = await get_conference(context, conference_id)
    if conference.form != ConferenceForm.DELEGATES:
        raise Conflict(_("Seats are allocated only for a delegate conference."))
    units = await headcounts(context)
    if not units:
        raise Invalid({"seats": _("Put workers in org units first: seats follow headcount.")})
    try:
        allocation = rules.allocate_seats({u["id"]: u["headcount"] for u in units}, seats)
    except ValueError:
        raise Invalid(
            {
                "seats": _("Every unit gets at least one seat: give at least {n} seats.").format(
                    n=len(units)
                )
            }
        ) from None
    return [{**unit, "seats": allocation[unit["id"]]} for unit in units]


async def save_seats(context: EnterpriseContext, conference_id: int, seats: int) -> None:
    require(context)
    preview = await seats_preview(context, conference_id, seats)
    conference = await get_conference(context, conference_id)
    require_not_closed(conference)
    async with write_transaction():
        await UnitSeat.delete().where(UnitSeat.conference == conference_id)
        await UnitSeat.insert(
            *(
                UnitSeat(
                    conference=conference_id,
                    org_unit=row["id"],
                    headcount=row["headcount"],
                    seats=row["seats"],
                )
                for row in preview
            )
        )
        await audit.record(
            context.actor,
            "conference.seats_allocated",
            "conference",
            conference_id,
            context.enterprise_id,
            seats=seats,
            units=len(preview),
        )


async def seat_table(context: EnterpriseContext, conference_id: int) -> list[dict]:
    await get_conference(context, conference_id)
    rows = (
        await UnitSeat.select(
            UnitSeat.id,
            UnitSeat.org_unit,
            UnitSeat.org_unit.name.as_alias("unit_name"),
            UnitSeat.headcount,
            UnitSeat.seats,
            UnitSeat.results_entered_at,
        )
        .where(UnitSeat.conference == conference_id)
        .order_by(UnitSeat.org_unit.name)
    )
    elected: dict[int, int] = {}
    for row in await Delegate.select(Delegate.org_unit).where(
        (Delegate.conference == conference_id) & (Delegate.kind == DelegateKind.ELECTED)
    ):
        elected[row["org_unit"]] = elected.get(row["org_unit"], 0) + 1
    for row in rows:
        row["elected"] = elected.get(row["org_unit"], 0)
    return rows


async def _worker_of(context: EnterpriseContext, worker_id: int) -> dict:
    row = (
        await Worker.select(Worker.id, Worker.org_unit)
        .where((Worker.id == worker_id) & active_workers(context.enterprise_id, today()))
        .first()
    )
    if row is None:
        raise Invalid({"worker": _("Choose an active worker of this enterprise.")})
    return row


async def add_delegate(context: EnterpriseContext, conference_id: int, form: DelegateForm) -> int:
    """An ex-officio delegate (management, union committee...) or one elected by a unit."""
    require(context)
    conference = await get_conference(context, conference_id)
    require_not_closed(conference)
    worker = await _worker_of(context, form.worker)
    if form.kind is DelegateKind.WORKFORCE:
        raise Invalid({"kind": _("Choose ex-officio or elected.")})
    if form.kind is DelegateKind.EX_OFFICIO and not (form.ex_officio_role or "").strip():
        raise Invalid({"ex_officio_role": _("Say why this person attends ex officio.")})
    if len(form.ex_officio_role or "") > 255:
        raise Invalid({"ex_officio_role": _("At most {n} characters.").format(n=255)})
    if await Delegate.exists().where(
        (Delegate.conference == conference_id) & (Delegate.worker == worker["id"])
    ):
        raise Invalid({"worker": _("This person is already a delegate.")})
    async with write_transaction():
        delegate = Delegate(
            conference=conference_id,
            worker=worker["id"],
            kind=form.kind,
            ex_officio_role=(form.ex_officio_role or "").strip(),
            org_unit=worker["org_unit"],
            checkin_code=new_checkin_code(),
        )
        await delegate.save()
        await audit.record(
            context.actor,
            "conference.delegate_added",
            "conference",
            conference_id,
            context.enterprise_id,
            delegate=delegate.id,
            kind=form.kind,
        )
    list_changed(conference_id)
    return delegate.id


async def enter_unit_result(
    context: EnterpriseContext, conference_id: int, seat_id: int, form: UnitResultForm
) -> int:
    """The delegates a unit-level conference elected: replaces that unit's elected list."""
    require(context)
    conference = await get_conference(context, conference_id)
    require_not_closed(conference)
    seat = (
        await UnitSeat.objects()
        .where((UnitSeat.id == seat_id) & (UnitSeat.conference == conference_id))
        .first()
    )
    if seat is None:
        raise NotFound
    chosen = sorted(set(form.workers))
    if not chosen:
        raise Invalid({"workers": _("Choose the elected delegates.")})
    if len(chosen) > seat.seats:
        raise Invalid({"workers": _("This unit has {n} seats.").format(n=seat.seats)})
    found = {
        row["id"]
        for row in await Worker.select(Worker.id).where(
            Worker.id.is_in(chosen)
            & active_workers(context.enterprise_id, today())
            & (Worker.org_unit == seat.org_unit)
        )
    }
    if found != set(chosen):
        raise Invalid({"workers": _("Delegates are elected from the unit's own workers.")})
    others = {
        row["worker"]
        for row in await Delegate.select(Delegate.worker).where(
            (Delegate.conference == conference_id)
            & Delegate.worker.is_in(chosen)
            & (Delegate.kind != DelegateKind.ELECTED)
        )
    }
    if others:
        raise Invalid({"workers": _("An ex-officio delegate is not elected again.")})
    async with write_transaction():
        await Delegate.delete().where(
            (Delegate.conference == conference_id)
            & (Delegate.kind == DelegateKind.ELECTED)
            & (Delegate.org_unit == seat.org_unit)
            & Delegate.checked_in_at.is_null()
        )
        kept = {
            row["worker"]
            for row in await Delegate.select(Delegate.worker).where(
                Delegate.conference == conference_id
            )
        }
        new = [
            Delegate(
                conference=conference_id,
                worker=worker_id,
                kind=DelegateKind.ELECTED,
                org_unit=seat.org_unit,
                checkin_code=new_checkin_code(),
            )
            for worker_id in chosen
            if worker_id not in kept
        ]
        if new:
            await Delegate.insert(*new)
        await UnitSeat.update({UnitSeat.results_entered_at: dt.datetime.now(dt.UTC)}).where(
            UnitSeat.id == seat.id
        )
        await audit.record(
            context.actor,
            "conference.unit_result",
            "conference",
            conference_id,
            context.enterprise_id,
            unit=seat.org_unit,
            elected=len(chosen),
        )
    list_changed(conference_id)
    return len(chosen)


async def remove_delegate(context: EnterpriseContext, conference_id: int, delegate_id: int) -> None:
    require(context)
    conference = await get_conference(context, conference_id)
    require_not_closed(conference)
    delegate = await delegate_of(conference_id, delegate_id)
    if delegate.checked_in_at is not None:
        raise Conflict(_("This delegate has checked in and stays on the list."))
    async with write_transaction():
        await Delegate.delete().where(Delegate.id == delegate.id)
        await audit.record(
            context.actor,
            "conference.delegate_removed",
            "conference",
            conference_id,
            context.enterprise_id,
            delegate=delegate.id,
        )
    list_changed(conference_id)


async def delegates(
    context: EnterpriseContext, conference_id: int, search: str | None = None
) -> list[dict]:
    """The delegate list, by unit and name; `search` matches names without diacritics."""
    await get_conference(context, conference_id)
    clause = Delegate.conference == conference_id
    if search and search.strip():
        clause &= Delegate.worker.search_name.like(f"%{core_rules.fold(search.strip())}%")
    return (
        await Delegate.select(
            Delegate.id,
            Delegate.kind,
            Delegate.ex_officio_role,
            Delegate.checkin_code,
            Delegate.checked_in_at,
            Delegate.worker.id.as_alias("worker_id"),
            Delegate.worker.full_name.as_alias("full_name"),
            Delegate.worker.employee_code.as_alias("employee_code"),
            Delegate.worker.position.as_alias("position"),
            Delegate.org_unit.name.as_alias("unit_name"),
        )
        .where(clause)
        .order_by(Delegate.org_unit.name)
        .order_by(Delegate.worker.sort_key)
    )
