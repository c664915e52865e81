"""Collective bargaining and the enterprise's collective labour agreements: the agreement and
its bargaining, the teams, the sessions, the clause ledger and its history, the approval votes
and the versions (Labour Code 2019 Arts. 65-89); the grading criteria each province's federation
sets."""

from __future__ import annotations

from enum import StrEnum

from piccolo.columns import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    SmallInt,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from labour_democracy.core.tables import Enterprise, Province
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.voting.tables import Ballot

# Enum values are distinct from every other module's: core.labels keys words by value.


class BargainingSide(StrEnum):
    """A party to bargaining (Art. 68)."""

    EMPLOYER = "cba_employer"
    WORKERS = "cba_workers"  # the representative organisation of the workers


class AgreementStatus(StrEnum):
    BARGAINING = "cba_bargaining"
    FAILED = "cba_failed"  # Art. 71: the labour-dispute procedure follows
    VOTING = "cba_voting"
    APPROVED = "cba_approved"
    SIGNED = "cba_signed"


class AgreementKind(StrEnum):
    NEW = "cba_new"
    AMENDMENT = "cba_amendment"  # Art. 82: bargained, voted and signed the same way
    # Art. 83: an extension of the agreement it `amends`, voted like it; its `expires_on` is the
    # new expiry proposed, recorded on the extended agreement when the extension is signed.
    EXTENSION = "cba_extension"


class ClauseStatus(StrEnum):
    PROPOSED = "clause_proposed"
    AGREED = "clause_agreed"  # tentatively agreed, until the vote
    DISPUTED = "clause_disputed"
    WITHDRAWN = "clause_withdrawn"


class Agreement(Table):
    """An enterprise collective labour agreement (Thỏa ước lao động tập thể doanh nghiệp), from
    the request to bargain (yêu cầu thương lượng tập thể) to its signing, filing and expiry."""

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade, index=True)
    kind = Varchar(length=16, choices=AgreementKind, default=AgreementKind.NEW)
    amends = ForeignKey("self", null=True, on_delete=OnDelete.set_null)
    title = Varchar(length=300)
    status = Varchar(length=16, choices=AgreementStatus, default=AgreementStatus.BARGAINING)
    # The request (Art. 70(1)).
    requested_by = Varchar(length=16, choices=BargainingSide)
    request_contents = Text(default="")
    received_on = Date()
    reply_due_on = Date()
    first_session_due_on = Date()
    replied_on = Date(null=True, default=None)
    agreed_time_place = Varchar(length=500, default="")
    information_asked_on = Date(null=True, default=None)
    information_given_on = Date(null=True, default=None)
    request_document = ForeignKey(IssuedDocument, null=True, on_delete=OnDelete.set_null)
    upper_union_invited = Boolean(default=False)
    # The worker side's consultation of workers on what to ask for (Art. 70(4)).
    consultation_ballot = ForeignKey(Ballot, null=True, on_delete=OnDelete.set_null)
    # Bargaining (Art. 70(2)) and its failure (Art. 71).
    first_session_on = Date(null=True, default=None)
    bargaining_due_on = Date(null=True, default=None)
    failed_on = Date(null=True, default=None)
    failure_reason = Text(default="")
    # Signing, term and filing (Arts. 76-78).
    signed_on = Date(null=True, default=None)
    employer_signer = Varchar(length=255, default="")
    workers_signer = Varchar(length=255, default="")
    effective_on = Date(null=True, default=None)
    term_months = SmallInt(null=True, default=None)
    expires_on = Date(null=True, default=None)
    agreement_document = ForeignKey(IssuedDocument, null=True, on_delete=OnDelete.set_null)
    published_on = Date(null=True, default=None)
    publication_document = ForeignKey(IssuedDocument, null=True, on_delete=OnDelete.set_null)
    filing_document = ForeignKey(IssuedDocument, null=True, on_delete=OnDelete.set_null)
    filed_on = Date(null=True, default=None)
    receipt_on = Date(null=True, default=None)
    receipt_reference = Varchar(length=100, default="")
    created_by = Integer(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class TeamMember(Table):
    """A member of one side's bargaining team (thành viên đoàn thương lượng, Art. 69)."""

    agreement = ForeignKey(Agreement, null=False, on_delete=OnDelete.cascade, index=True)
    side = Varchar(length=16, choices=BargainingSide)
    full_name = Varchar(length=255)
    title = Varchar(length=255, default="")
    from_upper_union = Boolean(default=False)  # invited by the worker side (Art. 69(2))
    leads = Boolean(default=False)


class BargainingSession(Table):
    """A bargaining session (phiên họp thương lượng tập thể) and its minutes (Art. 70(5))."""

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade, index=True)
    agreement = ForeignKey(Agreement, null=False, on_delete=OnDelete.cascade, index=True)
    number = SmallInt()
    held_on = Date()
    place = Varchar(length=300, default="")
    minute_taker = Varchar(length=255, default="")
    notes = Text(default="")
    minutes_document = ForeignKey(IssuedDocument, null=True, on_delete=OnDelete.set_null)
    published_on = Date(null=True, default=None)


class Chapter(Table):
    """A chapter of the agreement (Chương)."""

    agreement = ForeignKey(Agreement, null=False, on_delete=OnDelete.cascade, index=True)
    position = SmallInt()
    title = Varchar(length=300)
    title_en = Varchar(length=300, default="")


class Clause(Table):
    """An article of the agreement (Điều), its current text and, where the law sets a floor,
    its structured term (e.g. the lowest monthly wage) checked against the law."""

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade, index=True)
    agreement = ForeignKey(Agreement, null=False, on_delete=OnDelete.cascade, index=True)
    chapter = ForeignKey(Chapter, null=False, on_delete=OnDelete.cascade, index=True)
    position = SmallInt()
    title = Varchar(length=300)
    title_en = Varchar(length=300, default="")
    text = Text(default="")
    text_en = Text(default="")
    term = Varchar(length=40, default="")  # a floors.TERM_KINDS key, or ""
    value = Numeric(digits=(16, 2), null=True, default=None)
    status = Varchar(length=16, choices=ClauseStatus, default=ClauseStatus.PROPOSED)


class Proposal(Table):
    """One step of a clause's history: a side's proposal at a session, or a change of status
    (đề xuất của mỗi bên)."""

    clause = ForeignKey(Clause, null=False, on_delete=OnDelete.cascade, index=True)
    session = ForeignKey(BargainingSession, null=True, on_delete=OnDelete.set_null)
    side = Varchar(length=16, choices=BargainingSide)
    text = Text(default="")
    value = Numeric(digits=(16, 2), null=True, default=None)
    status = Varchar(length=16, choices=ClauseStatus)
    created_by = Integer(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class ApprovalVote(Table):
    """A vote of all workers on the draft (biểu quyết thông qua dự thảo thỏa ước, Art. 76):
    its ballot in the voting engine and, once counted, its result."""

    agreement = ForeignKey(Agreement, null=False, on_delete=OnDelete.cascade, index=True)
    ballot = ForeignKey(Ballot, null=False, on_delete=OnDelete.restrict)
    version = Integer(null=True, default=None)
    votes_for = Integer(null=True, default=None)
    workforce = Integer(null=True, default=None)
    passed = Boolean(null=True, default=None)
    recorded_on = Date(null=True, default=None)


class AgreementVersion(Table):
    """A frozen copy of the agreement's chapters and articles (phiên bản), taken when it is put
    to the vote and when it is signed; compared between versions."""

    agreement = ForeignKey(Agreement, null=False, on_delete=OnDelete.cascade, index=True)
    number = SmallInt()
    reason = Varchar(length=30)
    made_on = Date()
    content = JSON(default="[]")


class GradingCriteria(Table):
    """A provincial federation's criteria for grading agreements (tiêu chí xếp loại thỏa ước,
    Guidance 1580/HD-TLĐ): the cut-offs of grades A-D, with their source, who set them and
    when. A province without a row grades with the app's default (`data/grading.json`)."""

    province = ForeignKey(Province, null=False, unique=True, on_delete=OnDelete.cascade)
    source = Text()
    count_benefits_without_floor = Boolean(default=True)
    # [{"grade": "A", "more_favourable": 8, "groups": 4}, ...] from A to D.
    grades = JSON(default="[]")
    set_by = Integer(null=True, default=None)  # the user's id
    set_on = Date()
