"""Input and result models of the voting engine."""

from __future__ import annotations

import datetime as dt

import msgspec

from labour_democracy.core.rates import percent
from labour_democracy.voting.rules import Base, Comparator, Counts, Rule
from labour_democracy.voting.tables import (
    Channels,
    ElectionMethod,
    ElectorateKind,
    QuestionKind,
    Secrecy,
    TallyKind,
)


class BallotForm(msgspec.Struct, kw_only=True):
    title: str
    explanation: str | None = None
    secrecy: Secrecy = Secrecy.SECRET
    channels: Channels = Channels.BOTH
    electorate_kind: ElectorateKind = ElectorateKind.ALL_WORKERS
    electorate_unit: int | None = None
    quorum_comparator: Comparator = Comparator.AT_LEAST
    quorum_numerator: int = 0
    quorum_denominator: int = 1
    opens_at: dt.datetime | None = None
    closes_at: dt.datetime | None = None


class QuestionForm(msgspec.Struct, kw_only=True):
    kind: QuestionKind
    text: str
    # Choice options or election candidates, one per line.
    options: str | None = None
    max_selections: int = 1
    min_selections: int = 1
    seats: int = 1
    method: ElectionMethod = ElectionMethod.TICK
    rule_base: Base = Base.VALID
    rule_comparator: Comparator = Comparator.GREATER
    rule_numerator: int = 1
    rule_denominator: int = 2


class TallySheetForm(msgspec.Struct, kw_only=True):
    kind: TallyKind
    ballots: int
    teller_one: str
    teller_two: str
    note: str | None = None


class IssuedCode(msgspec.Struct, frozen=True):
    """A code as printed on a slip; the plain code exists only here and on paper."""

    serial: int
    code: str
    elector_name: str | None = None  # named ballots only


class OptionResult(msgspec.Struct, kw_only=True):
    id: int
    label: str
    votes: int
    meets_rule: bool


class QuestionResult(msgspec.Struct, kw_only=True):
    id: int
    position: int
    kind: str
    text: str
    valid: int
    invalid: int
    blank: int
    rule: str
    rule_source: str
    threshold: int  # the fewest votes that meet the rule
    options: list[OptionResult]
    passed: bool | None = None  # motions
    elected: list[int] = msgspec.field(default_factory=list)  # elections: option ids
    tied: list[int] = msgspec.field(default_factory=list)
    open_seats: int = 0
    leading: list[int] = msgspec.field(default_factory=list)  # choices: most votes (ties too)


class BallotResult(msgspec.Struct, kw_only=True):
    ballot: int
    electorate: int
    slips_issued: int
    cast: int
    online: int
    paper: int
    counted_by_tellers: int
    present: int
    quorum_rule: str
    quorum_source: str
    quorum_reached: bool
    questions: list[QuestionResult]
    receipts_hash: str


# What the JSON API (/api/v1) shows of a ballot: counts, rules and outcomes only. Nothing here
# names a voter, a code, a receipt or a channel: a counted result is what the pages show.


class RuleOut(msgspec.Struct, kw_only=True):
    """A threshold as the pages state it: `comparator numerator/denominator of base`."""

    base: str  # electorate (all entitled), present (present or taking part), valid (ballots)
    comparator: str  # gt: more than; ge: at least
    numerator: int
    denominator: int
    source: str  # the legal source, an English msgid the pages translate


class OptionResultOut(msgspec.Struct, kw_only=True):
    label: str  # a motion's answers are the msgids "For", "Against", "Abstain"
    votes: int
    meets_rule: bool
    elected: bool
    tied: bool  # tied for the last open seat: another round decides


class QuestionResultOut(msgspec.Struct, kw_only=True):
    position: int
    kind: str  # motion, choice, election
    text: str
    rule: RuleOut
    base_count: int  # what the rule's fraction is taken of: the electorate, present or valid
    threshold: int  # the fewest votes that meet the rule
    valid: int
    invalid: int
    blank: int
    options: list[OptionResultOut]
    passed: bool | None  # motions only
    open_seats: int  # elections: seats left open by a tie or too few meeting the rule


class ResultOut(msgspec.Struct, kw_only=True):
    """A counted ballot: sealed at closing, never a running tally."""

    electorate: int
    cast: int
    present: int  # those present, or who took part when nobody checks in
    turnout: str | None  # cast of the electorate in percent, one decimal, half up; null over 0
    quorum: RuleOut
    quorum_reached: bool
    questions: list[QuestionResultOut]
    result_hash: str | None  # SHA-256 of the sealed result, as the ballot page prints it


def rule_out(rule: Rule) -> RuleOut:
    return RuleOut(
        base=rule.base.value,
        comparator=rule.comparator.value,
        numerator=rule.numerator,
        denominator=rule.denominator,
        source=rule.source,
    )


def result_out(result: BallotResult, result_hash: str | None) -> ResultOut:
    """The API's view of a sealed result (tally.unseal): the counts and outcomes the ballot
    page shows, without the receipts' hash or the channels votes came by."""
    return ResultOut(
        electorate=result.electorate,
        cast=result.cast,
        present=result.present,
        turnout=_percent_text(result.cast, result.electorate),
        quorum=rule_out(Rule.decode(result.quorum_rule, result.quorum_source)),
        quorum_reached=result.quorum_reached,
        questions=[_question_out(q, result) for q in result.questions],
        result_hash=result_hash,
    )


def _question_out(question: QuestionResult, result: BallotResult) -> QuestionResultOut:
    rule = Rule.decode(question.rule, question.rule_source)
    counts = Counts(electorate=result.electorate, present=result.present, valid=question.valid)
    return QuestionResultOut(
        position=question.position,
        kind=question.kind,
        text=question.text,
        rule=rule_out(rule),
        base_count=counts.base_size(rule.base),
        threshold=question.threshold,
        valid=question.valid,
        invalid=question.invalid,
        blank=question.blank,
        options=[
            OptionResultOut(
                label=option.label,
                votes=option.votes,
                meets_rule=option.meets_rule,
                elected=option.id in question.elected,
                tied=option.id in question.tied,
            )
            for option in question.options
        ],
        passed=question.passed,
        open_seats=question.open_seats,
    )


def _percent_text(done: int, total: int) -> str | None:
    rate = percent(done, total)
    return None if rate is None else str(rate)
