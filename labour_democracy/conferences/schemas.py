"""Input of the conference forms, and what the JSON API answers (api.py)."""

from __future__ import annotations

import datetime as dt

import msgspec

from labour_democracy.conferences.tables import (
    AgendaKind,
    BoardSizeException,
    ConferenceForm,
    ConferenceKind,
    DelegateKind,
    DelegateReason,
    Requester,
    VoteMode,
)
from labour_democracy.core.schemas import PageOut
from labour_democracy.voting.rules import Base, Comparator
from labour_democracy.voting.schemas import ResultOut, RuleOut
from labour_democracy.voting.tables import ElectionMethod


class RulesForm(msgspec.Struct, kw_only=True):
    opt_in_soe_rules: bool = False
    form: ConferenceForm = ConferenceForm.EITHER
    quorum_comparator: Comparator = Comparator.AT_LEAST
    quorum_numerator: int = 2
    quorum_denominator: int = 3
    pass_base: Base = Base.PRESENT
    pass_comparator: Comparator = Comparator.GREATER
    pass_numerator: int = 1
    pass_denominator: int = 2
    months_after_year_end: int = 3
    review_months: int = 6
    regulation_reference: str | None = None
    # Private enterprises: the share of workers that calls an extraordinary conference, as the
    # regulation sets it; both blank when it sets none (the law sets no default).
    extraordinary_numerator: int | None = None
    extraordinary_denominator: int | None = None
    board_size_exception: BoardSizeException = BoardSizeException.NONE


class PlanForm(msgspec.Struct, kw_only=True):
    year: int
    kind: ConferenceKind = ConferenceKind.ANNUAL
    requested_by: Requester | None = None
    requesters: int | None = None
    held_on: dt.date
    starts_at: str  # "08:00"
    venue: str
    form: ConferenceForm
    # Law 10/2022, Art. 69(2)(b): why an SOE under 100 workers meets as delegates.
    delegate_reason: DelegateReason | None = None
    employer_chair: str
    # The workers' side co-chair: empty where the enterprise has no union (Decree 145, Art. 47(1)).
    union_chair: str = ""
    secretary: str


class PlanEditForm(msgspec.Struct, kw_only=True):
    """What can be corrected in a plan before the conference opens; year, kind and form stay
    as planned (the delegate list depends on the form)."""

    requested_by: Requester | None = None
    requesters: int | None = None
    held_on: dt.date
    starts_at: str  # "08:00"
    venue: str
    employer_chair: str
    # The workers' side co-chair: empty where the enterprise has no union (Decree 145, Art. 47(1)).
    union_chair: str = ""
    secretary: str


class SeatsForm(msgspec.Struct, kw_only=True):
    seats: int


class DelegateForm(msgspec.Struct, kw_only=True):
    worker: int
    kind: DelegateKind = DelegateKind.EX_OFFICIO
    ex_officio_role: str | None = None


class UnitResultForm(msgspec.Struct, kw_only=True):
    workers: list[int] = msgspec.field(default_factory=list)


class AgendaItemForm(msgspec.Struct, kw_only=True):
    title: str
    kind: AgendaKind = AgendaKind.INFO
    vote_mode: VoteMode = VoteMode.SHOW_OF_HANDS
    candidates: str | None = None
    seats: int | None = None
    election_method: ElectionMethod = ElectionMethod.TICK
    notes: str | None = None


class HandsForm(msgspec.Struct, kw_only=True):
    """Show-of-hands totals of one agenda item, counted by two tellers."""

    teller_one: str
    teller_two: str


class StepForm(msgspec.Struct, kw_only=True):
    done: bool = False
    owner: str | None = None
    due_on: dt.date | None = None


class CommitmentForm(msgspec.Struct, kw_only=True):
    title: str
    owner: str
    due_on: dt.date


class ReviewForm(msgspec.Struct, kw_only=True):
    held_on: dt.date
    report: str
    informed_workers_on: dt.date | None = None
    reason: str = ""  # why a review covers less than half its interval


class CloseForm(msgspec.Struct, kw_only=True):
    resolution_summary: str | None = None
    reason: str | None = None  # why agenda items to be voted on were not


# What the JSON API (/api/v1) answers: the conference as its pages show it.


class ConferenceSummaryOut(msgspec.Struct, kw_only=True):
    id: int
    year: int
    kind: str  # annual, extraordinary
    form: str  # whole_workforce, delegates
    held_on: dt.date  # the planned date
    status: str  # planned, in_session, closed, published
    published_on: dt.date | None


class ConferencePageOut(PageOut, kw_only=True):
    items: list[ConferenceSummaryOut]


class AttendanceOut(msgspec.Struct, kw_only=True):
    convened: int  # delegates (or, at a whole-workforce conference, every worker) convened
    present: int  # checked in
    quorum_reached: bool
    quorum_needed: int  # the fewest present that reach the quorum


class AgendaItemOut(msgspec.Struct, kw_only=True):
    position: int
    title: str
    kind: str  # info, resolution, election
    vote_mode: str  # show_of_hands, named, secret
    ballot: int | None  # the voting engine's ballot (GET .../ballots/{id}/result)
    vote_status: str | None  # draft, open, closed; null before a vote is prepared
    result: ResultOut | None  # once the vote is closed and counted


class DocumentOut(msgspec.Struct, kw_only=True):
    kind: str  # minutes, resolution, review_report
    reference: str  # its number and symbol, e.g. "01/BB-HNNLĐ"
    title: str
    issued_on: dt.date
    url: str  # the page route that downloads it (.docx; add ?format=pdf for a PDF)


class ConferenceOut(msgspec.Struct, kw_only=True):
    id: int
    title: str  # in the reader's language
    year: int
    kind: str
    requested_by: str | None  # an extraordinary conference: who asked
    form: str
    delegate_reason: str | None
    held_on: dt.date
    starts_at: str  # hh:mm, local time
    venue: str
    status: str
    documents_sent_on: dt.date | None
    opened_at: dt.datetime | None  # when the session was opened
    closed_at: dt.datetime | None
    published_on: dt.date | None
    quorum: RuleOut
    passing: RuleOut
    attendance: AttendanceOut
    resolution_adopted: bool
    agenda: list[AgendaItemOut]
    documents: list[DocumentOut]
