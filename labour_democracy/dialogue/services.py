"""Use cases of workplace dialogue: the regulation, member lists, dialogues (periodic, on
request, on an event), contents, attendance, agenda, the record, publication and requests.

Other modules and the documents read:
    current_list(enterprise_id, on) -> MemberList | None
    active_members(member_list_id, on=None) -> list[Member]
    signatories(context, dialogue_id) -> list  (the minutes' signers, or Invalid)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from labour_democracy.core import audit, enterprises
from labour_democracy.core.errors import Conflict, Forbidden, Invalid
from labour_democracy.core.permissions import Permission
from labour_democracy.core.schemas import Page
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.core.tables import Enterprise, Gender, Representation, Role, Worker
from labour_democracy.db import contains, write_transaction
from labour_democracy.dialogue import rules
from labour_democracy.dialogue.permissions import (
    EDIT_REGULATION,
    MANAGE_DIALOGUE,
    MANAGE_MEMBERS,
    PUBLISH_DIALOGUE,
    REQUEST_DIALOGUE,
    VIEW_DIALOGUE,
)
from labour_democracy.dialogue.schemas import (
    AgendaItemForm,
    AttendanceForm,
    ContentsForm,
    DialogueForm,
    EventStepsForm,
    GroupElectionForm,
    MemberForm,
    MemberListForm,
    PositionsForm,
    PublishForm,
    RecordForm,
    ReplacementForm,
    ReplyForm,
    RequestForm,
    SettingsForm,
)
from labour_democracy.dialogue.tables import (
    WORKER_SIDES,
    AgendaItem,
    AgendaSource,
    Attendance,
    Dialogue,
    DialogueKind,
    DialogueRequest,
    DialogueSettings,
    DialogueStatus,
    Member,
    MemberList,
    MemberListStatus,
    RequestSide,
    RequestSupporter,
    Side,
    new_calendar_token,
)
from labour_democracy.followups import services as followups
from labour_democracy.i18n import LOCAL_TIMEZONE, N_, format_date, today
from labour_democracy.i18n import gettext as _
from labour_democracy.suggestions import services as suggestions
from labour_democracy.suggestions.tables import SuggestionStatus, Topic
from labour_democracy.voting import rules as voting_rules
from labour_democracy.voting import services as voting
from labour_democracy.voting import tally
from labour_democracy.voting.schemas import BallotForm, QuestionForm
from labour_democracy.voting.tables import BallotStatus, ElectorateKind, QuestionKind

PER_PAGE = 20
SOURCE_KIND = "dialogue"  # the follow-ups' source_kind
TEXT_LIMIT = 20_000
NAME_LIMIT = 255
TITLE_LIMIT = 500


def _require(context: EnterpriseContext, permission: Permission) -> None:
    if not context.can(permission):
        raise Forbidden


def _clean(value: str | None) -> str:
    return " ".join((value or "").split())


def _text(value: str | None, field_name: str, required: bool = False, limit=TEXT_LIMIT) -> str:
    text = (value or "").strip()
    if required and not text:
        raise Invalid({field_name: _("This field is required.")})
    if len(text) > limit:
        raise Invalid({field_name: _("At most {n} characters.").format(n=limit)})
    return text


def _saturday(context: EnterpriseContext) -> bool:
    return bool(context.enterprise.saturday_works)


def _local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(LOCAL_TIMEZONE).date()


# The regulation ---------------------------------------------------------------------------------


def parse_months(text: str) -> list[int]:
    months = []
    for part in text.replace(";", ",").replace(" ", ",").split(","):
        if part.strip():
            # ASCII digits only: "²" passes isdigit() and then fails int().
            if not (part.strip().isascii() and part.strip().isdigit()):
                raise Invalid({"periodic_months": _("List the months as numbers, e.g. 6 or 3, 9.")})
            months.append(int(part))
    return months


async def settings_for(enterprise_id: int) -> DialogueSettings:
    """The enterprise's settings, created with the law's defaults on first use."""
    found = (
        await DialogueSettings.objects().where(DialogueSettings.enterprise == enterprise_id).first()
    )
    if found:
        return found
    async with write_transaction():
        found = (
            await DialogueSettings.objects()
            .where(DialogueSettings.enterprise == enterprise_id)
            .first()
        )
        if found is None:
            found = DialogueSettings(enterprise=enterprise_id)
            await found.save()
    return found


async def update_settings(context: EnterpriseContext, form: SettingsForm) -> None:
    _require(context, EDIT_REGULATION)
    months = parse_months(form.periodic_months)
    errors: dict[str, str] = {}
    if form.periodic_per_year < rules.PERIODIC_MINIMUM_PER_YEAR:
        errors["periodic_per_year"] = _(
            "The law requires at least one periodic dialogue a year (Labour Code Art. 63(2)(a))."
        )
    elif not rules.periodic_months_valid(form.periodic_per_year, months):
        errors["periodic_months"] = _(
            "Give one month (1 to 12) for each periodic dialogue, each month once."
        )
    if not 1 <= form.event_reply_days <= 30:
        errors["event_reply_days"] = _("Between 1 and 30 working days.")
    if form.regulation_adopted_on and form.regulation_adopted_on > today():
        errors["regulation_adopted_on"] = _("This date cannot be in the future.")
    if errors:
        raise Invalid(errors)
    settings = await settings_for(context.enterprise_id)
    async with write_transaction():
        await DialogueSettings.update(
            {
                DialogueSettings.periodic_per_year: form.periodic_per_year,
                DialogueSettings.periodic_months: ", ".join(str(m) for m in sorted(months)),
                DialogueSettings.regulation_adopted_on: form.regulation_adopted_on,
                DialogueSettings.event_reply_days: form.event_reply_days,
                DialogueSettings.updated_at: dt.datetime.now(dt.UTC),
            }
        ).where(DialogueSettings.id == settings.id)
        await audit.record(
            context.actor,
            "dialogue.settings",
            "dialogue_settings",
            settings.id,
            context.enterprise_id,
        )


async def renew_calendar_token(context: EnterpriseContext) -> None:
    """A new secret feed address; the old one stops working (e.g. a lost phone)."""
    _require(context, MANAGE_DIALOGUE)
    settings = await settings_for(context.enterprise_id)
    async with write_transaction():
        await DialogueSettings.update(
            {DialogueSettings.calendar_token: new_calendar_token()}
        ).where(DialogueSettings.id == settings.id)
        await audit.record(
            context.actor,
            "dialogue.calendar_token",
            "dialogue_settings",
            settings.id,
            context.enterprise_id,
        )


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
                "them (Decree 145 Art. 38(1))."
            ).format(n=rules.EMPLOYER_SIDE_MINIMUM)
        )
    if not rules.worker_side_large_enough(len(workers), workforce):
        result.errors.append(
            _(
                "With {workforce} workers the worker side needs at least {n} members; it has "
                "{size} (Decree 145 Art. 38(2)(a))."
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
            _("No woman on the worker side: the law asks for gender equality (Art. 38(2)(a)).")
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
                    "Seats in proportion to members (Decree 145 Art. 38(2)(b)): with "
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


# Member lists -----------------------------------------------------------------------------------


async def active_members(member_list_id: int | None, on: dt.date | None = None) -> list[Member]:
    """The members of a list version, less those replaced on or before `on` (today)."""
    if member_list_id is None:
        return []
    on = on or today()
    members = (
        await Member.objects()
        .where(Member.member_list == member_list_id)
        .order_by(Member.position)
        .order_by(Member.id)
    )
    return [
        m
        for m in members
        if not (m.replaced_by and m.replaced_on and m.replaced_on <= on)
        and not (m.added_on and m.added_on > on)
    ]


async def current_list(enterprise_id: int, on: dt.date | None = None) -> MemberList | None:
    """The published list in force on `on`: the latest valid from that day or before."""
    on = on or today()
    return (
        await MemberList.objects()
        .where(MemberList.enterprise == enterprise_id)
        .where(MemberList.status == MemberListStatus.PUBLISHED.value)
        .where(MemberList.valid_from <= on)
        .order_by(MemberList.valid_from, ascending=False)
        .order_by(MemberList.id, ascending=False)
        .first()
    )


async def member_lists(context: EnterpriseContext) -> list[dict]:
    _require(context, VIEW_DIALOGUE)
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
    _require(context, VIEW_DIALOGUE)
    return await get_owned(context, MemberList, member_list_id)


async def list_members(member_list_id: int) -> list[Member]:
    """Every member of a version, replaced ones included, in order."""
    return (
        await Member.objects()
        .where(Member.member_list == member_list_id)
        .order_by(Member.position)
        .order_by(Member.id)
    )


async def create_member_list(context: EnterpriseContext, form: MemberListForm) -> int:
    """A new draft version, starting from the current members when asked."""
    _require(context, MANAGE_MEMBERS)
    workforce = (await enterprises.workforce(context.enterprise_id)).count
    source = await current_list(context.enterprise_id) if form.copy_current else None
    async with write_transaction():
        version = MemberList(
            enterprise=context.enterprise_id,
            valid_from=form.valid_from,
            workforce=workforce,
            created_by=context.actor.id,
        )
        await version.save()
        if source is not None:
            for position, member in enumerate(await active_members(source.id), start=1):
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
    name = _clean(full_name)
    if not name or len(name) > NAME_LIMIT:
        raise Invalid({"full_name": _("Give the member's full name.")})
    if gender and gender not in {g.value for g in Gender}:
        raise Invalid({"gender": _("Choose one of the options offered.")})
    title = _clean(title)
    if len(title) > NAME_LIMIT:
        raise Invalid({"title": _("At most {n} characters.").format(n=NAME_LIMIT)})
    return {"full_name": name, "gender": gender or "", "title": title}


async def add_member(context: EnterpriseContext, member_list_id: int, form: MemberForm) -> int:
    _require(context, MANAGE_MEMBERS)
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
    _require(context, MANAGE_MEMBERS)
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
    _require(context, MANAGE_MEMBERS)
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
    _require(context, VIEW_DIALOGUE)
    version = await get_owned(context, MemberList, member_list_id)
    workforce = (await enterprises.workforce(context.enterprise_id)).count
    return composition(
        await active_members(version.id, dt.date.max),
        workforce,
        version.workforce,
        await organisation_members(context),
    )


async def publish_member_list(
    context: EnterpriseContext, member_list_id: int, on: dt.date | None = None
) -> list[str]:
    """Fix a version: refused unless both sides are as large as the law requires; the notice of
    the list (dialogue.documents.issue_member_list) is issued in the same transaction. Returns
    the law's warnings (e.g. a seat split off the proportion of Art. 38(2)(b))."""
    from labour_democracy.dialogue import documents

    _require(context, MANAGE_MEMBERS)
    on = on or today()
    workforce = (await enterprises.workforce(context.enterprise_id)).count
    union_members = await organisation_members(context)
    async with write_transaction():
        version = await get_owned(context, MemberList, member_list_id)
        if version.status != MemberListStatus.DRAFT:
            raise Conflict(_("This list is already published."))
        check = composition(
            await active_members(version.id, dt.date.max), workforce, None, union_members
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
        await documents.issue_member_list(context, version.id, on)
        await audit.record(
            context.actor,
            "dialogue.list_published",
            "member_list",
            version.id,
            context.enterprise_id,
        )
    return check.warnings


# The workers' dialogue group elected through the voting engine (Decree 145 Art. 37(1): the
# workers who are in no representative organisation choose their dialogue group).
ELECTION_PURPOSE = "dialogue_group"
GROUP_ELECTORATES = (ElectorateKind.ALL_WORKERS, ElectorateKind.ORG_UNIT)


async def create_group_election(
    context: EnterpriseContext, member_list_id: int, form: GroupElectionForm
) -> int:
    """A draft vote in the voting engine electing `seats` of the candidates to the workers'
    dialogue group of a draft list; elected with more than half of the valid ballots
    (voting.rules.ELECTION_MAJORITY) at the least. Codes, opening and closing are the vote's
    own pages. Returns the ballot's id."""
    _require(context, MANAGE_MEMBERS)
    if form.electorate_kind not in GROUP_ELECTORATES:
        raise Invalid({"electorate_kind": _("Choose all workers or one part of the company.")})
    async with write_transaction():
        version = await get_owned(context, MemberList, member_list_id)
        if version.status != MemberListStatus.DRAFT:
            raise Conflict(_("The group is elected for a draft list; start a new version."))
        if version.election_ballot is not None:
            raise Conflict(_("This list already has its election."))
        title = _("Election of the workers' dialogue group (list from {date})").format(
            date=format_date(version.valid_from)
        )
        try:
            ballot_id = await voting.create_ballot(
                context,
                BallotForm(
                    title=title,
                    electorate_kind=form.electorate_kind,
                    electorate_unit=form.electorate_unit,
                ),
                purpose=ELECTION_PURPOSE,
            )
            await voting.add_question(
                context,
                ballot_id,
                QuestionForm(
                    kind=QuestionKind.ELECTION,
                    text=_("Members of the workers' dialogue group"),
                    options=form.candidates,
                    seats=form.seats,
                ),
                rule_minimum=voting_rules.ELECTION_MAJORITY,
            )
        except Invalid as error:
            fields = {"options": "candidates", "": ""}
            raise Invalid(
                {fields.get(key, key): message for key, message in error.errors.items()}
            ) from None
        await MemberList.update({MemberList.election_ballot: ballot_id}).where(
            MemberList.id == version.id
        )
        await audit.record(
            context.actor,
            "dialogue.group_election",
            "member_list",
            version.id,
            context.enterprise_id,
            ballot=ballot_id,
        )
    return ballot_id


async def group_election(context: EnterpriseContext, version: MemberList) -> dict | None:
    """The list's election: its ballot, status and, once closed, the elected and the tied."""
    if version.election_ballot is None:
        return None
    ballot = await voting.get_ballot(context, version.election_ballot)
    view: dict = {"ballot": ballot, "elected": [], "tied": [], "open_seats": 0}
    if ballot.status == BallotStatus.CLOSED and ballot.result:
        question = tally.unseal(ballot.result).questions[0]
        labels = {option.id: option.label for option in question.options}
        view["elected"] = [labels[i] for i in question.elected]
        view["tied"] = [labels[i] for i in question.tied]
        view["open_seats"] = question.open_seats
    return view


async def add_elected(context: EnterpriseContext, member_list_id: int) -> int:
    """Put the candidates the closed vote elected on the draft list as members of the workers'
    dialogue group (once: a name already there is not added again); returns how many."""
    _require(context, MANAGE_MEMBERS)
    async with write_transaction():
        version = await get_owned(context, MemberList, member_list_id)
        if version.status != MemberListStatus.DRAFT:
            raise Conflict(_("A published list changes only by replacing a member."))
        election = await group_election(context, version)
        if election is None:
            raise Conflict(_("This list has no election."))
        if election["ballot"].status != BallotStatus.CLOSED:
            raise Conflict(_("Close the vote first: the elected are known once it is counted."))
        if not election["elected"]:
            raise Conflict(
                _(
                    "Nobody was elected (more than half of the valid ballots is needed); hold "
                    "another round."
                )
            )
        members = await list_members(version.id)
        present = {m.full_name.casefold() for m in members if m.side == Side.DIALOGUE_GROUP.value}
        added = [name for name in election["elected"] if name.casefold() not in present]
        if not added:
            raise Conflict(_("The elected are already on the list."))
        for offset, name in enumerate(added, start=1):
            await Member(
                member_list=version.id,
                side=Side.DIALOGUE_GROUP,
                full_name=name[:NAME_LIMIT],
                position=len(members) + offset,
            ).save()
        await audit.record(
            context.actor,
            "dialogue.group_elected",
            "member_list",
            version.id,
            context.enterprise_id,
            ballot=election["ballot"].id,
        )
    return len(added)


async def reissue_member_list(context: EnterpriseContext, member_list_id: int) -> None:
    """Publicise a published list again after a replacement (Art. 38(3))."""
    from labour_democracy.dialogue import documents

    _require(context, MANAGE_MEMBERS)
    async with write_transaction():
        version = await get_owned(context, MemberList, member_list_id)
        if version.status != MemberListStatus.PUBLISHED:
            raise Conflict(_("Publish the list first."))
        await documents.issue_member_list(context, version.id, today())
        await audit.record(
            context.actor,
            "dialogue.list_reissued",
            "member_list",
            version.id,
            context.enterprise_id,
        )


# Dialogues --------------------------------------------------------------------------------------


async def list_dialogues(
    context: EnterpriseContext, page: int = 1, q: str | None = None, kind: str | None = None
) -> Page:
    _require(context, VIEW_DIALOGUE)
    clause = Dialogue.enterprise == context.enterprise_id
    if q and q.strip():
        clause &= contains(Dialogue.title, q.strip())
    if kind in {k.value for k in DialogueKind}:
        clause &= Dialogue.kind == kind
    total = await Dialogue.count().where(clause)
    pages = max(1, -(-total // PER_PAGE))
    page = max(1, min(page, pages))
    rows = (
        await Dialogue.select()
        .where(clause)
        .order_by(Dialogue.scheduled_at, ascending=False)
        .order_by(Dialogue.id, ascending=False)
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    )
    saturday = _saturday(context)
    for row in rows:
        _annotate(row, saturday)
    return Page(rows=rows, total=total, page=page, per_page=PER_PAGE)


def _annotate(row: dict, saturday: bool, on: dt.date | None = None) -> dict:
    """Deadlines and lateness of a dialogue row (a dict from select)."""
    on = on or today()
    day = _local_date(row["scheduled_at"])
    row["date"] = day
    periodic = row["kind"] == DialogueKind.PERIODIC
    row["contents_due"] = rules.contents_deadline(day, saturday) if periodic else None
    for side in ("employer", "worker"):
        sent = row[f"{side}_contents_sent_on"]
        # Sent after the deadline, or not sent while the dialogue is still ahead and the
        # deadline has passed.
        row[f"{side}_contents_late"] = bool(
            periodic
            and (sent is not None or row["status"] == DialogueStatus.PLANNED)
            and rules.is_late(sent, row["contents_due"], on)
        )
    held = row["held_on"]
    row["publication_due"] = rules.publication_due(held, saturday) if held else None
    row["publication_late"] = bool(
        held and rules.is_late(row["published_on"], row["publication_due"], on)
    )
    return row


async def dialogue_choices(context: EnterpriseContext) -> list[tuple[int, str]]:
    """Planned dialogues a suggestion can be assigned to (suggestions.topics)."""
    rows = (
        await Dialogue.select(Dialogue.id, Dialogue.title, Dialogue.scheduled_at)
        .where(Dialogue.enterprise == context.enterprise_id)
        .where(Dialogue.status == DialogueStatus.PLANNED.value)
        .order_by(Dialogue.scheduled_at)
    )
    return [
        (row["id"], f"{row['title']} ({format_date(_local_date(row['scheduled_at']))})")
        for row in rows
    ]


async def planned_periodic(context: EnterpriseContext, year: int) -> list[dict]:
    """The regulation's periodic dialogues of `year`, each with the dialogue scheduled for it."""
    _require(context, VIEW_DIALOGUE)
    settings = await settings_for(context.enterprise_id)
    scheduled = await Dialogue.select(Dialogue.id, Dialogue.scheduled_at, Dialogue.status).where(
        (Dialogue.enterprise == context.enterprise_id)
        & (Dialogue.kind == DialogueKind.PERIODIC.value)
        & (Dialogue.status != DialogueStatus.CALLED_OFF.value)
    )
    plan = []
    for month in parse_months(settings.periodic_months):
        match = next(
            (
                row
                for row in scheduled
                if _local_date(row["scheduled_at"]).year == year
                and _local_date(row["scheduled_at"]).month == month
            ),
            None,
        )
        plan.append({"year": year, "month": month, "dialogue": match})
    return plan


def periodic_defaults(context: EnterpriseContext, month: int | None) -> dict[str, str]:
    """A periodic dialogue of the regulation's `month`: its title and the 15th of that month
    at 08:00, or the first day the contents deadline allows if that is later."""
    on = today()
    earliest = rules.earliest_periodic_date(on, _saturday(context))
    if month is None or not 1 <= month <= 12:
        return {"scheduled_at": f"{earliest.isoformat()}T08:00"}
    year = on.year if month >= on.month else on.year + 1
    day = max(dt.date(year, month, 15), earliest)
    return {
        "title": f"Đối thoại định kỳ tháng {month:02d}/{year}",
        "scheduled_at": f"{day.isoformat()}T08:00",
    }


async def create_dialogue(
    context: EnterpriseContext, form: DialogueForm, request_id: int | None = None
) -> int:
    """Schedule a dialogue with the list in force. A periodic one is refused before the day
    the contents can still be sent 5 working days ahead (Decree 145 Art. 39(3))."""
    _require(context, MANAGE_DIALOGUE)
    title = _clean(form.title)
    errors: dict[str, str] = {}
    if not title or len(title) > TITLE_LIMIT:
        errors["title"] = _("Give the dialogue a title.")
    place = _clean(form.place)
    if not place or len(place) > NAME_LIMIT:
        errors["place"] = _("Say where the dialogue takes place.")
    if form.kind == DialogueKind.EVENT and form.matter is None:
        errors["matter"] = _("Choose the matter the employer is changing.")
    day = _local_date(form.scheduled_at)
    if form.kind == DialogueKind.PERIODIC:
        earliest = rules.earliest_periodic_date(today(), _saturday(context))
        if rules.contents_deadline(day, _saturday(context)) < today():
            errors["scheduled_at"] = _(
                "Each side must send its contents at least 5 working days before a periodic "
                "dialogue (Decree 145 Art. 39(3)): the earliest date now is {date}."
            ).format(date=format_date(earliest))
    elif day < today():
        errors["scheduled_at"] = _("This date has passed.")
    if errors:
        raise Invalid(errors)
    version = await current_list(context.enterprise_id, day) or await current_list(
        context.enterprise_id
    )
    if version is None:
        raise Invalid(
            _("Publish the list of dialogue members first: the dialogue needs both sides.")
        )
    async with write_transaction():
        dialogue = Dialogue(
            enterprise=context.enterprise_id,
            kind=form.kind,
            matter=form.matter.value if form.matter and form.kind == DialogueKind.EVENT else "",
            title=title,
            member_list=version.id,
            scheduled_at=form.scheduled_at,
            place=place,
            created_by=context.actor.id,
        )
        await dialogue.save()
        if request_id is not None:
            await DialogueRequest.update({DialogueRequest.dialogue: dialogue.id}).where(
                DialogueRequest.id == request_id
            )
        await audit.record(
            context.actor,
            "dialogue.scheduled",
            "dialogue",
            dialogue.id,
            context.enterprise_id,
            kind=form.kind.value,
        )
    return dialogue.id


async def get_dialogue(context: EnterpriseContext, dialogue_id: int) -> Dialogue:
    _require(context, VIEW_DIALOGUE)
    return await get_owned(context, Dialogue, dialogue_id)


async def _planned(context: EnterpriseContext, dialogue_id: int) -> Dialogue:
    dialogue = await get_owned(context, Dialogue, dialogue_id)
    if dialogue.status == DialogueStatus.CALLED_OFF:
        raise Conflict(_("This dialogue was called off."))
    if dialogue.status != DialogueStatus.PLANNED:
        raise Conflict(_("This dialogue has already been recorded."))
    return dialogue


@dataclass
class DialogueView:
    """Everything the dialogue page shows."""

    dialogue: dict
    members: list[Member]
    present: set[int]
    items: list[dict]
    quorum: bool
    quorum_needed: int
    workers_present: int
    worker_members: int
    employer_present: bool
    event_steps: list[dict]
    suggestions_waiting: int
    followups_waiting: int
    request: dict | None


async def dialogue_view(context: EnterpriseContext, dialogue_id: int) -> DialogueView:
    dialogue = await get_dialogue(context, dialogue_id)
    row = (await Dialogue.select().where(Dialogue.id == dialogue.id))[0]
    _annotate(row, _saturday(context))
    on = row["held_on"] or row["date"]
    members = await active_members(dialogue.member_list, on)
    present = await _present(dialogue.id)
    workers = [m for m in members if m.side != Side.EMPLOYER]
    workers_present = sum(1 for m in workers if m.id in present)
    employer_present = any(m.legal_representative and m.id in present for m in members) or bool(
        dialogue.authorised_person.strip()
    )
    items = (
        await AgendaItem.select()
        .where(AgendaItem.dialogue == dialogue.id)
        .order_by(AgendaItem.position)
        .order_by(AgendaItem.id)
    )
    settings = await settings_for(context.enterprise_id)
    request = await DialogueRequest.select().where(DialogueRequest.dialogue == dialogue.id).first()
    return DialogueView(
        dialogue=row,
        members=members,
        present=present,
        items=items,
        quorum=rules.quorum_met(employer_present, workers_present, len(workers)),
        quorum_needed=rules.quorum_smallest(len(workers)),
        workers_present=workers_present,
        worker_members=len(workers),
        employer_present=employer_present,
        event_steps=event_steps(row, settings.event_reply_days, _saturday(context))
        if row["kind"] == DialogueKind.EVENT
        else [],
        suggestions_waiting=len(await _new_suggestions(context, dialogue.id, items))
        if context.can(MANAGE_DIALOGUE)
        else 0,
        followups_waiting=len(await _new_followups(context, dialogue.id, items))
        if context.can(MANAGE_DIALOGUE)
        else 0,
        request=request,
    )


def event_steps(row: dict, reply_days: int, saturday: bool, on: dt.date | None = None):
    """The guided flow of Decree 145 Art. 41(1), each step with its deadline and state."""
    on = on or today()
    sent = row["event_document_sent_on"]
    reply_due = rules.event_reply_due(sent, reply_days, saturday) if sent else None
    held = row["held_on"]
    duty = rules.EVENT_DUTIES.get(row["matter"])
    steps = [
        {
            "label": N_("The employer sends its document to the worker-side members"),
            "done_on": sent,
            "due_on": None,
            "source": N_("Decree 145 Art. 41(1)(a)"),
        },
        {
            "label": N_("The worker side replies in writing with the workers' opinions"),
            "done_on": row["event_reply_on"],
            "due_on": reply_due,
            "source": N_("Decree 145 Art. 41(1)(b)"),
        },
        {
            "label": N_("The dialogue is held"),
            "done_on": held,
            "due_on": row["date"],
            "source": N_("Decree 145 Art. 41(1)(c)"),
        },
        {
            "label": N_("The main contents are publicised"),
            "done_on": row["published_on"],
            "due_on": row["publication_due"],
            "source": N_("Decree 145 Art. 41(1)(e)"),
        },
    ]
    if duty is not None:
        steps.append(
            {
                "label": duty.duty,
                "done_on": row["event_publicised_on"],
                "due_on": duty.deadline(row["event_effective_on"]),
                "source": duty.article,
                "event_date": duty.event_date,
            }
        )
    for step in steps:
        step["late"] = bool(step["due_on"] and rules.is_late(step["done_on"], step["due_on"], on))
    return steps


def contents_sides(context: EnterpriseContext) -> set[Side]:
    """Each side sends its own contents: HR the employer's, the union the workers'."""
    return {
        side
        for side, request_side in (
            (Side.EMPLOYER, RequestSide.EMPLOYER),
            (Side.UNION, RequestSide.WORKERS),
        )
        if _request_side_allowed(context, request_side)
    }


async def record_contents(context: EnterpriseContext, dialogue_id: int, form: ContentsForm) -> None:
    """A side's contents and the day they were sent; late ones are kept and flagged."""
    _require(context, MANAGE_DIALOGUE)
    contents = _text(form.contents, "contents", required=True)
    employer = form.side == Side.EMPLOYER
    if form.side not in contents_sides(context):
        raise Forbidden(_("Each side records the contents it sends."))
    if form.sent_on > today():
        raise Invalid({"sent_on": _("This date cannot be in the future.")})
    async with write_transaction():
        dialogue = await _planned(context, dialogue_id)
        values = (
            {Dialogue.employer_contents: contents, Dialogue.employer_contents_sent_on: form.sent_on}
            if employer
            else {
                Dialogue.worker_contents: contents,
                Dialogue.worker_contents_sent_on: form.sent_on,
            }
        )
        await Dialogue.update(values).where(Dialogue.id == dialogue.id)
        await audit.record(
            context.actor,
            "dialogue.contents",
            "dialogue",
            dialogue.id,
            context.enterprise_id,
            side="employer" if employer else "workers",
        )


async def record_event_steps(
    context: EnterpriseContext, dialogue_id: int, form: EventStepsForm
) -> None:
    _require(context, MANAGE_DIALOGUE)
    dates = {
        "event_document_sent_on": form.event_document_sent_on,
        "event_reply_on": form.event_reply_on,
        "event_publicised_on": form.event_publicised_on,
    }
    errors = {
        name: _("This date cannot be in the future.")
        for name, day in dates.items()
        if day and day > today()
    }
    if form.event_reply_on and not form.event_document_sent_on:
        errors["event_reply_on"] = _("Record first when the employer sent its document.")
    elif form.event_reply_on and form.event_reply_on < form.event_document_sent_on:
        errors["event_reply_on"] = _("The reply cannot come before the document.")
    if errors:
        raise Invalid(errors)
    reply = _text(form.event_reply, "event_reply")
    async with write_transaction():
        dialogue = await get_owned(context, Dialogue, dialogue_id)
        if dialogue.kind != DialogueKind.EVENT:
            raise Conflict(_("Only a dialogue on an event has these steps."))
        await Dialogue.update(
            {
                Dialogue.event_document_sent_on: form.event_document_sent_on,
                Dialogue.event_reply_on: form.event_reply_on,
                Dialogue.event_reply: reply,
                Dialogue.event_effective_on: form.event_effective_on,
                Dialogue.event_publicised_on: form.event_publicised_on,
            }
        ).where(Dialogue.id == dialogue.id)
        await audit.record(
            context.actor, "dialogue.event_steps", "dialogue", dialogue.id, context.enterprise_id
        )


async def _present(dialogue_id: int) -> set[int]:
    rows = await Attendance.select(Attendance.member).where(
        (Attendance.dialogue == dialogue_id) & Attendance.present.eq(True)
    )
    return {row["member"] for row in rows}


async def record_attendance(
    context: EnterpriseContext, dialogue_id: int, form: AttendanceForm
) -> bool | None:
    """Who came; returns whether the quorum of Art. 39(4) is met (None: not a periodic
    dialogue, where the regulation decides who takes part)."""
    _require(context, MANAGE_DIALOGUE)
    authorised = _clean(form.authorised_person)
    if len(authorised) > NAME_LIMIT:
        raise Invalid({"authorised_person": _("At most {n} characters.").format(n=NAME_LIMIT)})
    women = _clean(form.womens_representative)
    if len(women) > NAME_LIMIT:
        raise Invalid({"womens_representative": _("At most {n} characters.").format(n=NAME_LIMIT)})
    async with write_transaction():
        dialogue = await _planned(context, dialogue_id)
        members = await active_members(dialogue.member_list, _local_date(dialogue.scheduled_at))
        ids = {m.id for m in members}
        unknown = set(form.present) - ids
        if unknown:
            raise Invalid({"present": _("Tick only members of this dialogue's list.")})
        await Attendance.delete().where(Attendance.dialogue == dialogue.id)
        for member in members:
            await Attendance(
                dialogue=dialogue.id, member=member.id, present=member.id in form.present
            ).save()
        await Dialogue.update(
            {
                Dialogue.authorised_person: authorised,
                Dialogue.concerns_women: form.concerns_women,
                Dialogue.womens_representative: women,
            }
        ).where(Dialogue.id == dialogue.id)
        await audit.record(
            context.actor, "dialogue.attendance", "dialogue", dialogue.id, context.enterprise_id
        )
    workers = [m for m in members if m.side != Side.EMPLOYER]
    employer_present = bool(authorised) or any(
        m.legal_representative and m.id in form.present for m in members
    )
    if not rules.quorum_applies(dialogue.kind):
        return None
    return rules.quorum_met(
        employer_present, sum(1 for m in workers if m.id in form.present), len(workers)
    )


async def add_agenda_item(
    context: EnterpriseContext,
    dialogue_id: int,
    form: AgendaItemForm,
    source: AgendaSource = AgendaSource.MANUAL,
    source_id: int | None = None,
) -> int:
    _require(context, MANAGE_DIALOGUE)
    title = _clean(form.title)
    if not title or len(title) > TITLE_LIMIT:
        raise Invalid(
            {"title": _("Give the item a title of at most {n} characters.").format(n=TITLE_LIMIT)}
        )
    details = _text(form.details, "details")
    async with write_transaction():
        dialogue = await _planned(context, dialogue_id)
        count = await AgendaItem.count().where(AgendaItem.dialogue == dialogue.id)
        item = AgendaItem(
            dialogue=dialogue.id,
            position=count + 1,
            title=title,
            details=details,
            source=source,
            source_id=source_id,
        )
        await item.save()
        await audit.record(
            context.actor, "dialogue.item_added", "dialogue", dialogue.id, context.enterprise_id
        )
    return item.id


async def _new_suggestions(context, dialogue_id: int, items: list[dict]) -> list[dict]:
    taken = {i["source_id"] for i in items if i["source"] == AgendaSource.SUGGESTION}
    rows = await suggestions.list_suggestions(
        context,
        topic=Topic.DIALOGUE,
        target_id=dialogue_id,
        status=(SuggestionStatus.PUBLISHED, SuggestionStatus.ANSWERED),
    )
    return [row for row in rows if row["id"] not in taken]


async def _new_followups(context, dialogue_id: int, items: list[dict]) -> list[dict]:
    taken = {i["source_id"] for i in items if i["source"] == AgendaSource.FOLLOW_UP}
    return [
        row
        for row in await followups.open_items(context, SOURCE_KIND)
        if row["id"] not in taken and row["source_id"] != dialogue_id
    ]


async def import_agenda(context: EnterpriseContext, dialogue_id: int) -> int:
    """Put onto the agenda the workers' suggestions assigned to this dialogue and the open
    follow-ups of earlier dialogues (carried until done); returns how many were added."""
    _require(context, MANAGE_DIALOGUE)
    dialogue = await _planned(context, dialogue_id)
    items = await AgendaItem.select().where(AgendaItem.dialogue == dialogue.id)
    added = 0
    for row in await _new_suggestions(context, dialogue.id, items):
        await add_agenda_item(
            context,
            dialogue.id,
            AgendaItemForm(title=row["subject"], details=row["body"]),
            AgendaSource.SUGGESTION,
            row["id"],
        )
        added += 1
    for row in await _new_followups(context, dialogue.id, items):
        details = _("Agreed at {source}, due {date}; carried out by {owner}.").format(
            source=row["source_label"], date=format_date(row["due_on"]), owner=row["owner"]
        )
        await add_agenda_item(
            context,
            dialogue.id,
            AgendaItemForm(title=row["title"], details=details),
            AgendaSource.FOLLOW_UP,
            row["id"],
        )
        added += 1
    return added


async def record_positions(
    context: EnterpriseContext, dialogue_id: int, item_id: int, form: PositionsForm
) -> None:
    """Both sides' positions on an item and whether it was agreed."""
    _require(context, MANAGE_DIALOGUE)
    if form.outcome not in (None, "", "agreed", "not_agreed"):
        raise Invalid({"outcome": _("Choose one of the options offered.")})
    agreed = {"agreed": True, "not_agreed": False}.get(form.outcome or "")
    values = {
        AgendaItem.employer_position: _text(form.employer_position, "employer_position"),
        AgendaItem.worker_position: _text(form.worker_position, "worker_position"),
        AgendaItem.agreed: agreed,
        AgendaItem.agreed_text: _text(form.agreed_text, "agreed_text"),
        AgendaItem.owner: _clean(form.owner)[:NAME_LIMIT],
        AgendaItem.due_on: form.due_on,
    }
    if agreed:
        errors = followups.check(form.agreed_text or "x", form.owner or "", form.due_on)
        errors.pop("title", None)
        if not (form.agreed_text or "").strip():
            errors["agreed_text"] = _("Write what was agreed.")
        if errors:
            raise Invalid(errors)
    async with write_transaction():
        dialogue = await _planned(context, dialogue_id)
        item = (
            await AgendaItem.objects()
            .where((AgendaItem.id == item_id) & (AgendaItem.dialogue == dialogue.id))
            .first()
        )
        if item is None:
            raise Invalid({"item": _("Choose an item of this dialogue.")})
        await AgendaItem.update(values).where(AgendaItem.id == item.id)
        await audit.record(
            context.actor, "dialogue.item_recorded", "dialogue", dialogue.id, context.enterprise_id
        )


async def record_dialogue(context: EnterpriseContext, dialogue_id: int, form: RecordForm) -> None:
    """Close the record: refused without the quorum of Art. 39(4) (periodic dialogues) or with
    an item not yet decided; each agreed item becomes a follow-up with its owner and due date."""
    _require(context, MANAGE_DIALOGUE)
    errors: dict[str, str] = {}
    if form.held_on > today():
        errors["held_on"] = _("Record a dialogue once it has been held.")
    chair, secretary = _clean(form.chair), _clean(form.secretary)
    if not chair or len(chair) > NAME_LIMIT:
        errors["chair"] = _("Give the name of who chaired the dialogue.")
    if not secretary or len(secretary) > NAME_LIMIT:
        errors["secretary"] = _("Give the name of the secretary.")
    if form.started_at and form.ended_at and form.ended_at <= form.started_at:
        errors["ended_at"] = _("The end must come after the start.")
    summary = _text(form.summary, "summary", required=True)
    if errors:
        raise Invalid(errors)
    view = await dialogue_view(context, dialogue_id)
    dialogue = view.dialogue
    if dialogue["status"] != DialogueStatus.PLANNED:
        raise Conflict(_("This dialogue has already been recorded."))
    if rules.quorum_applies(dialogue["kind"]) and not view.quorum:
        raise Invalid(
            _(
                "The quorum is not met (Decree 145 Art. 39(4)): the legal representative or an "
                "authorised person must be present, and worker-side members above 70%, here "
                "{needed} of {total}; {present} are present."
            ).format(
                needed=view.quorum_needed, total=view.worker_members, present=view.workers_present
            )
        )
    if rules.womens_representative_missing(
        dialogue["concerns_women"], dialogue["womens_representative"]
    ):
        raise Invalid(
            _(
                "A topic concerns women: record the women's representative who took part "
                "(Decree 145 Art. 38(4)) with the attendance."
            )
        )
    if not view.items:
        raise Invalid(_("Add at least one agenda item."))
    undecided = [item["title"] for item in view.items if item["agreed"] is None]
    if undecided:
        raise Invalid(
            _("Record whether each item was agreed: {items}.").format(items="; ".join(undecided))
        )
    label = _("Dialogue “{title}” of {date}").format(
        title=dialogue["title"], date=format_date(form.held_on)
    )
    async with write_transaction():
        await Dialogue.update(
            {
                Dialogue.status: DialogueStatus.HELD.value,
                Dialogue.held_on: form.held_on,
                Dialogue.started_at: form.started_at,
                Dialogue.ended_at: form.ended_at,
                Dialogue.chair: chair,
                Dialogue.secretary: secretary,
                Dialogue.summary: summary,
            }
        ).where(Dialogue.id == dialogue["id"])
        for item in view.items:
            if item["agreed"]:
                action = await followups.create(
                    context,
                    SOURCE_KIND,
                    dialogue["id"],
                    label,
                    item["agreed_text"],
                    item["owner"],
                    item["due_on"],
                )
                await AgendaItem.update({AgendaItem.follow_up_id: action}).where(
                    AgendaItem.id == item["id"]
                )
        await audit.record(
            context.actor, "dialogue.recorded", "dialogue", dialogue["id"], context.enterprise_id
        )


async def signatories(context: EnterpriseContext, dialogue_id: int) -> list:
    """Who signs the minutes (Art. 39(4)), or Invalid naming who is missing."""
    from labour_democracy.dialogue import documents

    dialogue = await get_dialogue(context, dialogue_id)
    record = await documents.load_record(context.enterprise, dialogue)
    return documents.minutes_signatories(record)


async def publish_dialogue(context: EnterpriseContext, dialogue_id: int, form: PublishForm) -> bool:
    """Publicise the main contents: the notice is issued and the date recorded; returns whether
    it was late (more than 3 working days after the dialogue, Art. 39(5))."""
    from labour_democracy.dialogue import documents

    _require(context, PUBLISH_DIALOGUE)
    if form.published_on > today():
        raise Invalid({"published_on": _("This date cannot be in the future.")})
    async with write_transaction():
        dialogue = await get_owned(context, Dialogue, dialogue_id)
        if dialogue.status != DialogueStatus.HELD:
            raise Conflict(
                _("Only a recorded dialogue that is not yet publicised can be publicised.")
            )
        if form.published_on < dialogue.held_on:
            raise Invalid({"published_on": _("Publication cannot come before the dialogue.")})
        await documents.issue_publication_notice(context, dialogue.id, form.published_on)
        await Dialogue.update(
            {
                Dialogue.status: DialogueStatus.PUBLICISED.value,
                Dialogue.published_on: form.published_on,
            }
        ).where(Dialogue.id == dialogue.id)
        await audit.record(
            context.actor, "dialogue.publicised", "dialogue", dialogue.id, context.enterprise_id
        )
    due = rules.publication_due(dialogue.held_on, _saturday(context))
    return form.published_on > due


async def call_off(context: EnterpriseContext, dialogue_id: int) -> None:
    _require(context, MANAGE_DIALOGUE)
    async with write_transaction():
        dialogue = await _planned(context, dialogue_id)
        await Dialogue.update({Dialogue.status: DialogueStatus.CALLED_OFF.value}).where(
            Dialogue.id == dialogue.id
        )
        await audit.record(
            context.actor, "dialogue.called_off", "dialogue", dialogue.id, context.enterprise_id
        )


async def published_for_public(enterprise: Enterprise, limit: int = 5) -> list[dict]:
    """The publicised dialogues, newest first, each with the main contents its notice printed
    (`documents.publication_lines`, in Vietnamese like the notice), for the public page."""
    from labour_democracy.dialogue import documents

    dialogues = (
        await Dialogue.objects()
        .where(Dialogue.enterprise == enterprise.id)
        .where(Dialogue.status == DialogueStatus.PUBLICISED.value)
        .order_by(Dialogue.held_on, ascending=False)
        .order_by(Dialogue.id, ascending=False)
        .limit(limit)
    )
    rows = []
    for dialogue in dialogues:
        record = await documents.load_record(enterprise, dialogue)
        rows.append(
            {
                "title": dialogue.title,
                "held_on": dialogue.held_on,
                "lines": documents.publication_lines(record),
            }
        )
    return rows


# Requests ---------------------------------------------------------------------------------------


def _request_side_allowed(context: EnterpriseContext, side: RequestSide) -> bool:
    """The employer asks through HR, the worker side through the union (admins may do both)."""
    if Role.ADMIN in context.roles:
        return True
    return Role.HR in context.roles if side == RequestSide.EMPLOYER else Role.UNION in context.roles


def reply_side_allowed(context: EnterpriseContext, side: RequestSide) -> bool:
    """Only the side that received a request answers it (Decree 145 Art. 40(2)): HR a request
    of the workers, the union one of the employer."""
    other = RequestSide.WORKERS if side == RequestSide.EMPLOYER else RequestSide.EMPLOYER
    return _request_side_allowed(context, other)


async def create_request(context: EnterpriseContext, form: RequestForm) -> int:
    """A request for a dialogue; a worker-side one is refused without the agreement of at
    least 30 % of the worker-side members (Decree 145 Art. 40(1))."""
    _require(context, REQUEST_DIALOGUE)
    if not _request_side_allowed(context, form.side):
        raise Forbidden
    reason = _text(form.reason, "reason", required=True)
    requested_by = _clean(form.requested_by)
    errors: dict[str, str] = {}
    if not requested_by or len(requested_by) > NAME_LIMIT:
        errors["requested_by"] = _("Say which organisation or group asks.")
    if form.submitted_on > today():
        errors["submitted_on"] = _("This date cannot be in the future.")
    if errors:
        raise Invalid(errors)
    version = await current_list(context.enterprise_id, form.submitted_on)
    if version is None:
        raise Invalid(_("Publish the list of dialogue members first."))
    supporters: list[int] = []
    if form.side == RequestSide.WORKERS:
        workers = [
            m
            for m in await active_members(version.id, form.submitted_on)
            if m.side != Side.EMPLOYER
        ]
        ids = {m.id for m in workers}
        supporters = sorted(set(form.supporters))
        if set(supporters) - ids:
            raise Invalid({"supporters": _("Tick only worker-side members of the current list.")})
        if not rules.request_supported(len(supporters), len(workers)):
            raise Invalid(
                {
                    "supporters": _(
                        "A worker-side request needs the agreement of worker-side members, at "
                        "least 30%, here {needed} of {total}; {count} ticked (Decree 145 Art. "
                        "40(1))."
                    ).format(
                        needed=rules.request_smallest(len(workers)),
                        total=len(workers),
                        count=len(supporters),
                    )
                }
            )
    async with write_transaction():
        request = DialogueRequest(
            enterprise=context.enterprise_id,
            side=form.side,
            member_list=version.id,
            requested_by=requested_by,
            reason=reason,
            submitted_on=form.submitted_on,
            reply_due_on=rules.reply_due(form.submitted_on, _saturday(context)),
            created_by=context.actor.id,
        )
        await request.save()
        for member_id in supporters:
            await RequestSupporter(request=request.id, member=member_id).save()
        await audit.record(
            context.actor,
            "dialogue.requested",
            "dialogue_request",
            request.id,
            context.enterprise_id,
            side=form.side.value,
            supporters=len(supporters),
        )
    return request.id


async def list_requests(context: EnterpriseContext, page: int = 1) -> Page:
    _require(context, VIEW_DIALOGUE)
    clause = DialogueRequest.enterprise == context.enterprise_id
    total = await DialogueRequest.count().where(clause)
    pages = max(1, -(-total // PER_PAGE))
    page = max(1, min(page, pages))
    rows = (
        await DialogueRequest.select()
        .where(clause)
        .order_by(DialogueRequest.submitted_on, ascending=False)
        .order_by(DialogueRequest.id, ascending=False)
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    )
    on = today()
    for row in rows:
        row["late"] = rules.is_late(row["replied_on"], row["reply_due_on"], on)
    return Page(rows=rows, total=total, page=page, per_page=PER_PAGE)


async def get_request(context: EnterpriseContext, request_id: int) -> dict:
    _require(context, VIEW_DIALOGUE)
    request = await get_owned(context, DialogueRequest, request_id)
    row = (await DialogueRequest.select().where(DialogueRequest.id == request.id))[0]
    row["late"] = rules.is_late(row["replied_on"], row["reply_due_on"], today())
    supporter_ids = [
        r["member"]
        for r in await RequestSupporter.select(RequestSupporter.member).where(
            RequestSupporter.request == request.id
        )
    ]
    members = await active_members(request.member_list, request.submitted_on)
    row["supporters"] = [m for m in members if m.id in supporter_ids]
    row["worker_members"] = sum(1 for m in members if m.side != Side.EMPLOYER)
    row["can_answer"] = reply_side_allowed(context, RequestSide(row["side"])) and context.can(
        REQUEST_DIALOGUE
    )
    return row


async def answer_request(context: EnterpriseContext, request_id: int, form: ReplyForm) -> int:
    """The other side's written reply agreeing time and place (Art. 40(2)); the dialogue is
    scheduled at that time. The reply letter is drafted from it (dialogue.documents)."""
    _require(context, REQUEST_DIALOGUE)
    request = await get_owned(context, DialogueRequest, request_id)
    if not reply_side_allowed(context, RequestSide(request.side)):
        raise Forbidden
    if request.replied_on is not None:
        raise Conflict(_("This request has already been answered."))
    errors: dict[str, str] = {}
    if form.replied_on > today():
        errors["replied_on"] = _("This date cannot be in the future.")
    elif form.replied_on < request.submitted_on:
        errors["replied_on"] = _("The reply cannot come before the request.")
    if _local_date(form.reply_at) < form.replied_on:
        errors["reply_at"] = _("The dialogue cannot take place before the reply.")
    text = _text(form.reply_text, "reply_text", required=True)
    place = _clean(form.reply_place)
    if not place or len(place) > NAME_LIMIT:
        errors["reply_place"] = _("Say where the dialogue takes place.")
    if errors:
        raise Invalid(errors)
    async with write_transaction():
        await DialogueRequest.update(
            {
                DialogueRequest.replied_on: form.replied_on,
                DialogueRequest.reply_text: text,
                DialogueRequest.reply_at: form.reply_at,
                DialogueRequest.reply_place: place,
            }
        ).where(DialogueRequest.id == request.id)
        dialogue_id = await create_dialogue(
            context,
            DialogueForm(
                kind=DialogueKind.REQUESTED,
                title=_("Dialogue requested by {who}").format(who=request.requested_by),
                scheduled_at=form.reply_at,
                place=place,
            ),
            request_id=request.id,
        )
        await audit.record(
            context.actor,
            "dialogue.request_answered",
            "dialogue_request",
            request.id,
            context.enterprise_id,
        )
    return dialogue_id


# The overview -----------------------------------------------------------------------------------


async def overview(context: EnterpriseContext) -> dict:
    """The dialogue home page: the regulation's plan, the list in force, what is late."""
    _require(context, VIEW_DIALOGUE)
    on = today()
    settings = await settings_for(context.enterprise_id)
    version = await current_list(context.enterprise_id)
    workforce = (await enterprises.workforce(context.enterprise_id)).count
    check = (
        composition(await active_members(version.id), workforce, version.workforce)
        if version
        else None
    )
    seats = max(check.worker_side if check else 0, rules.worker_side_minimum(workforce))
    last = await last_periodic(context.enterprise_id)
    pending = (
        await DialogueRequest.select()
        .where(DialogueRequest.enterprise == context.enterprise_id)
        .where(DialogueRequest.replied_on.is_null())
        .order_by(DialogueRequest.reply_due_on)
    )
    return {
        "settings": settings,
        "plan": await planned_periodic(context, on.year),
        "version": version,
        "renewal_due": rules.list_renewal_due(version.valid_from) if version else None,
        "check": check,
        "last_periodic": last,
        "periodic_in_time": rules.periodic_held_in_time(last, on),
        "pending_requests": pending,
        "split": await seat_split(context, seats, workforce),
        "today": on,
    }


async def seat_split(context: EnterpriseContext, seats: int, workforce: int) -> dict:
    """Worker-side seats in proportion to members (Decree 145 Art. 38(2)(b)): the roster's
    union members for the representative organisation, the other workers for the dialogue
    group."""
    members = await organisation_members(context)
    split = rules.seat_split(seats, {"organisation": members, "group": workforce - members})
    return {"seats": seats, "members": members, "others": workforce - members, **split}


async def organisation_members(context: EnterpriseContext) -> int:
    """The roster's active union members, counted for the representative organisation (none
    where the enterprise has no representative organisation)."""
    if context.enterprise.representation == Representation.NONE:
        return 0
    return await Worker.count().where(
        enterprises.active_workers(context.enterprise_id, today()) & Worker.union_member.eq(True)
    )


async def last_periodic(enterprise_id: int) -> dt.date | None:
    row = (
        await Dialogue.select(Dialogue.held_on)
        .where(Dialogue.enterprise == enterprise_id)
        .where(Dialogue.kind == DialogueKind.PERIODIC.value)
        .where(Dialogue.held_on.is_not_null())
        .order_by(Dialogue.held_on, ascending=False)
        .first()
    )
    return row["held_on"] if row else None
