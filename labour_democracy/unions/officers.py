"""The committees' first meetings (phiên họp thứ nhất): once the founding congress's election is
recorded, the executive committee (Ban Chấp hành) elects its chair and vice-chairs from among
its members, and the inspection committee (Ủy ban Kiểm tra) its chair (Chủ nhiệm), by their
own members only.

Each office is voted in rounds through the voting engine: a secret strike-out paper ballot
whose electorate is the committee's members, counted by tellers, the majority the upper-level
union's setting (`rules.OFFICER_MAJORITY`). A tie or no majority leaves the office open and a
new round is held, each round kept with its vote-count minutes. When every office of a
committee is filled its meeting's minutes are issued; when both meetings are done, the
congress's minutes, so the dossier for recognition carries the election's whole result.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from labour_democracy.core import audit
from labour_democracy.core import rules as core_rules
from labour_democracy.core.errors import Conflict, Invalid
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.db import write_transaction
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.i18n import N_, language, today
from labour_democracy.i18n import gettext as _
from labour_democracy.unions import documents, officer_documents, rules
from labour_democracy.unions.congress import committee, in_committee_order
from labour_democracy.unions.founding import require, union_in_scope
from labour_democracy.unions.permissions import RUN_FOUNDING
from labour_democracy.unions.schemas import MeetingForm, RoundForm, RoundResultForm
from labour_democracy.unions.tables import (
    ApplicationStatus,
    Body,
    CommitteeMeeting,
    CommitteeMember,
    GrassrootsUnion,
    Office,
    OfficerRound,
    RoundOutcome,
    UnionApplication,
    UnionStatus,
)
from labour_democracy.voting import services as voting
from labour_democracy.voting import tally
from labour_democracy.voting.schemas import BallotForm, QuestionForm
from labour_democracy.voting.tables import (
    Ballot,
    BallotStatus,
    Channels,
    ElectionMethod,
    Elector,
    ElectorateKind,
    Option,
    Question,
    QuestionKind,
)

# The voting engine's `purpose` of a first meeting's rounds (the manifest maps it to the union).
PURPOSE = "union_officers"
# Those entitled to vote in them (the manifest's `ballot_electorates`): the executive committee.
COMMITTEE = N_("of the committee's members")
# What the documents print for each office, and what each round's ballot asks.
_TITLES = {
    (Body.EXECUTIVE, Office.CHAIR): "Chủ tịch",
    (Body.EXECUTIVE, Office.VICE_CHAIR): "Phó Chủ tịch",
    (Body.EXECUTIVE, Office.MEMBER): "Ủy viên Ban Chấp hành",
    (Body.INSPECTION, Office.CHAIR): "Chủ nhiệm Ủy ban Kiểm tra",
    (Body.INSPECTION, Office.MEMBER): "Ủy viên Ủy ban Kiểm tra",
}
_QUESTIONS = {
    (Body.EXECUTIVE, Office.CHAIR): "Bầu Chủ tịch công đoàn cơ sở",
    (Body.EXECUTIVE, Office.VICE_CHAIR): "Bầu Phó Chủ tịch công đoàn cơ sở",
    (Body.INSPECTION, Office.CHAIR): "Bầu Chủ nhiệm Ủy ban Kiểm tra công đoàn cơ sở",
}


def office_title(body: str, office: str) -> str:
    """An office as the documents print it: "Phó Chủ tịch", "Chủ nhiệm Ủy ban Kiểm tra"."""
    return _TITLES.get((Body(body), Office(office)), _TITLES[(Body(body), Office.MEMBER)])


def open_offices(meeting: CommitteeMeeting, members: list[CommitteeMember]) -> dict[str, int]:
    """The offices the meeting still has to fill, with their open seats, chair first."""
    held = [m.office for m in members]
    offices: dict[str, int] = {}
    if Office.CHAIR.value not in held:
        offices[Office.CHAIR.value] = 1
    vice = meeting.vice_chair_seats - held.count(Office.VICE_CHAIR.value)
    if meeting.body == Body.EXECUTIVE.value and vice > 0:
        offices[Office.VICE_CHAIR.value] = vice
    return offices


def outcome_of(open_seats: int, tied: bool) -> RoundOutcome:
    """A counted round: every seat filled, a tie for the last one, or a seat nobody won."""
    if open_seats == 0:
        return RoundOutcome.ELECTED
    return RoundOutcome.TIED if tied else RoundOutcome.NO_MAJORITY


@dataclass
class RoundView:
    row: OfficerRound
    ballot: Ballot
    elected: list[str] = field(default_factory=list)
    tied: list[str] = field(default_factory=list)
    minutes: dict | None = None  # the vote-count minutes: id and reference


@dataclass
class MeetingView:
    body: str
    members: list[CommitteeMember]
    meeting: CommitteeMeeting | None = None
    rounds: list[RoundView] = field(default_factory=list)
    offices: dict[str, int] = field(default_factory=dict)
    minutes: dict | None = None

    @property
    def pending(self) -> RoundView | None:
        return next((r for r in self.rounds if r.row.outcome == RoundOutcome.PENDING), None)

    @property
    def eligible(self) -> list[CommitteeMember]:
        """Members who may stand: those holding no office yet."""
        return [m for m in self.members if m.office == Office.MEMBER.value]

    @property
    def candidate_options(self) -> list[tuple[int, str, str]]:
        return [(m.id, m.full_name, "") for m in self.eligible]

    @property
    def suggested(self) -> list[int]:
        """The candidates tied in the last round: the next round's default."""
        if not self.rounds or not self.rounds[-1].tied:
            return []
        tied = set(self.rounds[-1].tied)
        return [m.id for m in self.eligible if m.full_name in tied]


async def _meeting(union_id: int, body: str) -> CommitteeMeeting | None:
    return (
        await CommitteeMeeting.objects()
        .where((CommitteeMeeting.union == union_id) & (CommitteeMeeting.body == body))
        .first()
    )


async def _references(ids: list[int]) -> dict[int, str]:
    rows = await IssuedDocument.select(IssuedDocument.id, IssuedDocument.reference).where(
        IssuedDocument.id.is_in(ids or [-1])
    )
    return {r["id"]: r["reference"] for r in rows}


async def _round_views(meeting: CommitteeMeeting) -> list[RoundView]:
    rows = (
        await OfficerRound.objects()
        .where(OfficerRound.meeting == meeting.id)
        .order_by(OfficerRound.number)
    )
    ballots = {
        b.id: b
        for b in await Ballot.objects().where(Ballot.id.is_in([r.ballot for r in rows] or [-1]))
    }
    references = await _references([b.minutes for b in ballots.values() if b.minutes])
    views = []
    for row in rows:
        ballot = ballots[row.ballot]
        view = RoundView(row, ballot)
        if ballot.minutes:
            view.minutes = {"id": ballot.minutes, "reference": references.get(ballot.minutes)}
        questions = tally.unseal(ballot.result).questions if ballot.result else []
        if ballot.status == BallotStatus.CLOSED and questions:
            labels = {o.id: o.label for o in questions[0].options}
            view.elected = [labels[i] for i in questions[0].elected]
            view.tied = [labels[i] for i in questions[0].tied]
        views.append(view)
    return views


async def meeting_views(union: GrassrootsUnion) -> list[MeetingView]:
    """The executive committee's meeting, and the inspection committee's if it has members."""
    members = await committee(union.id)
    views = []
    for body in Body:
        own = [m for m in members if m.body == body.value]
        if not own and body is Body.INSPECTION:
            continue
        view = MeetingView(body.value, own)
        view.meeting = await _meeting(union.id, body.value)
        if view.meeting is not None:
            view.rounds = await _round_views(view.meeting)
            view.offices = open_offices(view.meeting, own)
            if view.meeting.minutes:
                references = await _references([view.meeting.minutes])
                view.minutes = {
                    "id": view.meeting.minutes,
                    "reference": references.get(view.meeting.minutes),
                }
        views.append(view)
    return views


async def _electors(union: GrassrootsUnion, members: list[CommitteeMember]) -> dict[int, int]:
    """The roster worker of each committee member, by the member's id: the one the congress
    ballot's option named when the result was recorded; for a member whose candidate was
    linked to nobody, the one accepted applicant of that name (matched to the roster by the
    campaign committee since). Conflict when a member has none: nobody may vote for them."""
    unlinked = [m for m in members if m.worker is None]
    by_name: dict[str, set[int]] = {}
    if unlinked:
        for applicant in await UnionApplication.select(
            UnionApplication.full_name, UnionApplication.worker
        ).where(
            (UnionApplication.union == union.id)
            & (UnionApplication.status == ApplicationStatus.ACCEPTED)
            & UnionApplication.worker.is_not_null()
        ):
            by_name.setdefault(core_rules.fold(applicant["full_name"]), set()).add(
                applicant["worker"]
            )
    found, missing = {}, []
    for member in members:
        workers = by_name.get(core_rules.fold(member.full_name), set())
        worker = member.worker or (next(iter(workers)) if len(workers) == 1 else None)
        if worker is None:
            missing.append(member.full_name)
        else:
            found[member.id] = worker
    if missing:
        raise Conflict(
            _(
                "These committee members are matched to no worker of the roster, so the "
                "committee cannot vote: {names}. Match their applications by employee code."
            ).format(names=", ".join(missing))
        )
    return found


def _one_line(text: str) -> str:
    return " ".join(text.split())


async def plan_meeting(context: EnterpriseContext, form: MeetingForm) -> None:
    """Record the committee's first meeting: its day, place and (the executive committee) the
    number of vice-chairs it elects. Refused before the congress's election is recorded."""
    require(context, RUN_FOUNDING)
    union = await union_in_scope(context)
    if union.status != UnionStatus.CONGRESS:
        raise Conflict(_("Record the congress's election first."))
    members = [m for m in await committee(union.id) if m.body == form.body.value]
    if not members:
        raise Conflict(_("The congress elected nobody to this committee."))
    if await _meeting(union.id, form.body.value) is not None:
        raise Conflict(_("This committee's first meeting is already recorded."))
    errors: dict[str, str] = {}
    place = _one_line(form.place)
    if not place or len(place) > 300:
        errors["place"] = _("Give the place (at most 300 characters).")
    if union.congress_on is not None and form.met_on < union.congress_on:
        errors["met_on"] = _("The first meeting comes after the congress.")
    elif form.met_on > today():
        errors["met_on"] = _("Record the meeting on the day it is held, not before.")
    if form.body is Body.INSPECTION and form.vice_chair_seats:
        errors["vice_chair_seats"] = _("The inspection committee elects only its chair.")
    elif not rules.vice_chair_seats_valid(form.vice_chair_seats, len(members)):
        errors["vice_chair_seats"] = _(
            "Give from 0 to {n} vice-chairs (the members other than the chair)."
        ).format(n=len(members) - 1)
    if errors:
        raise Invalid(errors)
    await _electors(union, members)  # a member nobody can match: refused before any vote
    async with write_transaction():
        meeting = CommitteeMeeting(
            union=union.id,
            body=form.body,
            met_on=form.met_on,
            place=place,
            vice_chair_seats=form.vice_chair_seats,
        )
        await meeting.save()
        await audit.record(
            context.actor,
            "union.first_meeting_planned",
            "grassroots_union",
            union.id,
            context.enterprise_id,
            body=form.body.value,
            on=form.met_on.isoformat(),
        )


async def start_round(context: EnterpriseContext, form: RoundForm) -> int:
    """Draw a round for one office: a secret strike-out paper ballot whose electorate is the
    committee's members and whose candidates are members holding no office. Refused: a
    candidate not on the committee, a second chair, a round while another waits for its
    result. Returns the ballot's id."""
    require(context, RUN_FOUNDING)
    union = await union_in_scope(context)
    if union.status != UnionStatus.CONGRESS:
        raise Conflict(_("Record the congress's election first."))
    meeting = await _meeting(union.id, form.body.value)
    if meeting is None:
        raise Conflict(_("Record the committee's first meeting first."))
    members = [m for m in await committee(union.id) if m.body == form.body.value]
    rounds = await _round_views(meeting)
    if any(r.row.outcome == RoundOutcome.PENDING for r in rounds):
        raise Conflict(_("Record the result of the round under way first."))
    offices = open_offices(meeting, members)
    if not offices:
        raise Conflict(_("Every office of this committee is filled."))
    errors: dict[str, str] = {}
    if form.office is Office.CHAIR and Office.CHAIR.value not in offices:
        errors["office"] = _("The committee already has its chair; it elects no second chair.")
    elif form.office.value not in offices:
        errors["office"] = _("This committee has no such office left to fill.")
    seats = offices.get(form.office.value, 1)
    ids = {m.id: m for m in members}
    chosen = list(dict.fromkeys(form.candidates))
    if any(i not in ids for i in chosen):
        errors["candidates"] = _("Choose the candidates among this committee's members.")
    elif any(ids[i].office != Office.MEMBER.value for i in chosen):
        errors["candidates"] = _("A candidate already holds an office of the committee.")
    elif len(chosen) < seats:
        errors["candidates"] = _("Name at least as many candidates as seats ({seats}).").format(
            seats=seats
        )
    if errors:
        raise Invalid(errors)
    electors = await _electors(union, members)
    number = len(rounds) + 1
    question = _QUESTIONS[(form.body, form.office)]
    body_words = officer_documents.BODY_WORDS[form.body]
    rule = rules.OFFICER_MAJORITY
    async with write_transaction():
        ballot_id = await voting.create_ballot(
            context,
            BallotForm(
                title=f"Phiên họp thứ nhất {body_words}: {question}, vòng {number}",
                electorate_kind=ElectorateKind.NAMED_LIST,
                channels=Channels.PAPER,
            ),
            purpose=PURPOSE,
        )
        await voting.set_named_list(context, ballot_id, list(electors.values()))
        await voting.add_question(
            context,
            ballot_id,
            QuestionForm(
                kind=QuestionKind.ELECTION,
                text=question,
                options="\n".join(ids[i].full_name for i in chosen),
                seats=seats,
                method=ElectionMethod.STRIKE,
                rule_base=rule.base,
                rule_comparator=rule.comparator,
                rule_numerator=rule.numerator,
                rule_denominator=rule.denominator,
            ),
            rule_minimum=rule,
        )
        await OfficerRound.insert(
            OfficerRound(
                meeting=meeting.id,
                number=number,
                office=form.office,
                seats=seats,
                ballot=ballot_id,
            )
        )
        await audit.record(
            context.actor,
            "union.officer_round_drawn",
            "grassroots_union",
            union.id,
            context.enterprise_id,
            body=form.body.value,
            office=form.office.value,
            round=number,
            ballot=ballot_id,
        )
    return ballot_id


async def _set_up_problem(
    row: OfficerRound, members: list[CommitteeMember], electors: dict[int, int]
) -> str:
    """Why a counted round cannot stand, or "": the ballot's electorate, candidates, seats and
    rule must still be those the round was drawn with (the vote's own pages could change a
    draft)."""
    voters = await Elector.select(Elector.worker).where(Elector.ballot == row.ballot)
    if {v["worker"] for v in voters} != set(electors.values()):
        return _(
            "Only the committee's members vote at its first meeting, and this round's "
            "electorate was changed: the round is void; hold a new round."
        )
    questions = await Question.objects().where(Question.ballot == row.ballot)
    options = await Option.select(Option.label).where(Option.ballot == row.ballot)
    eligible = {m.full_name for m in members if m.office == Office.MEMBER.value}
    if (
        len(questions) != 1
        or questions[0].kind != QuestionKind.ELECTION.value
        or questions[0].seats != row.seats
        or not voting.rule_of(questions[0]).is_at_least_as_strict_as(rules.OFFICER_MAJORITY)
        or not {o["label"] for o in options} <= eligible
    ):
        return _(
            "Only members of the committee without an office stand, for the round's office "
            "and by its rule, and this round's ballot was changed: the round is void; hold a "
            "new round."
        )
    return ""


async def record_round(context: EnterpriseContext, form: RoundResultForm) -> str:
    """Take a counted round's result: the elected take their office; a tie or no majority
    leaves it open for a new round. The last office filled issues the meeting's minutes, and
    the last meeting the congress's minutes. Returns the round's outcome."""
    require(context, RUN_FOUNDING)
    union = await union_in_scope(context)
    if union.status != UnionStatus.CONGRESS:
        raise Conflict(_("Record the congress's election first."))
    meeting = await _meeting(union.id, form.body.value)
    rounds = await _round_views(meeting) if meeting is not None else []
    current = next((r for r in rounds if r.row.outcome == RoundOutcome.PENDING), None)
    if meeting is None or current is None:
        raise Conflict(_("No round is waiting for its result."))
    if current.ballot.status != BallotStatus.CLOSED:
        raise Conflict(_("Count and close the round's vote first."))
    members = [m for m in await committee(union.id) if m.body == form.body.value]
    problem = await _set_up_problem(current.row, members, await _electors(union, members))
    by_name = {m.full_name: m for m in members}
    chair_taken = any(m.office == Office.CHAIR.value for m in members)
    if not problem and current.row.office == Office.CHAIR.value and chair_taken:
        problem = _("The committee already has its chair; it elects no second chair.")
    outcome = RoundOutcome.VOID
    if not problem:
        question = tally.unseal(current.ballot.result).questions[0]
        outcome = outcome_of(question.open_seats, bool(question.tied))
    async with write_transaction():
        if not problem:
            for name in current.elected:
                await CommitteeMember.update({CommitteeMember.office: current.row.office}).where(
                    CommitteeMember.id == by_name[name].id
                )
                by_name[name].office = current.row.office
        await OfficerRound.update({OfficerRound.outcome: outcome}).where(
            OfficerRound.id == current.row.id
        )
        current.row.outcome = outcome.value
        await audit.record(
            context.actor,
            "union.officer_round_recorded",
            "grassroots_union",
            union.id,
            context.enterprise_id,
            body=form.body.value,
            round=current.row.number,
            outcome=outcome.value,
        )
        if not problem:
            await _close_meeting_when_filled(context, union, meeting, members, rounds)
    if problem:
        raise Conflict(problem)
    return outcome.value


async def _close_meeting_when_filled(
    context: EnterpriseContext,
    union: GrassrootsUnion,
    meeting: CommitteeMeeting,
    members: list[CommitteeMember],
    rounds: list[RoundView],
) -> None:
    """The meeting's minutes once its offices are filled: `members` and `rounds` as the round
    just recorded left them."""
    if open_offices(meeting, members):
        return
    members = in_committee_order(members)
    minutes = await officer_documents.issue_meeting_minutes(
        context,
        union,
        meeting,
        members=[(m.full_name, office_title(m.body, m.office)) for m in members],
        rounds=[
            {
                "number": r.row.number,
                "office": office_title(meeting.body, r.row.office),
                "outcome": officer_documents.outcome_words(r.row.outcome, r.elected, r.tied),
                "minutes": (r.minutes or {}).get("reference") or "",
            }
            for r in rounds
        ],
        signer=next(m.full_name for m in members if m.office == Office.CHAIR.value),
    )
    await CommitteeMeeting.update({CommitteeMeeting.minutes: minutes.id}).where(
        CommitteeMeeting.id == meeting.id
    )
    meeting.minutes = minutes.id
    views = await meeting_views(union)
    if all(v.meeting is not None and v.meeting.minutes for v in views):
        await _issue_congress_minutes(context, union)


async def _issue_congress_minutes(context: EnterpriseContext, union: GrassrootsUnion) -> None:
    """The congress's minutes, with the officers its committees elected."""
    elected = await committee(union.id)
    ballot = await Ballot.select(Ballot.minutes).where(Ballot.id == union.election_ballot).first()
    references = await _references([ballot["minutes"]] if ballot and ballot["minutes"] else [])
    present = await UnionApplication.count().where(
        (UnionApplication.union == union.id) & UnionApplication.present_at_congress.eq(True)
    )
    accepted = await UnionApplication.count().where(
        (UnionApplication.union == union.id)
        & (UnionApplication.status == ApplicationStatus.ACCEPTED)
    )
    with language("vi"):
        agenda = [_(item) for item in rules.CONGRESS_AGENDA]
    minutes = await documents.issue_congress_minutes(
        context,
        union,
        present=present,
        members=accepted,
        executive=[
            (m.full_name, office_title(m.body, m.office))
            for m in elected
            if m.body == Body.EXECUTIVE.value
        ],
        inspection=[
            (m.full_name, office_title(m.body, m.office))
            for m in elected
            if m.body == Body.INSPECTION.value
        ],
        agenda=agenda,
        ballot_reference=next(iter(references.values()), ""),
        chair=next(
            m.full_name
            for m in elected
            if m.body == Body.EXECUTIVE.value and m.office == Office.CHAIR.value
        ),
    )
    await GrassrootsUnion.update({GrassrootsUnion.congress_minutes: minutes.id}).where(
        GrassrootsUnion.id == union.id
    )
    await audit.record(
        context.actor,
        "union.officers_elected",
        "grassroots_union",
        union.id,
        context.enterprise_id,
        minutes=minutes.reference,
    )


async def document_ids(union_id: int) -> list[int]:
    """The first meetings' minutes and their rounds' vote-count minutes (the union's list)."""
    meetings = await CommitteeMeeting.select(CommitteeMeeting.id, CommitteeMeeting.minutes).where(
        CommitteeMeeting.union == union_id
    )
    ballots = await OfficerRound.select(OfficerRound.ballot.minutes.as_alias("minutes")).where(
        OfficerRound.meeting.is_in([m["id"] for m in meetings] or [-1])
    )
    return [r["minutes"] for r in [*meetings, *ballots] if r["minutes"]]


async def dossier_results(union: GrassrootsUnion) -> list[str]:
    """The first meetings' results as the dossier for recognition states them."""
    lines = []
    for view in await meeting_views(union):
        if view.meeting is None or view.minutes is None:
            continue
        offices = {}
        for member in view.members:
            if member.office != Office.MEMBER.value:
                title = office_title(member.body, member.office)
                offices.setdefault(title, []).append(f"Ông/Bà {member.full_name}")
        held = "; ".join(f"{title}: {', '.join(names)}" for title, names in offices.items())
        lines.append(
            f"Phiên họp thứ nhất của {officer_documents.BODY_WORDS[Body(view.body)]} (biên bản số "
            f"{view.minutes['reference']}) đã bầu {held}."
        )
    return lines
