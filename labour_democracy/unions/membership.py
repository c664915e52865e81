"""The membership register (danh sách đoàn viên): join, leave, transfer, import from the roster,
counts by unit and gender with foreign members marked. The register keeps core's
`Worker.union_member` flag in step, which the voting engine reads for its union-member and
non-member electorates (Decree 145/2020/NĐ-CP, Art. 37(1))."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from labour_democracy.core import audit
from labour_democracy.core.enterprises import active_workers
from labour_democracy.core.errors import Conflict, Invalid
from labour_democracy.core.names import person_sort_key
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.core.tables import OrgUnit, Worker
from labour_democracy.db import write_transaction
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today
from labour_democracy.unions import rules
from labour_democracy.unions.founding import current_union, require
from labour_democracy.unions.permissions import KEEP_REGISTER
from labour_democracy.unions.schemas import ImportForm, LeaveForm, MemberForm
from labour_democracy.unions.tables import GrassrootsUnion, MemberStatus, UnionMember, UnionStatus

IMPORT_LIMIT = 5_000
PER_PAGE = 50


async def recognised_union(context: EnterpriseContext) -> GrassrootsUnion:
    union = await current_union(context.enterprise_id)
    if union is not None and union.status == UnionStatus.DISSOLVED:
        raise Conflict(_("The union was dissolved: its register is closed and kept as it was."))
    if union is None or union.status != UnionStatus.RECOGNISED:
        raise Conflict(_("The register opens once the union is recognised."))
    return union


async def members(context: EnterpriseContext, page: int = 1) -> list[dict]:
    require(context, KEEP_REGISTER)
    union = await current_union(context.enterprise_id)
    if union is None:
        return []
    return (
        await UnionMember.select(
            *UnionMember.all_columns(),
            UnionMember.org_unit.name.as_alias("unit_name"),
            UnionMember.worker.employee_code.as_alias("employee_code"),
        )
        .where(UnionMember.union == union.id)
        .order_by(UnionMember.status)
        .order_by(UnionMember.sort_key, UnionMember.id)
        .limit(PER_PAGE)
        .offset((max(page, 1) - 1) * PER_PAGE)
    )


@dataclass(frozen=True)
class Count:
    unit: str
    male: int
    female: int
    other: int
    foreign: int

    @property
    def total(self) -> int:
        return self.male + self.female + self.other


async def counts(enterprise_id: int) -> list[Count]:
    """Active members by unit and gender, foreign members counted apart; a total row last."""
    union = await current_union(enterprise_id)
    if union is None:
        return []
    rows = await UnionMember.raw(
        "SELECT m.org_unit AS unit, m.gender AS gender, m.nationality AS nationality, "
        'COUNT(*) AS n FROM union_member AS m WHERE m."union" = {} AND m.status = {} '
        "GROUP BY m.org_unit, m.gender, m.nationality",
        union.id,
        MemberStatus.ACTIVE.value,
    )
    names = {
        u["id"]: u["name"]
        for u in await OrgUnit.select(OrgUnit.id, OrgUnit.name).where(
            OrgUnit.enterprise == enterprise_id
        )
    }
    table: dict[str, dict[str, int]] = {}
    for row in rows:
        unit = names.get(row["unit"], "—")
        cell = table.setdefault(unit, {"male": 0, "female": 0, "other": 0, "foreign": 0})
        cell[row["gender"] if row["gender"] in cell else "other"] += row["n"]
        if row["nationality"] != rules.VIETNAMESE:
            cell["foreign"] += row["n"]
    result = [Count(unit, **cell) for unit, cell in sorted(table.items())]
    if result:
        result.append(
            Count(
                _("Total"),
                *(
                    sum(getattr(c, f) for c in result)
                    for f in ("male", "female", "other", "foreign")
                ),
            )
        )
    return result


async def _worker_by_code(context: EnterpriseContext, code: str) -> dict | None:
    return (
        await Worker.select(
            Worker.id, Worker.full_name, Worker.gender, Worker.org_unit, Worker.nationality
        )
        .where(
            (Worker.enterprise == context.enterprise_id)
            & (Worker.employee_code == " ".join(code.split()))
            & active_workers(context.enterprise_id, today())
        )
        .first()
    )


async def _is_member(union_id: int, worker_id: int) -> bool:
    return await UnionMember.exists().where(
        (UnionMember.union == union_id)
        & (UnionMember.worker == worker_id)
        & (UnionMember.status == MemberStatus.ACTIVE)
    )


def member_row(
    context,
    union_id: int,
    worker: dict,
    joined_on: dt.date,
    *,
    left_on: dt.date | None = None,
    status: MemberStatus = MemberStatus.ACTIVE,
    org_unit: int | None = None,
    nationality: str | None = None,
) -> UnionMember:
    """The one way to make a register row: the worker's unit and nationality unless the caller
    read others (an imported file), the name's Vietnamese sort key always."""
    return UnionMember(
        enterprise=context.enterprise_id,
        union=union_id,
        worker=worker["id"],
        full_name=worker["full_name"],
        sort_key=person_sort_key(worker["full_name"]),
        gender=worker["gender"],
        org_unit=worker["org_unit"] if org_unit is None else org_unit,
        nationality=worker["nationality"] if nationality is None else nationality,
        joined_on=joined_on,
        left_on=left_on,
        status=status,
    )


async def add_member(context: EnterpriseContext, form: MemberForm) -> int:
    """A worker of the roster joins; a worker already a member is refused."""
    require(context, KEEP_REGISTER)
    union = await recognised_union(context)
    worker = await _worker_by_code(context, form.employee_code)
    if worker is None:
        raise Invalid({"employee_code": _("No active worker of this enterprise has this code.")})
    if form.joined_on > today():
        raise Invalid({"joined_on": _("The date cannot be in the future.")})
    async with write_transaction():
        if await _is_member(union.id, worker["id"]):
            raise Invalid({"employee_code": _("This worker is already a member.")})
        member = member_row(context, union.id, worker, form.joined_on)
        await member.save()
        await Worker.update({Worker.union_member: True}).where(Worker.id == worker["id"])
        await audit.record(
            context.actor, "union.member_joined", "union_member", member.id, context.enterprise_id
        )
    return member.id


async def import_members(context: EnterpriseContext, form: ImportForm) -> int:
    """Members from the roster by employee code, one a line (or a spreadsheet's column pasted):
    all or nothing; unknown codes and duplicates are named."""
    require(context, KEEP_REGISTER)
    union = await recognised_union(context)
    codes = [" ".join(c.split()) for c in form.employee_codes.replace(",", "\n").splitlines()]
    codes = [c for c in codes if c]
    if not codes or len(codes) > IMPORT_LIMIT:
        raise Invalid(
            {"employee_codes": _("Paste from 1 to {n} employee codes.").format(n=IMPORT_LIMIT)}
        )
    if len(set(codes)) != len(codes):
        raise Invalid({"employee_codes": _("A code is listed twice.")})
    found = {
        w["employee_code"]: w
        for w in await Worker.select(
            Worker.id,
            Worker.employee_code,
            Worker.full_name,
            Worker.gender,
            Worker.org_unit,
            Worker.nationality,
        ).where(Worker.employee_code.is_in(codes) & active_workers(context.enterprise_id, today()))
    }
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise Invalid(
            {"employee_codes": _("Unknown codes: {codes}.").format(codes=", ".join(unknown[:20]))}
        )
    async with write_transaction():
        already = {
            r["worker"]
            for r in await UnionMember.select(UnionMember.worker).where(
                (UnionMember.union == union.id)
                & (UnionMember.status == MemberStatus.ACTIVE)
                & UnionMember.worker.is_in([w["id"] for w in found.values()])
            )
        }
        duplicates = [c for c, w in found.items() if w["id"] in already]
        if duplicates:
            raise Invalid(
                {
                    "employee_codes": _("Already members: {codes}.").format(
                        codes=", ".join(duplicates[:20])
                    )
                }
            )
        await UnionMember.insert(
            *(member_row(context, union.id, w, form.joined_on) for w in found.values())
        )
        await Worker.update({Worker.union_member: True}).where(
            Worker.id.is_in([w["id"] for w in found.values()])
        )
        await audit.record(
            context.actor,
            "union.members_imported",
            "grassroots_union",
            union.id,
            context.enterprise_id,
            members=len(found),
        )
    return len(found)


async def leave(context: EnterpriseContext, member_id: int, form: LeaveForm) -> None:
    """A member leaves, or transfers to another union (named)."""
    require(context, KEEP_REGISTER)
    member = await get_owned(context, UnionMember, member_id)
    if member.status != MemberStatus.ACTIVE:
        raise Conflict(_("This member has already left the register."))
    if form.left_on < member.joined_on or form.left_on > today():
        raise Invalid({"left_on": _("Give a date between joining and today.")})
    transferred = " ".join((form.transferred_to or "").split())[:255]
    status = MemberStatus.TRANSFERRED if transferred else MemberStatus.LEFT
    async with write_transaction():
        await UnionMember.update(
            {
                UnionMember.status: status,
                UnionMember.left_on: form.left_on,
                UnionMember.transferred_to: transferred,
            }
        ).where(UnionMember.id == member.id)
        if member.worker is not None:
            await Worker.update({Worker.union_member: False}).where(Worker.id == member.worker)
        await audit.record(
            context.actor,
            f"union.{status.value}",
            "union_member",
            member.id,
            context.enterprise_id,
        )


async def active_count(union_id: int) -> int:
    return await UnionMember.count().where(
        (UnionMember.union == union_id) & (UnionMember.status == MemberStatus.ACTIVE)
    )


async def not_members(worker_ids: list[int]) -> list[int]:
    """Those of `worker_ids` who are in no representative organisation (the register keeps
    `Worker.union_member`): the electorate of the workers' dialogue group (Decree 145/2020/
    NĐ-CP, Art. 37(1))."""
    if not worker_ids:
        return []
    rows = await Worker.select(Worker.id).where(
        Worker.id.is_in(list(worker_ids)) & Worker.union_member.eq(False)
    )
    return sorted(r["id"] for r in rows)


async def import_marked_on_roster(context: EnterpriseContext, joined_on: dt.date) -> int:
    """Register the active workers the roster marks as union members (the roster's spreadsheet
    import reads a "union member" column: core/roster_import) who are not on the register yet;
    returns how many."""
    require(context, KEEP_REGISTER)
    union = await recognised_union(context)
    if joined_on > today():
        raise Invalid({"joined_on": _("The date cannot be in the future.")})
    async with write_transaction():
        registered = [
            r["worker"]
            for r in await UnionMember.select(UnionMember.worker).where(
                (UnionMember.union == union.id)
                & (UnionMember.status == MemberStatus.ACTIVE)
                & UnionMember.worker.is_not_null()
            )
        ]
        marked = await Worker.select(
            Worker.id, Worker.full_name, Worker.gender, Worker.org_unit, Worker.nationality
        ).where(
            active_workers(context.enterprise_id, today())
            & Worker.union_member.eq(True)
            & Worker.id.not_in(registered or [-1])
        )
        if not marked:
            raise Invalid(
                {"": _("No worker marked as a union member on the roster is missing here.")}
            )
        await UnionMember.insert(*(member_row(context, union.id, w, joined_on) for w in marked))
        await audit.record(
            context.actor,
            "union.members_imported",
            "grassroots_union",
            union.id,
            context.enterprise_id,
            members=len(marked),
            source="roster",
        )
    return len(marked)
