"""Tables of the grassroots trade union: its founding and recognition, the campaign committee,
the applications, the congress's elected committees and their first meetings' rounds, the
membership register (and a member spreadsheet between its upload and its import), and the
union's dissolution."""

from __future__ import annotations

from enum import StrEnum

from piccolo.columns import (
    Boolean,
    Bytea,
    Date,
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
from labour_democracy.voting.tables import Ballot


class UnionStatus(StrEnum):
    CAMPAIGN = "campaign"  # the campaign committee collects applications
    CONGRESS = "congress_held"  # the founding congress elected its committees
    SUBMITTED = "dossier_sent"  # the dossier went to the upper-level union
    RECOGNISED = "recognised"  # the upper-level union's decision: the union acts from here
    DISSOLVED = "dissolved"  # the upper-level union's dissolution decision: no union from here


class CommitteeOrigin(StrEnum):
    """Law 50/2024/QH15, Art. 19(5): who formed the campaign committee."""

    APPOINTED = "appointed_by_upper_union"
    WORKERS = "formed_by_workers"


class ApplicationStatus(StrEnum):
    RECEIVED = "application_received"
    ACCEPTED = "application_accepted"
    REFUSED = "application_refused"


class Body(StrEnum):
    EXECUTIVE = "executive_committee"  # Ban Chấp hành
    INSPECTION = "inspection_committee"  # Ủy ban Kiểm tra


class Office(StrEnum):
    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    MEMBER = "committee_member"


class MemberStatus(StrEnum):
    ACTIVE = "member_active"
    LEFT = "member_left"
    TRANSFERRED = "member_transferred"


class GrassrootsUnion(Table):
    """A grassroots trade union (công đoàn cơ sở), from its founding campaign to its
    recognition by the upper-level union and its committees' terms."""

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade, index=True)
    name = Varchar(length=255)  # "Công đoàn cơ sở Công ty TNHH ..."
    upper_union = Varchar(length=255)  # "Liên đoàn Lao động tỉnh Thái Nguyên"
    status = Varchar(length=16, choices=UnionStatus, default=UnionStatus.CAMPAIGN)
    committee_origin = Varchar(length=24, choices=CommitteeOrigin)
    campaign_formed_on = Date()
    campaign_decision = ForeignKey(IssuedDocument, null=True, on_delete=OnDelete.restrict)
    # The election rule at the congress (voting.rules encoding) and its source, a setting.
    election_rule = Varchar(length=40, default="valid gt 1/2")
    congress_on = Date(null=True, default=None)
    congress_place = Varchar(length=300, default="")
    executive_seats = SmallInt(default=3)
    inspection_seats = SmallInt(default=1)
    # Candidates, one a line, until the election is drawn from them.
    executive_candidates = Text(default="")
    inspection_candidates = Text(default="")
    election_ballot = ForeignKey(Ballot, null=True, on_delete=OnDelete.restrict)
    congress_minutes = ForeignKey(IssuedDocument, null=True, on_delete=OnDelete.restrict)
    dossier = ForeignKey(IssuedDocument, null=True, on_delete=OnDelete.restrict)
    recognition_number = Varchar(length=50, default="")
    recognised_on = Date(null=True, default=None)
    recognised_by = Integer(null=True, default=None)  # the federation officer's user id
    recognition_decision = ForeignKey(IssuedDocument, null=True, on_delete=OnDelete.restrict)
    term_years = SmallInt(default=5)
    next_congress_on = Date(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class CampaignMember(Table):
    """A member of the campaign committee (ban vận động thành lập công đoàn cơ sở)."""

    union = ForeignKey(GrassrootsUnion, null=False, on_delete=OnDelete.cascade, index=True)
    full_name = Varchar(length=255)
    position = Varchar(length=255, default="")
    is_head = Boolean(default=False)


class UnionApplication(Table):
    """A worker's application to join the union (đơn xin gia nhập Công đoàn Việt Nam), sent
    from the public page or entered from paper; the employer never sees it."""

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade, index=True)
    union = ForeignKey(GrassrootsUnion, null=False, on_delete=OnDelete.cascade, index=True)
    full_name = Varchar(length=255)
    gender = Varchar(length=6)
    unit = Varchar(length=255, default="")
    nationality = Varchar(length=2, default="VN")
    contract_months = SmallInt(null=True, default=None)  # None: indefinite term
    eligibility = Varchar(length=14)
    status = Varchar(length=22, choices=ApplicationStatus, default=ApplicationStatus.RECEIVED)
    refusal_reason = Text(default="")
    # The roster worker the committee matched the applicant to (needed to vote at the congress).
    worker = ForeignKey(Worker, null=True, on_delete=OnDelete.set_null)
    present_at_congress = Boolean(default=False)
    tracking_hash = Varchar(length=64, null=True, default=None, unique=True)
    received_on = Date()
    created_at = Timestamptz(default=TimestamptzNow())


class CommitteeMember(Table):
    """A member of the executive committee (Ban Chấp hành) or the inspection committee (Ủy
    ban Kiểm tra) elected by the congress; the executive committee elects the chair and
    vice-chair."""

    union = ForeignKey(GrassrootsUnion, null=False, on_delete=OnDelete.cascade, index=True)
    body = Varchar(length=22, choices=Body)
    full_name = Varchar(length=255)
    # The roster worker elected (the congress ballot's option knows it): who votes in the
    # committee's first meeting. Empty when the candidate was linked to nobody.
    worker = ForeignKey(Worker, null=True, on_delete=OnDelete.set_null)
    office = Varchar(length=16, choices=Office, default=Office.MEMBER)
    elected_on = Date()


class RoundOutcome(StrEnum):
    PENDING = "round_pending"  # the vote is being held or counted
    ELECTED = "round_elected"  # every seat of the round was filled
    TIED = "round_tied"  # a tie for the last seat: another round decides
    NO_MAJORITY = "round_no_majority"  # a seat stays open: nobody had the majority
    VOID = "round_void"  # the vote's set-up was changed (electorate, candidates): not counted


class CommitteeMeeting(Table):
    """The first meeting (phiên họp thứ nhất) of a committee the congress elected: the
    executive committee elects its chair and vice-chairs, the inspection committee its chair,
    each in rounds of a secret strike-out ballot of the committee's own members."""

    union = ForeignKey(GrassrootsUnion, null=False, on_delete=OnDelete.cascade, index=True)
    body = Varchar(length=22, choices=Body)
    met_on = Date()
    place = Varchar(length=300, default="")
    vice_chair_seats = SmallInt(default=0)
    # Issued once every office of the committee is filled.
    minutes = ForeignKey(IssuedDocument, null=True, on_delete=OnDelete.restrict)
    created_at = Timestamptz(default=TimestamptzNow())


class OfficerRound(Table):
    """One round of a first meeting's vote, for one office; a tie or no majority leaves the
    office open and the next round is recorded beside it."""

    meeting = ForeignKey(CommitteeMeeting, null=False, on_delete=OnDelete.cascade, index=True)
    number = SmallInt()
    office = Varchar(length=16, choices=Office)
    seats = SmallInt(default=1)
    ballot = ForeignKey(Ballot, null=False, on_delete=OnDelete.restrict)
    outcome = Varchar(length=18, choices=RoundOutcome, default=RoundOutcome.PENDING)


class UnionMember(Table):
    """A member on the union's register (đoàn viên công đoàn)."""

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade, index=True)
    union = ForeignKey(GrassrootsUnion, null=False, on_delete=OnDelete.cascade, index=True)
    worker = ForeignKey(Worker, null=True, on_delete=OnDelete.set_null, index=True)
    full_name = Varchar(length=255)
    # Vietnamese name order (core/names.py person_sort_key): the register is paged in SQL.
    sort_key = Text(default="")
    gender = Varchar(length=6)
    org_unit = ForeignKey(OrgUnit, null=True, on_delete=OnDelete.set_null)
    nationality = Varchar(length=2, default="VN")
    joined_on = Date()
    left_on = Date(null=True, default=None)
    status = Varchar(length=20, choices=MemberStatus, default=MemberStatus.ACTIVE)
    transferred_to = Varchar(length=255, default="")


class MemberUpload(Table):
    """A spreadsheet of members between its upload and its import into the register. Kept in
    the database (any app process may take the next step) and apart from the roster's uploads,
    which the employer reads: who is a member is the union's. Deleted once imported, or a day
    later."""

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade, index=True)
    union = ForeignKey(GrassrootsUnion, null=False, on_delete=OnDelete.cascade)
    uploaded_by = Integer(null=True, default=None)  # the user's id
    filename = Varchar(length=255)
    content = Bytea()
    created_at = Timestamptz(default=TimestamptzNow())


class UnionDissolution(Table):
    """The upper-level union's decision dissolving a grassroots union (quyết định giải thể công
    đoàn cơ sở): one per union; the union's register is kept, closed."""

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade, index=True)
    union = ForeignKey(GrassrootsUnion, null=False, on_delete=OnDelete.cascade, unique=True)
    reason = Varchar(length=24)  # rules.DissolutionReason
    reason_text = Text(default="")  # the reason in words, for "another reason"
    dissolved_on = Date()
    decision_number = Varchar(length=50)
    decision = ForeignKey(IssuedDocument, null=True, on_delete=OnDelete.restrict)
    recorded_by = Integer(null=True, default=None)  # the officer's user id
    active_members = Integer(default=0)  # on the register the day it closed
    created_at = Timestamptz(default=TimestamptzNow())
