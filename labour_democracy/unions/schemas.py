"""Input models of the union's forms and the API's answers."""

from __future__ import annotations

import datetime as dt

import msgspec

from labour_democracy.core.tables import Gender
from labour_democracy.unions.tables import Body, Office


class CampaignForm(msgspec.Struct, kw_only=True):
    union_name: str
    upper_union: str
    formed_on: dt.date
    # One member a line, "Full name - position"; the first is the head.
    members: str


class ApplicationForm(msgspec.Struct, kw_only=True):
    full_name: str
    gender: Gender
    unit: str | None = None
    nationality: str = "VN"
    contract_months: int | None = None  # empty: indefinite term


class TrackForm(msgspec.Struct, kw_only=True):
    code: str


class ReviewForm(msgspec.Struct, kw_only=True):
    decision: str  # "accept" or "refuse"
    employee_code: str | None = None
    reason: str | None = None


class CongressForm(msgspec.Struct, kw_only=True):
    congress_on: dt.date
    place: str
    executive_seats: int = 3
    inspection_seats: int = 1
    executive_candidates: str
    inspection_candidates: str


class AttendanceForm(msgspec.Struct, kw_only=True):
    present: list[int] = msgspec.field(default_factory=list)


class MeetingForm(msgspec.Struct, kw_only=True):
    """A committee's first meeting: when, where, and (the executive committee) how many
    vice-chairs it elects."""

    body: Body
    met_on: dt.date
    place: str
    vice_chair_seats: int = 0


class RoundForm(msgspec.Struct, kw_only=True):
    """A round of the first meeting's vote: the office and its candidates (committee members)."""

    body: Body
    office: Office
    candidates: list[int] = msgspec.field(default_factory=list)


class RoundResultForm(msgspec.Struct, kw_only=True):
    body: Body


class RecognitionForm(msgspec.Struct, kw_only=True):
    recognised_on: dt.date


class DissolutionForm(msgspec.Struct, kw_only=True):
    reason: str  # rules.DissolutionReason
    dissolved_on: dt.date
    reason_text: str | None = None


class MemberForm(msgspec.Struct, kw_only=True):
    employee_code: str
    joined_on: dt.date


class LeaveForm(msgspec.Struct, kw_only=True):
    left_on: dt.date
    transferred_to: str | None = None


class ImportForm(msgspec.Struct, kw_only=True):
    employee_codes: str
    joined_on: dt.date


class RosterImportForm(msgspec.Struct, kw_only=True):
    joined_on: dt.date


class FeesQuery(msgspec.Struct, kw_only=True):
    payroll: int | None = None
    year: int | None = None
    month: int | None = None


class UnionOut(msgspec.Struct):
    enterprise: int
    name: str
    upper_union: str
    status: str
    founders: int
    founding_minimum: int
    applications: int
    members: int
    recognised_on: dt.date | None
    next_congress_on: dt.date | None


class MembershipCountOut(msgspec.Struct):
    unit: str
    male: int
    female: int
    other: int
    foreign: int
    total: int


class FoundingProgressOut(msgspec.Struct):
    enterprise: int
    name: str
    workforce: int
    status: str | None
    founders: int
