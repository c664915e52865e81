"""The election of the workers' dialogue group (Nhóm đại diện đối thoại của người lao động)
through the voting engine (Decree 145 Art. 37(1): the workers who are in no representative
organisation choose their dialogue group): the draft vote, its result, the elected put on the
draft list.
"""

from __future__ import annotations

from labour_democracy.core import audit
from labour_democracy.core.errors import Conflict, Invalid
from labour_democracy.core.scope import EnterpriseContext, get_owned
from labour_democracy.db import write_transaction
from labour_democracy.dialogue import inputs, queries
from labour_democracy.dialogue.permissions import MANAGE_MEMBERS
from labour_democracy.dialogue.schemas import GroupElectionForm
from labour_democracy.dialogue.tables import Member, MemberList, MemberListStatus, Side
from labour_democracy.i18n import format_date, language
from labour_democracy.i18n import gettext as _
from labour_democracy.voting import rules as voting_rules
from labour_democracy.voting import services as voting
from labour_democracy.voting import tally
from labour_democracy.voting.schemas import BallotForm, QuestionForm
from labour_democracy.voting.tables import BallotStatus, ElectorateKind, QuestionKind

# The voting engine's `purpose` of these ballots, telling them from consultations.
ELECTION_PURPOSE = "dialogue_group"
# Decree 145/2020/NĐ-CP, Art. 37(1): the workers who are not members of a representative
# organisation elect the group; that electorate is the default (issue 12, point 1).
GROUP_ELECTORATES = (
    ElectorateKind.NON_MEMBERS,
    ElectorateKind.ALL_WORKERS,
    ElectorateKind.ORG_UNIT,
)


async def create_group_election(
    context: EnterpriseContext, member_list_id: int, form: GroupElectionForm
) -> int:
    """A draft vote in the voting engine electing `seats` of the candidates to the workers'
    dialogue group of a draft list; elected with more than half of the valid ballots
    (voting.rules.ELECTION_MAJORITY) at the least. Codes, opening and closing are the vote's
    own pages. Returns the ballot's id."""
    inputs.require(context, MANAGE_MEMBERS)
    if form.electorate_kind not in GROUP_ELECTORATES:
        raise Invalid(
            {
                "electorate_kind": _(
                    "Choose the workers who are not union members, all workers or one part of "
                    "the company."
                )
            }
        )
    async with write_transaction():
        version = await get_owned(context, MemberList, member_list_id)
        if version.status != MemberListStatus.DRAFT:
            raise Conflict(_("The group is elected for a draft list; start a new version."))
        if version.election_ballot is not None:
            raise Conflict(_("This list already has its election."))
        # The ballot's texts are what its slips print and its sealed result keeps; the voting
        # engine stores them as printed, so they are written once in the documents' language,
        # Vietnamese, whatever the organiser's interface.
        with language("vi"):
            title = _("Election of the workers' dialogue group (list from {date})").format(
                date=format_date(version.valid_from)
            )
            question = _("Members of the workers' dialogue group")
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
                    text=question,
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
    inputs.require(context, MANAGE_MEMBERS)
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
        members = await queries.list_members(version.id)
        present = {m.full_name.casefold() for m in members if m.side == Side.DIALOGUE_GROUP.value}
        added = [name for name in election["elected"] if name.casefold() not in present]
        if not added:
            raise Conflict(_("The elected are already on the list."))
        for offset, name in enumerate(added, start=1):
            await Member(
                member_list=version.id,
                side=Side.DIALOGUE_GROUP,
                full_name=name[: inputs.NAME_LIMIT],
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
