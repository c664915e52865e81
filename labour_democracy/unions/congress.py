"""The founding congress (đại hội thành lập công đoàn cơ sở): its plan and candidates, the
attendance of the accepted applicants, the election of the executive and inspection committees
through the voting engine (Vietnamese strike-out ballots, counted by tellers); the committees'
first meetings then elect their officers (officers.py)."""

from __future__ import annotations

from labour_democracy.core import audit
from labour_democracy.core.errors import Conflict, Invalid
from labour_democracy.core.names import sort_people
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.db import write_transaction
from labour_democracy.i18n import gettext as _
from labour_democracy.i18n import language, today
from labour_democracy.unions import rules
from labour_democracy.unions.founding import founders, require, union_in_scope
from labour_democracy.unions.permissions import RUN_FOUNDING
from labour_democracy.unions.schemas import AttendanceForm, CongressForm
from labour_democracy.unions.tables import (
    ApplicationStatus,
    Body,
    CommitteeMember,
    GrassrootsUnion,
    Office,
    UnionApplication,
    UnionStatus,
)
from labour_democracy.voting import rules as voting_rules
from labour_democracy.voting import services as voting
from labour_democracy.voting import tally
from labour_democracy.voting.schemas import BallotForm, QuestionForm
from labour_democracy.voting.tables import (
    BallotStatus,
    Channels,
    ElectionMethod,
    ElectorateKind,
    Option,
    QuestionKind,
)

# The voting engine's `purpose` of the founding congress's election.
ELECTION_PURPOSE = "union_congress"


def election_rule(union: GrassrootsUnion) -> voting_rules.Rule:
    """The union's election rule as the setting stored with it (issue 12, point 10)."""
    return voting_rules.Rule.decode(union.election_rule, rules.UNION_ELECTION_MAJORITY.source)


def _candidates(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


async def plan_congress(context: EnterpriseContext, form: CongressForm) -> None:
    """Fix the congress's date, place, seats and candidates. Refused while fewer eligible
    founders than the minimum were accepted (law.md §4.2)."""
    require(context, RUN_FOUNDING)
    union = await union_in_scope(context)
    if union.status != UnionStatus.CAMPAIGN or union.election_ballot is not None:
        raise Conflict(_("The congress's election is prepared: its plan no longer changes."))
    errors: dict[str, str] = {}
    accepted = await founders(union.id)
    minimum = int(rules.FOUNDING_MINIMUM.value)
    if not rules.founders_enough(accepted, minimum):
        errors[""] = _(
            "A founding congress needs at least {minimum} eligible founders; {n} accepted so "
            "far ({source})."
        ).format(minimum=minimum, n=accepted, source=_(rules.FOUNDING_MINIMUM.source))
    place = " ".join(form.place.split())
    if not place or len(place) > 300:
        errors["place"] = _("Give the place (at most 300 characters).")
    if form.congress_on < union.campaign_formed_on:
        errors["congress_on"] = _("The congress comes after the campaign committee was formed.")
    for field, seats, text in (
        ("executive", form.executive_seats, form.executive_candidates),
        ("inspection", form.inspection_seats, form.inspection_candidates),
    ):
        names = _candidates(text)
        if not 1 <= seats <= 50:
            errors[f"{field}_seats"] = _("Give a number of seats from 1 to 50.")
        elif len(names) < seats:
            errors[f"{field}_candidates"] = _(
                "Name at least as many candidates as seats ({seats}), one a line."
            ).format(seats=seats)
        elif len({n.casefold() for n in names}) != len(names):
            errors[f"{field}_candidates"] = _("A candidate is named twice.")
    if errors:
        raise Invalid(errors)
    async with write_transaction():
        await GrassrootsUnion.update(
            {
                GrassrootsUnion.congress_on: form.congress_on,
                GrassrootsUnion.congress_place: place,
                GrassrootsUnion.executive_seats: form.executive_seats,
                GrassrootsUnion.inspection_seats: form.inspection_seats,
                GrassrootsUnion.executive_candidates: "\n".join(
                    _candidates(form.executive_candidates)
                ),
                GrassrootsUnion.inspection_candidates: "\n".join(
                    _candidates(form.inspection_candidates)
                ),
            }
        ).where(GrassrootsUnion.id == union.id)
        await audit.record(
            context.actor,
            "union.congress_planned",
            "grassroots_union",
            union.id,
            context.enterprise_id,
            on=form.congress_on.isoformat(),
        )


async def take_attendance(context: EnterpriseContext, form: AttendanceForm) -> int:
    """Mark the accepted applicants present and draw the election: a secret paper ballot of
    those present (a named list), two strike-out questions, the rule the union's setting.
    Returns the ballot's id."""
    require(context, RUN_FOUNDING)
    union = await union_in_scope(context)
    if union.congress_on is None:
        raise Conflict(_("Plan the congress first."))
    if union.election_ballot is not None:
        raise Conflict(_("The election is already drawn; count it on the vote's page."))
    accepted = await UnionApplication.objects().where(
        (UnionApplication.union == union.id)
        & (UnionApplication.status == ApplicationStatus.ACCEPTED)
    )
    by_id = {a.id: a for a in accepted}
    present = [by_id[i] for i in form.present if i in by_id]
    errors: dict[str, str] = {}
    if len(present) != len(set(form.present)):
        errors["present"] = _("Tick only accepted applicants.")
    present_founders = sum(1 for a in present if a.eligibility == rules.Eligibility.FOUNDER)
    minimum = int(rules.FOUNDING_MINIMUM.value)
    if not errors and not rules.founders_enough(present_founders, minimum):
        errors["present"] = _(
            "At least {minimum} founders must be present to found the union; {n} ticked."
        ).format(minimum=minimum, n=present_founders)
    unlinked = [a.full_name for a in present if a.worker is None]
    if not errors and unlinked:
        errors["present"] = _(
            "Match these applicants to the roster (employee code) so they can vote: {names}."
        ).format(names=", ".join(unlinked))
    if errors:
        raise Invalid(errors)
    executive, inspection = union.executive_candidates, union.inspection_candidates
    with language("vi"):
        title = f"Bầu cử tại Đại hội thành lập {union.name}"
    async with write_transaction():
        await UnionApplication.update({UnionApplication.present_at_congress: False}).where(
            UnionApplication.union == union.id
        )
        await UnionApplication.update({UnionApplication.present_at_congress: True}).where(
            UnionApplication.id.is_in([a.id for a in present])
        )
        ballot_id = await voting.create_ballot(
            context,
            BallotForm(
                title=title,
                electorate_kind=ElectorateKind.NAMED_LIST,
                channels=Channels.PAPER,
            ),
            purpose=ELECTION_PURPOSE,
        )
        await voting.set_named_list(context, ballot_id, [a.worker for a in present])
        rule = election_rule(union)
        for text, seats, names in (
            ("Bầu Ban Chấp hành công đoàn cơ sở", union.executive_seats, executive),
            ("Bầu Ủy ban Kiểm tra công đoàn cơ sở", union.inspection_seats, inspection),
        ):
            try:
                await voting.add_question(
                    context,
                    ballot_id,
                    QuestionForm(
                        kind=QuestionKind.ELECTION,
                        text=text,
                        options="\n".join(_candidates(names)),
                        seats=seats,
                        method=ElectionMethod.STRIKE,
                        rule_base=rule.base,
                        rule_comparator=rule.comparator,
                        rule_numerator=rule.numerator,
                        rule_denominator=rule.denominator,
                    ),
                    rule_minimum=rule,
                )
            except Invalid as error:
                raise Invalid({"": "; ".join(error.errors.values())}) from None
        await GrassrootsUnion.update({GrassrootsUnion.election_ballot: ballot_id}).where(
            GrassrootsUnion.id == union.id
        )
        await audit.record(
            context.actor,
            "union.attendance_taken",
            "grassroots_union",
            union.id,
            context.enterprise_id,
            present=len(present),
            ballot=ballot_id,
        )
    return ballot_id


async def election_view(context: EnterpriseContext, union: GrassrootsUnion) -> dict | None:
    """The election's ballot and, once counted, who was elected to each committee."""
    if union.election_ballot is None:
        return None
    ballot = await voting.get_ballot(context, union.election_ballot)
    view: dict = {"ballot": ballot, "executive": [], "inspection": [], "tied": [], "options": {}}
    if ballot.status == BallotStatus.CLOSED and ballot.result:
        result = tally.unseal(ballot.result)
        for key, question in zip(("executive", "inspection"), result.questions, strict=False):
            labels = {option.id: option.label for option in question.options}
            view[key] = [labels[i] for i in question.elected]
            view["options"][key] = list(question.elected)
            view["tied"] += [labels[i] for i in question.tied]
    return view


async def record_election(context: EnterpriseContext) -> int:
    """Put the elected on the committees once the vote is counted; returns how many."""
    require(context, RUN_FOUNDING)
    union = await union_in_scope(context)
    view = await election_view(context, union)
    if view is None or view["ballot"].status != BallotStatus.CLOSED:
        raise Conflict(_("Count and close the congress's vote first."))
    if await CommitteeMember.exists().where(CommitteeMember.union == union.id):
        raise Conflict(_("The elected are already recorded."))
    if not view["executive"]:
        raise Conflict(_("Nobody was elected to the executive committee; hold another round."))
    elected_on = union.congress_on or today()
    # Each elected option's roster worker, so the committee's electors are never guessed
    # from a name (two workers may share one).
    workers = {
        o["id"]: o["worker"]
        for o in await Option.select(Option.id, Option.worker).where(
            Option.ballot == union.election_ballot
        )
    }
    rows = [
        CommitteeMember(
            union=union.id,
            body=body,
            full_name=name,
            worker=workers.get(option_id),
            elected_on=elected_on,
        )
        for body, key in ((Body.EXECUTIVE, "executive"), (Body.INSPECTION, "inspection"))
        for name, option_id in zip(view[key], view["options"].get(key, []), strict=True)
    ]
    async with write_transaction():
        await CommitteeMember.insert(*rows)
        await GrassrootsUnion.update({GrassrootsUnion.status: UnionStatus.CONGRESS}).where(
            GrassrootsUnion.id == union.id
        )
        await audit.record(
            context.actor,
            "union.committees_elected",
            "grassroots_union",
            union.id,
            context.enterprise_id,
            elected=len(rows),
        )
    return len(rows)


_OFFICE_ORDER = {Office.CHAIR: 0, Office.VICE_CHAIR: 1, Office.MEMBER: 2}


async def committee(union_id: int) -> list[CommitteeMember]:
    """The elected: the executive committee, then the inspection committee; in each, the chair
    and vice-chair first, then the members in name order."""
    return in_committee_order(
        await CommitteeMember.objects().where(CommitteeMember.union == union_id)
    )


def in_committee_order(members: list[CommitteeMember]) -> list[CommitteeMember]:
    """By committee, the chair and vice-chair first, then the members in name order."""
    return sorted(
        sort_people(members, name=lambda member: member.full_name),
        key=lambda member: (member.body, _OFFICE_ORDER.get(Office(member.office), 2)),
    )


async def chair_name(union_id: int) -> str:
    row = (
        await CommitteeMember.select(CommitteeMember.full_name)
        .where(
            (CommitteeMember.union == union_id)
            & (CommitteeMember.body == Body.EXECUTIVE)
            & (CommitteeMember.office == Office.CHAIR)
        )
        .first()
    )
    return row["full_name"] if row else ""


async def union_chair(enterprise_id: int) -> str:
    """The chair of the enterprise's recognised union, or "" (a conference's default co-chair)."""
    union = (
        await GrassrootsUnion.select(GrassrootsUnion.id)
        .where(
            (GrassrootsUnion.enterprise == enterprise_id)
            & (GrassrootsUnion.status == UnionStatus.RECOGNISED)
        )
        .order_by(GrassrootsUnion.id, ascending=False)
        .first()
    )
    return await chair_name(union["id"]) if union else ""
