"""Counting a ballot from what is stored, in a fixed number of queries, and sealing the result.

`count` reads the stored votes, marks and tally sheets with grouped queries (the same handful of
queries for ten ballots or a hundred thousand) and applies the rules. `seal` turns the result
into canonical JSON and its SHA-256, which is kept at closing, audited, and compared by
`labour-democracy ballots recount ID`.
"""

from __future__ import annotations

import hashlib
import json

import msgspec
from piccolo.query.functions.aggregate import Count, Sum

from labour_democracy.voting import codes, rules
from labour_democracy.voting.rules import Counts, Rule
from labour_democracy.voting.schemas import BallotResult, OptionResult, QuestionResult
from labour_democracy.voting.tables import (
    Ballot,
    BallotCode,
    Mark,
    Option,
    Question,
    QuestionKind,
    TallyLine,
    TallySheet,
    Vote,
)


async def count(ballot_id: int) -> BallotResult:
    ballot = (
        await Ballot.select(
            Ballot.id,
            Ballot.electorate_size,
            Ballot.present,
            Ballot.quorum_rule,
            Ballot.quorum_source,
        )
        .where(Ballot.id == ballot_id)
        .first()
    )
    questions = (
        await Question.select().where(Question.ballot == ballot_id).order_by(Question.position)
    )
    options = (
        await Option.select(Option.id, Option.question, Option.label, Option.role)
        .where(Option.ballot == ballot_id)
        .order_by(Option.position)
    )
    by_channel = {
        row["channel"]: row["count"]
        for row in await Vote.select(Vote.channel, Count())
        .where(Vote.ballot == ballot_id)
        .group_by(Vote.channel)
    }
    marks = (
        await Mark.select(Mark.question, Mark.option, Mark.invalid, Count())
        .where(Mark.ballot == ballot_id)
        .group_by(Mark.question, Mark.option, Mark.invalid)
    )
    lines = (
        await TallyLine.select(
            TallyLine.question,
            TallyLine.option,
            TallyLine.invalid,
            Sum(TallyLine.count).as_alias("count"),
        )
        .where(TallyLine.ballot == ballot_id)
        .group_by(TallyLine.question, TallyLine.option, TallyLine.invalid)
    )
    counted_by_tellers = (
        await TallySheet.select(Sum(TallySheet.ballots).as_alias("n"))
        .where(TallySheet.ballot == ballot_id)
        .first()
    )["n"] or 0
    slips = await BallotCode.count().where(
        (BallotCode.ballot == ballot_id) & (BallotCode.cancelled.eq(False))
    )

    # (question, option, invalid) -> how many, coded votes and tellers' counts together
    totals: dict[tuple[int, int | None, bool], int] = {}
    for row in [*marks, *lines]:
        key = (row["question"], row["option"], bool(row["invalid"]))
        totals[key] = totals.get(key, 0) + int(row["count"] or 0)

    online, paper = by_channel.get("online", 0), by_channel.get("paper", 0)
    cast = online + paper + counted_by_tellers
    electorate = ballot["electorate_size"] or 0
    present = ballot["present"] if ballot["present"] is not None else cast
    quorum = Rule.decode(ballot["quorum_rule"], ballot["quorum_source"])
    results = [
        _question_result(
            question,
            [o for o in options if o["question"] == question["id"]],
            totals,
            cast,
            electorate,
            present,
        )
        for question in questions
    ]
    return BallotResult(
        ballot=ballot_id,
        electorate=electorate,
        slips_issued=slips,
        cast=cast,
        online=online,
        paper=paper,
        counted_by_tellers=counted_by_tellers,
        present=present,
        quorum_rule=quorum.encode(),
        quorum_source=quorum.source,
        quorum_reached=electorate > 0 and rules.quorum_reached(quorum, present, electorate),
        questions=results,
        receipts_hash=hashlib.sha256("\n".join(await receipts(ballot_id)).encode()).hexdigest(),
    )


def _question_result(
    question: dict, options: list[dict], totals: dict, cast: int, electorate: int, present: int
) -> QuestionResult:
    qid = question["id"]
    invalid = totals.get((qid, None, True), 0)
    blank = totals.get((qid, None, False), 0)
    valid = cast - invalid
    rule = Rule.decode(question["rule"], question["rule_source"])
    numbers = Counts(electorate=electorate, present=present, valid=valid)
    base = numbers.base_size(rule.base)
    votes = {o["id"]: totals.get((qid, o["id"], False), 0) for o in options}
    result = QuestionResult(
        id=qid,
        position=question["position"],
        kind=question["kind"],
        text=question["text"],
        valid=valid,
        invalid=invalid,
        blank=blank,
        rule=rule.encode(),
        rule_source=rule.source,
        threshold=rule.smallest_count(base),
        options=[
            OptionResult(
                id=o["id"],
                label=o["label"],
                votes=votes[o["id"]],
                meets_rule=rule.is_met(votes[o["id"]], base),
            )
            for o in options
        ],
    )
    if question["kind"] == QuestionKind.MOTION:
        votes_for = next(votes[o["id"]] for o in options if o["role"] == "for")
        result.passed = rules.motion_passes(rule, votes_for, numbers)
    elif question["kind"] == QuestionKind.ELECTION:
        outcome = rules.elect(rule, question["seats"], votes, numbers)
        result.elected, result.tied = list(outcome.elected), list(outcome.tied)
        result.open_seats = outcome.open_seats
    else:
        top = max(votes.values(), default=0)
        result.leading = [o for o, n in votes.items() if n == top and n > 0]
    return result


async def receipts(ballot_id: int) -> list[str]:
    """The receipt of every counted coded vote, sorted: published so voters can find theirs."""
    rows = await Vote.select(Vote.nullifier).where(Vote.ballot == ballot_id)
    return sorted(codes.receipt(row["nullifier"]) for row in rows)


def seal(result: BallotResult) -> tuple[str, str]:
    """Canonical JSON of a result and its SHA-256."""
    text = json.dumps(
        msgspec.to_builtins(result), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return text, hashlib.sha256(text.encode()).hexdigest()


def unseal(text: str) -> BallotResult:
    return msgspec.json.decode(text.encode(), type=BallotResult)
