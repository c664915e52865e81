"""Tables of the voting engine.

Secrecy by construction: a secret ballot's codes are stored only as keyed hashes, with no link to
an elector; an elector row records only that a slip was received. A vote row carries a
nullifier (a keyed hash of the code's hash) instead of the code, a random id instead of a
sequence, and no time, so neither the rows nor their order tie a choice to a person.
"""

from __future__ import annotations

from enum import StrEnum

from piccolo.columns import (
    UUID,
    Boolean,
    Bytea,
    ForeignKey,
    Integer,
    SmallInt,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from labour_democracy.core.tables import Enterprise, OrgUnit, Worker
from labour_democracy.documents.tables import IssuedDocument


class BallotStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class Secrecy(StrEnum):
    NAMED = "named"  # organisers see who voted what (open votes)
    SECRET = "secret"


class Channels(StrEnum):
    ONLINE = "online"
    PAPER = "paper"
    BOTH = "both"


class Channel(StrEnum):
    ONLINE = "online"
    PAPER = "paper"


class ElectorateKind(StrEnum):
    ALL_WORKERS = "all_workers"
    ORG_UNIT = "org_unit"
    UNION_MEMBERS = "union_members"
    # Decree 145/2020/NĐ-CP, Art. 37(1): the workers who are in no representative organisation
    # choose the workers' dialogue group (Worker.union_member, kept by the union's register).
    NON_MEMBERS = "non_union_members"
    NAMED_LIST = "named_list"


class QuestionKind(StrEnum):
    MOTION = "motion"  # for / against / abstain
    CHOICE = "choice"  # pick 1..k of the options
    ELECTION = "election"  # n seats from m candidates


class ElectionMethod(StrEnum):
    TICK = "tick"  # tick the names you elect
    STRIKE = "strike"  # strike out the names you do not elect ("gạch tên")


class TallyKind(StrEnum):
    SHOW_OF_HANDS = "show_of_hands"
    PAPER = "paper_count"  # paper ballots without codes, counted by tellers


class Ballot(Table):
    """A vote or consultation of workers (biểu quyết, lấy ý kiến người lao động)."""

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade, index=True)
    purpose = Varchar(length=30, default="consultation")
    title = Varchar(length=300)
    explanation = Text(default="")
    attachment_name = Varchar(length=255, null=True, default=None)
    attachment_type = Varchar(length=100, null=True, default=None)
    attachment = Bytea(null=True, default=None)
    secrecy = Varchar(length=10, choices=Secrecy, default=Secrecy.SECRET)
    channels = Varchar(length=10, choices=Channels, default=Channels.BOTH)
    electorate_kind = Varchar(length=20, choices=ElectorateKind, default=ElectorateKind.ALL_WORKERS)
    electorate_unit = ForeignKey(OrgUnit, null=True, on_delete=OnDelete.restrict)
    electorate_size = Integer(null=True, default=None)
    frozen_at = Timestamptz(null=True, default=None)
    # "<base> <gt|ge> <numerator>/<denominator>" and its legal source; the minimum comes from the
    # module that owns the ballot (the law) and the chosen rule may not be weaker.
    quorum_rule = Varchar(length=40)
    quorum_source = Text()
    quorum_minimum = Varchar(length=40)
    # Those present, when the owner counts attendance (a conference); else the ballots cast.
    present = Integer(null=True, default=None)
    opens_at = Timestamptz(null=True, default=None)
    closes_at = Timestamptz(null=True, default=None)
    status = Varchar(length=10, choices=BallotStatus, default=BallotStatus.DRAFT)
    opened_at = Timestamptz(null=True, default=None)
    closed_at = Timestamptz(null=True, default=None)
    result = Text(null=True, default=None)
    result_hash = Varchar(length=64, null=True, default=None)
    # The vote-count minutes (Biên bản kiểm phiếu), issued when the vote closes.
    minutes = ForeignKey(IssuedDocument, null=True, on_delete=OnDelete.restrict)
    public_token = Varchar(length=32, unique=True)
    created_by = Integer(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class Question(Table):
    """One question of a ballot: a motion, a choice or an election."""

    ballot = ForeignKey(Ballot, null=False, on_delete=OnDelete.cascade, index=True)
    position = SmallInt()
    kind = Varchar(length=10, choices=QuestionKind)
    text = Text()
    min_selections = SmallInt(default=1)
    max_selections = SmallInt(default=1)
    seats = SmallInt(null=True, default=None)
    method = Varchar(length=10, choices=ElectionMethod, null=True, default=None)
    rule = Varchar(length=40)
    rule_source = Text()
    rule_minimum = Varchar(length=40)


class Option(Table):
    """An answer a voter can choose: for/against/abstain, an option, or a candidate."""

    question = ForeignKey(Question, null=False, on_delete=OnDelete.cascade, index=True)
    ballot = ForeignKey(Ballot, null=False, on_delete=OnDelete.cascade)
    position = SmallInt()
    label = Varchar(length=300)
    # The motion's answers are counted by role: "for" decides the outcome.
    role = Varchar(length=10, null=True, default=None)
    worker = ForeignKey(Worker, null=True, on_delete=OnDelete.restrict)


class Elector(Table):
    """A person entitled to vote in a ballot (cử tri), frozen when the electorate is fixed."""

    ballot = ForeignKey(Ballot, null=False, on_delete=OnDelete.cascade, index=True)
    worker = ForeignKey(Worker, null=False, on_delete=OnDelete.restrict, index=True)
    slip_received = Boolean(default=False)


class BallotCode(Table):
    """A ballot code, stored only as a keyed hash. Secret ballots record no elector here."""

    ballot = ForeignKey(Ballot, null=False, on_delete=OnDelete.cascade, index=True)
    code_hash = Varchar(length=64, unique=True)
    serial = Integer()
    cancelled = Boolean(default=False)
    elector = ForeignKey(Elector, null=True, on_delete=OnDelete.cascade)


class Vote(Table):
    """A cast ballot. Its id is random and it carries no time; `nullifier` stops a second use of
    the same code (unique per ballot) without revealing which code it was."""

    id = UUID(primary_key=True)
    ballot = ForeignKey(Ballot, null=False, on_delete=OnDelete.cascade, index=True)
    nullifier = Varchar(length=64)
    channel = Varchar(length=10, choices=Channel)
    elector = ForeignKey(Elector, null=True, on_delete=OnDelete.cascade)  # named ballots only


class Mark(Table):
    """One selected option of a vote; an answer with no option is blank, or invalid if flagged."""

    vote = ForeignKey(Vote, null=False, on_delete=OnDelete.cascade, index=True)
    ballot = ForeignKey(Ballot, null=False, on_delete=OnDelete.cascade, index=True)
    question = ForeignKey(Question, null=False, on_delete=OnDelete.cascade)
    option = ForeignKey(Option, null=True, on_delete=OnDelete.cascade)
    invalid = Boolean(default=False)


class TallySheet(Table):
    """Totals counted by two tellers: a show of hands, or paper ballots without codes."""

    ballot = ForeignKey(Ballot, null=False, on_delete=OnDelete.cascade, index=True)
    kind = Varchar(length=15, choices=TallyKind)
    ballots = Integer()  # hands counted or paper ballots in the box
    teller_one = Varchar(length=255)
    teller_two = Varchar(length=255)
    note = Text(default="")
    entered_by = Integer(null=True, default=None)
    entered_at = Timestamptz(default=TimestamptzNow())


class TallyLine(Table):
    """A count on a tally sheet: votes for an option, or blank/invalid answers to a question."""

    sheet = ForeignKey(TallySheet, null=False, on_delete=OnDelete.cascade, index=True)
    ballot = ForeignKey(Ballot, null=False, on_delete=OnDelete.cascade, index=True)
    question = ForeignKey(Question, null=False, on_delete=OnDelete.cascade)
    option = ForeignKey(Option, null=True, on_delete=OnDelete.cascade)
    invalid = Boolean(default=False)
    count = Integer()
