"""Worker conferences: the enterprise's conference rules, each conference, its timeline, seats,
delegates, agenda and the six-monthly reviews of its resolution."""

from __future__ import annotations

from enum import StrEnum

from piccolo.columns import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    SmallInt,
    Text,
    Time,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from labour_democracy.core.tables import Enterprise, OrgUnit, Worker
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.voting.tables import Ballot


class ConferenceForm(StrEnum):
    # Values distinct from other modules' enums: core.labels keys words by value.
    WHOLE = "whole_workforce"  # hội nghị toàn thể
    DELEGATES = "delegates"  # hội nghị đại biểu
    EITHER = "whole_or_delegates"  # the regulation leaves it to each conference


class ConferenceKind(StrEnum):
    ANNUAL = "annual"  # thường niên
    EXTRAORDINARY = "extraordinary"  # bất thường


class DelegateReason(StrEnum):
    """Why a state-owned enterprise of fewer than 100 workers holds a delegate conference (lý do
    tổ chức hội nghị đại biểu, Law 10/2022/QH15, Art. 69(2)(b))."""

    DISPERSED = "workers_dispersed"  # người lao động làm việc phân tán
    CANNOT_LEAVE_POSTS = "cannot_leave_posts"  # không thể bỏ vị trí làm việc


class BoardSizeException(StrEnum):
    """Why an SOE's People's Inspection Board (Ban Thanh tra nhân dân) may have more than 9
    members (Law 10/2022/QH15, Art. 77(1); Decree 59/2023/NĐ-CP, Art. 25(2))."""

    NONE = ""
    SPECIAL = "special_enterprise"  # doanh nghiệp có đặc thù
    DISPERSED = "dispersed_enterprise"  # hoạt động phân tán


class Requester(StrEnum):
    """Who asked for an extraordinary conference (Law 10/2022, Art. 69(1))."""

    UNION = "union_committee"
    OTHER_REPRESENTATIVE = "other_representative"
    ENTERPRISE = "enterprise"
    WORKERS = "workers_third"  # at least one third of the workers


class ConferenceStatus(StrEnum):
    PLANNED = "planned"
    IN_SESSION = "in_session"
    CLOSED = "closed"
    PUBLISHED = "published"


class StepStatus(StrEnum):
    TODO = "todo"
    DONE = "done"


class DelegateKind(StrEnum):
    ELECTED = "elected"  # elected at a unit-level conference
    EX_OFFICIO = "ex_officio"  # đại biểu đương nhiên
    WORKFORCE = "workforce"  # every worker, at a whole-workforce conference


class AgendaKind(StrEnum):
    INFO = "info"  # a report or discussion, nothing decided
    RESOLUTION = "resolution"  # decided by a vote
    ELECTION = "election"  # electing people (dialogue representatives, Inspection Board)


class VoteMode(StrEnum):
    SHOW_OF_HANDS = "show_of_hands"
    NAMED = "named"
    SECRET = "secret"


class ConferenceRules(Table):
    """The conference part of the enterprise's democracy regulation (quy chế dân chủ ở cơ sở
    tại nơi làm việc, Decree 145/2020, Arts. 47(3) and 48): form, quorum, passing rule, timing.

    Rules are stored as the voting engine's encoded rules ("electorate ge 2/3"); a state-owned
    enterprise (or one that opts in to Law 10/2022) can never store a weaker one.
    """

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade, unique=True)
    # Non-state enterprises may adopt the rules of Law 10/2022 (Art. 82(2)).
    opt_in_soe_rules = Boolean(default=False)
    form = Varchar(length=20, choices=ConferenceForm, default=ConferenceForm.EITHER)
    quorum_rule = Varchar(length=40)
    pass_rule = Varchar(length=40)
    # The conference is held within this many months after the fiscal year ends.
    months_after_year_end = SmallInt(default=3)
    review_months = SmallInt(default=6)
    regulation_reference = Varchar(length=255, default="")
    # Private enterprises: the share of workers whose request calls an extraordinary conference,
    # as the regulation sets it (an encoded rule); "" when it sets none. The law's 1/3 (Law
    # 10/2022/QH15, Arts. 68(1), 69(1)) binds state-owned enterprises only.
    extraordinary_rule = Varchar(length=40, default="")
    # An SOE's reason for a People's Inspection Board above 9 members ("" for none).
    board_size_exception = Varchar(length=24, choices=BoardSizeException, default="")
    updated_by = Integer(null=True, default=None)
    updated_at = Timestamptz(default=TimestamptzNow())


class Conference(Table):
    """A worker conference (Hội nghị người lao động), annual or extraordinary."""

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade, index=True)
    year = SmallInt(index=True)
    kind = Varchar(length=14, choices=ConferenceKind, default=ConferenceKind.ANNUAL)
    requested_by = Varchar(length=24, choices=Requester, null=True, default=None)
    requesters = Integer(null=True, default=None)  # workers who signed the request
    held_on = Date()
    starts_at = Time()
    venue = Varchar(length=300)
    form = Varchar(length=20, choices=ConferenceForm)
    # An SOE under 100 workers holding a delegate conference says why (Law 10/2022, Art. 69(2)(b)).
    delegate_reason = Varchar(length=24, choices=DelegateReason, null=True, default=None)
    employer_chair = Varchar(length=255)  # co-chair for the employer
    union_chair = Varchar(length=255)  # co-chair for the union (chủ tịch công đoàn)
    secretary = Varchar(length=255)
    # Rules in force for this conference, copied from ConferenceRules when planned.
    soe_rules = Boolean(default=False)
    quorum_rule = Varchar(length=40)
    quorum_source = Text()
    pass_rule = Varchar(length=40)
    pass_source = Text()
    status = Varchar(length=12, choices=ConferenceStatus, default=ConferenceStatus.PLANNED)
    documents_sent_on = Date(null=True, default=None)
    opened_at = Timestamptz(null=True, default=None)
    closed_at = Timestamptz(null=True, default=None)
    published_on = Date(null=True, default=None)
    resolution_summary = Text(default="")
    minutes = ForeignKey(IssuedDocument, null=True, on_delete=OnDelete.restrict)
    resolution = ForeignKey(IssuedDocument, null=True, on_delete=OnDelete.restrict)
    created_by = Integer(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class TimelineStep(Table, tablename="conference_step"):
    """A step of the conference's preparation (kế hoạch tổ chức hội nghị), on working days."""

    conference = ForeignKey(Conference, null=False, on_delete=OnDelete.cascade, index=True)
    key = Varchar(length=30)
    position = SmallInt()
    title = Varchar(length=300)
    owner = Varchar(length=255)
    due_on = Date(index=True)
    status = Varchar(length=6, choices=StepStatus, default=StepStatus.TODO)
    done_on = Date(null=True, default=None)


class UnitSeat(Table, tablename="conference_unit_seat"):
    """Delegate seats of an org unit at a delegate conference (phân bổ đại biểu)."""

    conference = ForeignKey(Conference, null=False, on_delete=OnDelete.cascade, index=True)
    org_unit = ForeignKey(OrgUnit, null=False, on_delete=OnDelete.restrict)
    headcount = Integer()
    seats = SmallInt()
    # The unit-level conference's election, when run through the voting engine.
    ballot = ForeignKey(Ballot, null=True, on_delete=OnDelete.set_null)
    results_entered_at = Timestamptz(null=True, default=None)


class Delegate(Table, tablename="conference_delegate"):
    """A delegate convened to the conference (đại biểu), with a printed check-in code.

    The check-in code is not secret like a ballot code (it only says "I am here") and is
    printed on the invitation, so it is stored as is, unique, and can be printed again.
    """

    conference = ForeignKey(Conference, null=False, on_delete=OnDelete.cascade, index=True)
    worker = ForeignKey(Worker, null=False, on_delete=OnDelete.restrict, index=True)
    kind = Varchar(length=12, choices=DelegateKind)
    ex_officio_role = Varchar(length=255, default="")
    org_unit = ForeignKey(OrgUnit, null=True, on_delete=OnDelete.set_null)
    checkin_code = Varchar(length=16, unique=True)
    checked_in_at = Timestamptz(null=True, default=None)
    checked_in_by = Integer(null=True, default=None)


class AgendaItem(Table, tablename="conference_agenda_item"):
    """An item of the conference's agenda (chương trình hội nghị)."""

    conference = ForeignKey(Conference, null=False, on_delete=OnDelete.cascade, index=True)
    position = SmallInt()
    key = Varchar(length=30, default="")
    title = Varchar(length=500)
    kind = Varchar(length=10, choices=AgendaKind, default=AgendaKind.INFO)
    vote_mode = Varchar(length=14, choices=VoteMode, default=VoteMode.SHOW_OF_HANDS)
    # Candidates (one per line) and seats, for an election.
    candidates = Text(default="")
    seats = SmallInt(null=True, default=None)
    # How an election's paper ballot is marked: tick the names elected, or strike out the
    # names not elected (phiếu gạch tên), as elsewhere (voting ElectionMethod values).
    election_method = Varchar(length=10, default="tick")
    ballot = ForeignKey(Ballot, null=True, on_delete=OnDelete.set_null)
    notes = Text(default="")


class ResolutionReview(Table, tablename="conference_review"):
    """The six-monthly review of the resolution's implementation in a state-owned enterprise
    (sơ kết việc thực hiện nghị quyết, Law 10/2022, Art. 70(3))."""

    conference = ForeignKey(Conference, null=False, on_delete=OnDelete.cascade, index=True)
    due_on = Date()
    held_on = Date(null=True, default=None)
    report = Text(default="")
    informed_workers_on = Date(null=True, default=None)
    # The report to the workers (Báo cáo sơ kết), issued when the review is recorded.
    document = ForeignKey(IssuedDocument, null=True, on_delete=OnDelete.restrict)
