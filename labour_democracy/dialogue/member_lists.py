"""Member lists (Danh sách thành viên đại diện đối thoại, Decree 145 Art. 38): the law's checks
of a list against the workforce, drafting a version, adding, removing and replacing members,
and publishing it with its notice (documents/member_list.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from labour_democracy.core import audit, enterprises
from labour_democracy.core.errors import Conflict, Invalid
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.core.tables import Gender, Worker
from labour_democracy.db import write_transaction
from labour_democracy.dialogue import inputs, queries, rules
from labour_democracy.dialogue.documents.member_list import issue_member_list
from labour_democracy.dialogue.permissions import MANAGE_MEMBERS, VIEW_DIALOGUE
from labour_democracy.dialogue.schemas import MemberForm, MemberListForm, ReplacementForm
from labour_democracy.dialogue.tables import (
    WORKER_SIDES,
    Member,
    MemberList,
    MemberListStatus,
    Side,
)
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import today


@dataclass
class SideCheck:
    side: Side
    size: int
    women: int


@dataclass
class Composition:
    """The law's checks of a member list against the workforce (Decree 145 Art. 38)."""

    workforce: int
    band: rules.Band
    employer: int
    employer_has_legal_representative: bool
    worker_side: int
    sides: list[SideCheck]
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def lawful(self) -> bool:
        return not self.errors


def composition(
    members: list[Member],
    workforce: int,
    listed_workforce: int | None = None,
    organisation_members: int | None = None,
):
    """The law's checks; `organisation_members` (the roster's members of the representative
    organisation) adds the seat-split check of Art. 38(2)(b)."""
    employer = [m for m in members if m.side == Side.EMPLOYER]
    workers = [m for m in members if m.side != Side.EMPLOYER]
    band = rules.band_for(workforce)
    sides = [
        SideCheck(
            side,
            sum(1 for m in members if m.side == side),
            sum(1 for m in members if m.side == side and m.gender == Gender.FEMALE),
        )
        for side in Side
    ]
    result = Composition(
        workforce=workforce,
        band=band,
        employer=len(employer),
        employer_has_legal_representative=any(m.legal_representative for m in employer),
        worker_side=len(workers),
        sides=sides,
    )
    if not rules.employer_side_valid(len(employer), result.employer_has_legal_representative):
        result.errors.append(
            _(
                "The employer side needs at least {n} members, the legal representative among "
                "them (Decree 145/2020/NĐ-CP, Art. 38(1))."
            ).format(n=rules.EMPLOYER_SIDE_MINIMUM)
        )
    if not rules.worker_side_large_enough(len(workers), workforce):
        result.errors.append(
            _(
                "With {workforce} workers the worker side needs at least {n} members; it has "
                "{size} (Decree 145/2020/NĐ-CP, Art. 38(2)(a))."
            ).format(workforce=workforce, n=band.minimum, size=len(workers))
        )
    elif band.top is not None and len(workers) > band.top:
        result.warnings.append(
            _(
                "The law's band for {workforce} workers is {low} to {top} worker-side members."
            ).format(workforce=workforce, low=band.minimum, top=band.top)
        )
    for side in WORKER_SIDES:
        on_side = [m for m in workers if m.side == side]
        if on_side and not any(m.signs_for_side for m in on_side):
            result.errors.append(
                _("Mark who signs the minutes for each worker-side organisation or group.")
            )
            break
    if workers and not any(m.gender == Gender.FEMALE for m in workers):
        result.warnings.append(
            _(
                "No woman on the worker side: the law asks for gender equality (Decree "
                "145/2020/NĐ-CP, Art. 38(2)(a))."
            )
        )
    if organisation_members is not None:
        group = sum(1 for m in workers if m.side == Side.DIALOGUE_GROUP)
        expected = rules.seat_split_expected(
            len(workers) - group, group, organisation_members, workforce - organisation_members
        )
        if expected is not None:
            # A warning, not a refusal: the members counted come from the roster, which may lag
            # behind the organisations' own books, and the decree sets no rounding.
            result.warnings.append(
                _(
                    "Seats in proportion to members (Decree 145/2020/NĐ-CP, Art. 38(2)(b)): with "
                    "{members} members of the representative organisation and {others} other "
                    "workers, {seats} worker-side seats split as {org} for the organisation and "
                    "{group} for the workers' dialogue group; this list has {has_org} and "
                    "{has_group}."
                ).format(
                    members=organisation_members,
                    others=workforce - organisation_members,
                    seats=len(workers),
                    org=expected["organisation"],
                    group=expected["group"],
                    has_org=len(workers) - group,
                    has_group=group,
                )
            )
    if listed_workforce is not None and rules.band_changed(listed_workforce, workforce):
        result.warnings.append(
            _(
                "The workforce has moved into another band since this list was fixed ({old} then, "
                "{new} now): check the worker side's size."
            ).format(old=listed_workforce, new=workforce)
        )
    return result


async def member_lists(context: EnterpriseContext) -> list[dict]:
    inputs.require(context, VIEW_DIALOGUE)
    rows = (
        await MemberList.select()
        .where(MemberList.enterprise == context.enterprise_id)
        .order_by(MemberList.valid_from, ascending=False)
        .order_by(MemberList.id, ascending=False)
    )
    for row in rows:
        row["renewal_due"] = rules.list_renewal_due(row["valid_from"])
    return rows


async def get_member_list(context: EnterpriseContext, member_list_id: int) -> MemberList:
    inputs.require(context, VIEW_DIALOGUE)
    return await get_owned(context, MemberList, member_list_id)


async def create_member_list(context: EnterpriseContext, form: MemberListForm) -> int:
    """A new draft version, starting from the current members when asked."""
    inputs.require(context, MANAGE_MEMBERS)
    workforce = (await enterprises.workforce(context.enterprise_id)).count
    source = await queries.current_list(context.enterprise_id) if form.copy_current else None
    async with write_transaction():
        version = MemberList(
            enterprise=context.enterprise_id,
            valid_from=form.valid_from,
            workforce=workforce,
            created_by=context.actor.id,
        )
        await version.save()
        if source is not None:
            for position, member in enumerate(await queries.active_members(source.id), start=1):
                await Member(
                    member_list=version.id,
                    side=member.side,
                    full_name=member.full_name,
                    gender=member.gender,
                    title=member.title,
                    worker=member.worker,
                    legal_representative=member.legal_representative,
                    signs_for_side=member.signs_for_side,
                    position=position,
                ).save()
        await audit.record(
            context.actor, "dialogue.list_created", "member_list", version.id, context.enterprise_id
        )
    return version.id


async def _check_worker(context: EnterpriseContext, worker_id: int | None) -> None:
    if worker_id is None:
        return
    if not await Worker.exists().where(
        (Worker.id == worker_id) & (Worker.enterprise == context.enterprise_id)
    ):
        raise Invalid({"worker": _("Choose a worker of this enterprise.")})


def _member_fields(full_name: str, gender: str | None, title: str | None) -> dict:
    name = inputs.clean(full_name)
    if not name or len(name) > inputs.NAME_LIMIT:
        raise Invalid({"full_name": _("Give the member's full name.")})
    if gender and gender not in {g.value for g in Gender}:
        raise Invalid({"gender": _("Choose one of the options offered.")})
    title = inputs.clean(title)
    if len(title) > inputs.NAME_LIMIT:
        raise Invalid({"title": _("At most {n} characters.").format(n=inputs.NAME_LIMIT)})
    return {"full_name": name, "gender": gender or "", "title": title}


async def add_member(context: EnterpriseContext, member_list_id: int, form: MemberForm) -> int:
    inputs.require(context, MANAGE_MEMBERS)
    fields = _member_fields(form.full_name, form.gender, form.title)
    await _check_worker(context, form.worker)
    if form.legal_representative and form.side != Side.EMPLOYER:
        raise Invalid(
            {"legal_representative": _("The legal representative sits for the employer.")}
        )
    async with write_transaction():
        version = await get_owned(context, MemberList, member_list_id)
        if version.status != MemberListStatus.DRAFT:
            raise Conflict(
                _("A published list changes only by replacing a member; start a new version.")
            )
        count = await Member.count().where(Member.member_list == version.id)
        member = Member(
            member_list=version.id,
            side=form.side,
            worker=form.worker,
            legal_representative=form.legal_representative,
            signs_for_side=form.signs_for_side,
            position=count + 1,
            **fields,
        )
        await member.save()
        await audit.record(
            context.actor, "dialogue.member_added", "member_list", version.id, context.enterprise_id
        )
    return member.id


async def _owned_member(context: EnterpriseContext, member_list_id: int, member_id: int) -> Member:
    version = await get_owned(context, MemberList, member_list_id)
    member = (
        await Member.objects()
        .where((Member.id == member_id) & (Member.member_list == version.id))
        .first()
    )
    if member is None:
        raise Invalid({"member": _("Choose a member of this list.")})
    return member


async def remove_member(context: EnterpriseContext, member_list_id: int, member_id: int) -> None:
    inputs.require(context, MANAGE_MEMBERS)
    async with write_transaction():
        version = await get_owned(context, MemberList, member_list_id)
        if version.status != MemberListStatus.DRAFT:
            raise Conflict(
                _("A published list changes only by replacing a member; start a new version.")
            )
        member = await _owned_member(context, member_list_id, member_id)
        await Member.delete().where(Member.id == member.id)
        await audit.record(
            context.actor,
            "dialogue.member_removed",
            "member_list",
            version.id,
            context.enterprise_id,
        )


async def replace_member(
    context: EnterpriseContext, member_list_id: int, member_id: int, form: ReplacementForm
) -> int:
    """A replacement between two versions, decided by the member's side (Art. 38(3)); it is
    publicised with the list's notice, issued again."""
    inputs.require(context, MANAGE_MEMBERS)
    fields = _member_fields(form.full_name, form.gender, form.title)
    await _check_worker(context, form.worker)
    async with write_transaction():
        version = await get_owned(context, MemberList, member_list_id)
        if version.status != MemberListStatus.PUBLISHED:
            raise Conflict(_("Change a draft list directly; replacements are for published lists."))
        old = await _owned_member(context, member_list_id, member_id)
        if old.replaced_by:
            raise Conflict(_("This member was already replaced."))
        if form.replaced_on < version.valid_from:
            raise Invalid({"replaced_on": _("The replacement cannot start before the list.")})
        new = Member(
            member_list=version.id,
            side=old.side,
            worker=form.worker,
            legal_representative=old.legal_representative,
            signs_for_side=old.signs_for_side,
            position=old.position,
            added_on=form.replaced_on,
            **fields,
        )
        await new.save()
        await Member.update(
            {Member.replaced_by: new.id, Member.replaced_on: form.replaced_on}
        ).where(Member.id == old.id)
        await audit.record(
            context.actor,
            "dialogue.member_replaced",
            "member_list",
            version.id,
            context.enterprise_id,
            old=old.id,
            new=new.id,
        )
    return new.id


async def check_list(context: EnterpriseContext, member_list_id: int) -> Composition:
    inputs.require(context, VIEW_DIALOGUE)
    version = await get_owned(context, MemberList, member_list_id)
    workforce = (await enterprises.workforce(context.enterprise_id)).count
    return composition(
        await queries.active_members(version.id, dt.date.max),
        workforce,
        version.workforce,
        await queries.organisation_members(context),
    )


async def publish_member_list(
    context: EnterpriseContext, member_list_id: int, on: dt.date | None = None
) -> list[str]:
    """Fix a version: refused unless both sides are as large as the law requires; the notice of
    the list (documents/member_list.py) is issued in the same transaction. Returns
    the law's warnings (e.g. a seat split off the proportion of Art. 38(2)(b))."""
    inputs.require(context, MANAGE_MEMBERS)
    on = on or today()
    workforce = (await enterprises.workforce(context.enterprise_id)).count
    union_members = await queries.organisation_members(context)
    async with write_transaction():
        version = await get_owned(context, MemberList, member_list_id)
        if version.status != MemberListStatus.DRAFT:
            raise Conflict(_("This list is already published."))
        check = composition(
            await queries.active_members(version.id, dt.date.max), workforce, None, union_members
        )
        if not check.lawful:
            raise Invalid(" ".join(check.errors))
        await MemberList.update(
            {
                MemberList.status: MemberListStatus.PUBLISHED.value,
                MemberList.published_on: on,
                MemberList.workforce: workforce,
            }
        ).where(MemberList.id == version.id)
        await issue_member_list(context, version.id, on)
        await audit.record(
            context.actor,
            "dialogue.list_published",
            "member_list",
            version.id,
            context.enterprise_id,
        )
    return check.warnings


async def reissue_member_list(context: EnterpriseContext, member_list_id: int) -> None:
    """Publicise a published list again after a replacement (Art. 38(3))."""
    inputs.require(context, MANAGE_MEMBERS)
    async with write_transaction():
        version = await get_owned(context, MemberList, member_list_id)
        if version.status != MemberListStatus.PUBLISHED:
            raise Conflict(_("Publish the list first."))
        await issue_member_list(context, version.id, today())
        await audit.record(
            context.actor,
            "dialogue.list_reissued",
            "member_list",
            version.id,
            context.enterprise_id,
        )
