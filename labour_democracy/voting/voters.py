"""The voter's side of a ballot: a typed code resolved to its open ballot (or to the receipt of
the vote it already cast), the answers checked against each question's limits, and the vote cast
from a phone or entered from a coded paper ballot."""

from __future__ import annotations

from dataclasses import dataclass

from labour_democracy.core.errors import Conflict, Invalid
from labour_democracy.core.scope import EnterpriseContext
from labour_democracy.i18n import gettext as _
from labour_democracy.voting import casting, codes, rules
from labour_democracy.voting.services import (
    close_if_due,
    get_ballot,
    now,
    questions_with_options,
    require,
)
from labour_democracy.voting.tables import (
    Ballot,
    BallotCode,
    BallotStatus,
    Channel,
    Channels,
    ElectionMethod,
    QuestionKind,
    Secrecy,
    Vote,
)


@dataclass(frozen=True)
class OpenBallot:
    """The part of an open ballot a voter's pages need."""

    id: int
    title: str
    explanation: str
    attachment_name: str | None
    public_token: str
    secrecy: str
    channels: str


@dataclass(frozen=True)
class VoterBallot:
    """What a voter with a valid code sees."""

    ballot: OpenBallot
    code: str
    code_hash: str
    elector: int | None  # named ballots only
    questions: list[dict]


# Once a ballot is open its questions never change, so each process keeps them: a vote then
# costs one read (the code with its ballot) and its share of a batched write. The key holds
# the ballot's random token, so a reused id (a restored database) never finds old questions.
_FROZEN_QUESTIONS: dict[tuple[int, str], list[dict]] = {}


async def _questions_of_open_ballot(ballot: OpenBallot) -> list[dict]:
    key = (ballot.id, ballot.public_token)
    questions = _FROZEN_QUESTIONS.get(key)
    if questions is None:
        questions = _FROZEN_QUESTIONS[key] = await questions_with_options(ballot.id)
    return questions


def _open_ballot(row: dict) -> OpenBallot:
    return OpenBallot(
        row["id"],
        row["title"],
        row["explanation"],
        row["attachment_name"],
        row["public_token"],
        row["secrecy"],
        row["channels"],
    )


class CodeUsed(Invalid):
    """A typed code has already voted. It carries the receipt of that vote (which derives from
    the code), so a voter whose answer was lost on the way can see that the vote was counted."""

    def __init__(self, receipt: str, ballot: OpenBallot | None = None) -> None:
        super().__init__({"code": _("This code has already been used to vote.")})
        self.receipt = receipt
        self.ballot = ballot


class AlreadyCounted(Conflict):
    """The code's vote was stored by an earlier submission (see `CodeUsed`)."""

    def __init__(self, receipt: str, ballot: OpenBallot) -> None:
        super().__init__(_("This code has already been used to vote."))
        self.receipt = receipt
        self.ballot = ballot


_CODE_WITH_BALLOT = (
    "SELECT c.cancelled, c.elector, b.id, b.status, b.opens_at, b.closes_at, b.title, "
    "b.explanation, b.attachment_name, b.public_token, b.secrecy, b.channels "
    "FROM ballot_code c JOIN ballot b ON b.id = c.ballot WHERE c.code_hash = {}"
)


async def resolve_code(
    typed: str, channel: Channel = Channel.ONLINE, check_unused: bool = True
) -> VoterBallot:
    """The open ballot a typed code belongs to, or `Invalid` saying plainly what is wrong.

    `check_unused=False` skips the look-up of an earlier vote: when the vote is being cast,
    the unique nullifier decides (see casting.py), so the read would only be repeated."""
    code = rules.normalise_code(typed or "")
    if code is None:
        raise Invalid({"code": _("This code is not valid: check each character and try again.")})
    code_hash = codes.code_hash(code)
    rows = await BallotCode.raw(_CODE_WITH_BALLOT, code_hash)
    if not rows:
        raise Invalid({"code": _("This code is not valid: check each character and try again.")})
    row = rows[0]
    if row["cancelled"]:
        raise Invalid({"code": _("This slip was cancelled and replaced; use your new slip.")})
    status = row["status"]
    if status == BallotStatus.OPEN and row["closes_at"] and row["closes_at"] <= now():
        status = (
            await close_if_due(await Ballot.objects().where(Ballot.id == row["id"]).first())
        ).status
    if status == BallotStatus.DRAFT or (row["opens_at"] and row["opens_at"] > now()):
        raise Invalid({"code": _("Voting has not started yet.")})
    if status == BallotStatus.CLOSED:
        # A retry after closing still learns that its vote was counted.
        nullifier = codes.nullifier(code_hash)
        if await Vote.exists().where((Vote.ballot == row["id"]) & (Vote.nullifier == nullifier)):
            raise CodeUsed(codes.receipt(nullifier), _open_ballot(row))
        raise Invalid({"code": _("Voting is closed.")})
    if channel is Channel.ONLINE and row["channels"] == Channels.PAPER:
        raise Invalid({"code": _("This vote is on paper only.")})
    ballot = _open_ballot(row)
    nullifier = codes.nullifier(code_hash)
    if check_unused and await Vote.exists().where(
        (Vote.ballot == row["id"]) & (Vote.nullifier == nullifier)
    ):
        raise CodeUsed(codes.receipt(nullifier), ballot)
    elector = row["elector"] if ballot.secrecy == Secrecy.NAMED else None
    return VoterBallot(ballot, code, code_hash, elector, await _questions_of_open_ballot(ballot))


Answers = dict[int, list[int] | str]  # question id -> option ids, or "invalid" (paper only)


def check_answers(
    questions: list[dict], answers: Answers, allow_invalid: bool
) -> list[tuple[int, int | None, bool]]:
    """Marks for a ballot, or `Invalid` naming each question answered out of its limits."""
    errors: dict[str, str] = {}
    marks: list[tuple[int, int | None, bool]] = []
    for question in questions:
        answer = answers.get(question["id"], [])
        field = f"q{question['id']}"
        if answer == "invalid":
            if not allow_invalid:
                errors[field] = _("Choose an answer.")
            marks.append((question["id"], None, True))
            continue
        allowed = {o["id"] for o in question["options"]}
        if any(option not in allowed for option in answer):
            errors[field] = _("Choose among the options shown.")
            continue
        chosen = chosen_options(question, sorted(set(answer)))
        if len(chosen) > question["max_selections"]:
            errors[field] = (
                _("Leave at most {n} names: strike out the others.")
                if question["method"] == ElectionMethod.STRIKE
                else _("Choose at most {n}.")
            ).format(n=question["max_selections"])
        elif len(chosen) < question["min_selections"]:
            errors[field] = _("Choose an answer.")
        marks += [(question["id"], option, False) for option in chosen] or [
            (question["id"], None, False)
        ]
    if errors:
        raise Invalid(errors)
    return marks


def chosen_options(question: dict, selected: list[int]) -> list[int]:
    """A strike-out election ballot lists the names struck; the votes go to the others."""
    if question["kind"] == QuestionKind.ELECTION and question["method"] == ElectionMethod.STRIKE:
        return [o["id"] for o in question["options"] if o["id"] not in set(selected)]
    return selected


async def cast(voter: VoterBallot, answers: Answers, channel: Channel = Channel.ONLINE) -> str:
    """Store one vote for a resolved code; returns the voter's receipt."""
    marks = check_answers(voter.questions, answers, allow_invalid=channel is Channel.PAPER)
    nullifier = codes.nullifier(voter.code_hash)
    try:
        await casting.submit(
            casting.Submission(voter.ballot.id, nullifier, channel, voter.elector, marks)
        )
    except casting.Refused as refused:
        if refused.reason == "closed":
            raise Conflict(
                _("Voting closed before your vote arrived; it was not counted.")
            ) from None
        # The earlier vote with this code is counted: say so, with its receipt (the answer to
        # the first submission may have been lost on the way to the voter).
        raise AlreadyCounted(codes.receipt(nullifier), voter.ballot) from None
    return codes.receipt(nullifier)


async def cast_code(typed_code: str, answers: Answers, channel: Channel = Channel.ONLINE) -> str:
    """Resolve a typed code and cast its vote: what a phone's confirm step does."""
    return await cast(await resolve_code(typed_code, channel, check_unused=False), answers, channel)


async def record_paper_ballot(
    context: EnterpriseContext, ballot_id: int, typed_code: str, answers: Answers
) -> str:
    """A teller enters a coded paper ballot; the code then cannot be used online, and vice versa."""
    require(context)
    ballot = await get_ballot(context, ballot_id, manage=True)
    if ballot.channels == Channels.ONLINE:
        raise Conflict(_("This vote takes no paper ballots."))
    voter = await resolve_code(typed_code, Channel.PAPER)
    if voter.ballot.id != ballot.id:
        raise Invalid({"code": _("This code belongs to another vote.")})
    return await cast(voter, answers, Channel.PAPER)
