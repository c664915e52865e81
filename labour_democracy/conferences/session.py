"""The conference in session: opening it, and the votes on its agenda items through the voting
engine (ballot prepared, opened on quorum, show of hands counted, closed)."""

from __future__ import annotations

from labour_democracy.conferences import inspection_board, labels, rules
from labour_democracy.conferences.checkin import count_present
from labour_democracy.conferences.labels import describe
from labour_democracy.conferences.queries import (
    get_conference,
    item_of,
    label,
    pass_rule_of,
    quorum_rule_of,
    require,
)
from labour_democracy.conferences.schemas import (
    HandsForm,
)
from labour_democracy.conferences.tables import (
    AgendaItem,
    AgendaKind,
    Conference,
    ConferenceStatus,
    Delegate,
    VoteMode,
)
from labour_democracy.core import audit
from labour_democracy.core.errors import Conflict, Invalid, NotFound
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.db import write_transaction
from labour_democracy.i18n import format_date, language, today
from labour_democracy.i18n import gettext as _
from labour_democracy.unions import membership
from labour_democracy.voting import services as voting
from labour_democracy.voting.rules import Rule
from labour_democracy.voting.schemas import BallotForm, QuestionForm, TallySheetForm
from labour_democracy.voting.tables import (
    Ballot,
    Channels,
    ElectionMethod,
    ElectorateKind,
    QuestionKind,
    Secrecy,
    TallyKind,
)


async def open_session(context: EnterpriseContext, conference_id: int, reason: str = "") -> None:
    """Open the session. Before the planned date only with the `reason`, which the audit log
    keeps (the minutes print the day it was held and the planned one)."""
    require(context)
    conference = await get_conference(context, conference_id)
    if conference.status != ConferenceStatus.PLANNED:
        raise Conflict(_("The conference is already in session or closed."))
    if not await Delegate.exists().where(Delegate.conference == conference_id):
        raise Conflict(_("Nobody is convened yet: add the delegates first."))
    reason = " ".join(reason.split())[:2_000]
    early = rules.days_early(conference.held_on, today())
    if early and not reason:
        raise Invalid(
            {
                "reason": _(
                    "The conference is planned for {date}, in {days} days. To open it today, "
                    "say why (the reason is recorded); or change its date first."
                ).format(date=format_date(conference.held_on), days=early)
            }
        )
    async with write_transaction():
        await Conference.update(
            {Conference.status: ConferenceStatus.IN_SESSION, Conference.opened_at: voting.now()}
        ).where(Conference.id == conference_id)
        await audit.record(
            context.actor,
            "conference.opened",
            "conference",
            conference_id,
            context.enterprise_id,
            **({"days_early": early, "reason": reason} if early else {}),
        )


# Votes ----------------------------------------------------------------------------------------


def _minimums(conference: Conference) -> tuple[Rule, Rule]:
    return rules.minimums(conference.soe_rules)


async def prepare_vote(context: EnterpriseContext, conference_id: int, item_id: int) -> int:
    """The item's ballot in the voting engine: the convened delegates are the electorate, the
    conference's quorum and passing rule apply, the law's rules are the floor."""
    require(context)
    conference = await get_conference(context, conference_id)
    if conference.status != ConferenceStatus.IN_SESSION:
        raise Conflict(_("Votes are taken while the conference is in session."))
    item = await item_of(conference_id, item_id)
    if item.kind == AgendaKind.INFO:
        raise Conflict(_("Nothing is decided on this item."))
    if item.ballot is not None:
        return item.ballot
    candidates = [c.strip() for c in item.candidates.splitlines() if c.strip()]
    if item.kind == AgendaKind.ELECTION and not candidates:
        raise Conflict(_("List the candidates of the election first."))
    if item.key == inspection_board.KEY:
        errors = await inspection_board.problems(context, conference, item.seats, item.candidates)
        if errors:
            raise Conflict(" ".join(errors.values()))
    quorum, passing = quorum_rule_of(conference), pass_rule_of(conference)
    quorum_minimum, pass_minimum = _minimums(conference)
    show_of_hands = item.vote_mode == VoteMode.SHOW_OF_HANDS
    worker_ids = [
        row["worker"]
        for row in await Delegate.select(Delegate.worker).where(
            Delegate.conference == conference_id
        )
    ]
    if item.key == "dialogue_representatives":
        # Decree 145/2020/NĐ-CP, Art. 37(1): the delegates outside any representative
        # organisation elect the workers' dialogue group.
        worker_ids = await membership.not_members(worker_ids)
    # The voting engine stores text, printed on its slips and results: in Vietnamese, as the
    # conference's documents are, whatever the language of whoever prepares the vote.
    with language("vi"):
        title = labels.item_title(item.key, item.title)
        ballot_title = f"{label(conference)}: {title}"[:300]
    # Each step is the voting engine's own transaction; the item names its ballot last, so a
    # failed step leaves only an unused draft ballot and the next attempt starts afresh.
    ballot_id = await voting.create_ballot(
        context,
        BallotForm(
            title=ballot_title,
            secrecy=Secrecy.SECRET if item.vote_mode == VoteMode.SECRET else Secrecy.NAMED,
            channels=Channels.PAPER if show_of_hands else Channels.BOTH,
            electorate_kind=ElectorateKind.NAMED_LIST,
            quorum_comparator=quorum.comparator,
            quorum_numerator=quorum.numerator,
            quorum_denominator=quorum.denominator,
        ),
        purpose=labels.BALLOT_PURPOSE,
        quorum_minimum=quorum_minimum,
    )
    await voting.add_question(
        context,
        ballot_id,
        QuestionForm(
            kind=QuestionKind.ELECTION if item.kind == AgendaKind.ELECTION else QuestionKind.MOTION,
            text=title,
            options="\n".join(candidates) or None,
            seats=item.seats or 1,
            method=ElectionMethod(item.election_method or ElectionMethod.TICK),
            rule_base=passing.base,
            rule_comparator=passing.comparator,
            rule_numerator=passing.numerator,
            rule_denominator=passing.denominator,
        ),
        rule_minimum=pass_minimum,
    )
    await voting.set_named_list(context, ballot_id, worker_ids)
    await AgendaItem.update({AgendaItem.ballot: ballot_id}).where(AgendaItem.id == item.id)
    return ballot_id


async def open_vote(context: EnterpriseContext, conference_id: int, item_id: int) -> int:
    """Open the item's vote; refused while the quorum is missing."""
    require(context)
    ballot_id = await prepare_vote(context, conference_id, item_id)
    conference = await get_conference(context, conference_id)
    present, expected = await count_present(conference_id)
    quorum = quorum_rule_of(conference)
    if not rules.quorum_met(quorum, present, expected):
        raise Conflict(
            _(
                "The quorum is not reached: {present} present of {expected}; {rule} needs "
                "{needed} ({source}). The vote cannot open."
            ).format(
                present=present,
                expected=expected,
                rule=describe(quorum),
                needed=quorum.smallest_count(expected),
                source=_(quorum.source),
            )
        )
    await voting.open_ballot(context, ballot_id, present=present, present_required=True)
    return ballot_id


async def record_hands(
    context: EnterpriseContext,
    conference_id: int,
    item_id: int,
    form: HandsForm,
    counts: dict[int, int],
) -> None:
    """Show-of-hands totals (per option id) counted by two tellers; the vote then closes."""
    require(context)
    conference = await get_conference(context, conference_id)
    item = await item_of(conference_id, item_id)
    if item.ballot is None or item.vote_mode != VoteMode.SHOW_OF_HANDS:
        raise Conflict(_("Open the show-of-hands vote first."))
    ballot = await voting.get_ballot(context, item.ballot)
    questions = await voting.questions_with_options(ballot.id)
    question = questions[0]["id"]
    await voting.add_tally_sheet(
        context,
        ballot.id,
        TallySheetForm(
            kind=TallyKind.SHOW_OF_HANDS,
            ballots=ballot.present or 0,
            teller_one=form.teller_one,
            teller_two=form.teller_two,
        ),
        {(question, option, False): n for option, n in counts.items()},
    )
    await voting.close_ballot(context, ballot.id, chairs=_chairs(conference))


async def close_vote(context: EnterpriseContext, conference_id: int, item_id: int) -> None:
    require(context)
    conference = await get_conference(context, conference_id)
    item = await item_of(conference_id, item_id)
    if item.ballot is None:
        raise Conflict(_("Open the vote first."))
    await voting.close_ballot(context, item.ballot, chairs=_chairs(conference))


def _chairs(conference: Conference) -> tuple[str, ...]:
    """Who chairs the conference's votes: its co-chairs, named in the vote-count minutes."""
    return (conference.employer_chair, conference.union_chair)


async def ballot_of(context: EnterpriseContext, conference_id: int, item_id: int) -> Ballot:
    await get_conference(context, conference_id)
    item = await item_of(conference_id, item_id)
    if item.ballot is None:
        raise NotFound
    return await voting.get_ballot(context, item.ballot)
