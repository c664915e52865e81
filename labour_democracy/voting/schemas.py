"""Input and result models of the voting engine."""

from __future__ import annotations

import datetime as dt

import msgspec

from labour_democracy.voting.rules import Base, Comparator
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
