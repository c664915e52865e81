"""The forms of the agreements pages (msgspec Structs, parsed by web/forms)."""

from __future__ import annotations

import datetime as dt

import msgspec

from labour_democracy.agreements.tables import BargainingSide, ClauseStatus
from labour_democracy.voting.tables import Channels


class RequestForm(msgspec.Struct, kw_only=True):
    requested_by: BargainingSide
    received_on: dt.date
    title: str
    contents: str
    upper_union_invited: bool = False
    copy_previous: bool = False  # start from the articles of the last signed agreement


class ReplyForm(msgspec.Struct, kw_only=True):
    replied_on: dt.date
    agreed_time_place: str


class InformationForm(msgspec.Struct, kw_only=True):
    information_asked_on: dt.date
    information_given_on: dt.date | None = None


class TeamMemberForm(msgspec.Struct, kw_only=True):
    side: BargainingSide
    full_name: str
    title: str | None = None
    from_upper_union: bool = False
    leads: bool = False


class SessionForm(msgspec.Struct, kw_only=True):
    held_on: dt.date
    place: str
    minute_taker: str
    notes: str | None = None


class ClauseForm(msgspec.Struct, kw_only=True):
    chapter: int
    title: str
    text: str
    term: str | None = None
    value: str | None = None
    title_en: str | None = None
    text_en: str | None = None


class ProposalForm(msgspec.Struct, kw_only=True):
    side: BargainingSide
    status: ClauseStatus
    text: str | None = None
    value: str | None = None
    session: int | None = None


class FailureForm(msgspec.Struct, kw_only=True):
    failed_on: dt.date
    failure_reason: str


class VoteForm(msgspec.Struct, kw_only=True):
    channels: Channels = Channels.PAPER
    explanation: str | None = None
    by_chapter: bool = False  # one question per chapter, each needing more than half


class SignForm(msgspec.Struct, kw_only=True):
    signed_on: dt.date
    term_months: int
    effective_on: dt.date | None = None
    employer_signer: str
    workers_signer: str


class DateForm(msgspec.Struct, kw_only=True):
    on: dt.date


class ReceiptForm(msgspec.Struct, kw_only=True):
    receipt_on: dt.date
    receipt_reference: str


class ExtensionForm(msgspec.Struct, kw_only=True):
    """The parties' proposal to extend the agreement in force (Art. 83(1))."""

    requested_by: BargainingSide
    proposed_on: dt.date
    expires_on: dt.date  # the new expiry
    contents: str | None = None


class ExtensionSignForm(msgspec.Struct, kw_only=True):
    signed_on: dt.date
    employer_signer: str
    workers_signer: str


class GradingForm(msgspec.Struct, kw_only=True):
    """A province's grading criteria: each grade's least count of terms beyond the law and of
    topic groups they cover."""

    province: int
    source: str
    count_benefits_without_floor: bool = False
    a_more_favourable: int
    a_groups: int
    b_more_favourable: int
    b_groups: int
    c_more_favourable: int
    c_groups: int
    d_more_favourable: int
    d_groups: int
