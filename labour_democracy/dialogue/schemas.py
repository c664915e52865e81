"""Input of the dialogue pages, and what the JSON API answers (api.py)."""

from __future__ import annotations

import datetime as dt

import msgspec

from labour_democracy.core.schemas import PageOut
from labour_democracy.dialogue.tables import DialogueKind, EventMatter, RequestSide, Side
from labour_democracy.voting.tables import ElectorateKind


class SettingsForm(msgspec.Struct, kw_only=True):
    periodic_per_year: int = 1
    periodic_months: str = "6"  # "3, 9"
    regulation_adopted_on: dt.date | None = None
    event_reply_days: int = 5


class MemberListForm(msgspec.Struct, kw_only=True):
    valid_from: dt.date
    copy_current: bool = False


class MemberForm(msgspec.Struct, kw_only=True):
    side: Side
    full_name: str
    gender: str | None = None
    title: str | None = None
    worker: int | None = None
    legal_representative: bool = False
    signs_for_side: bool = False


class GroupElectionForm(msgspec.Struct, kw_only=True):
    candidates: str  # one per line
    seats: int = 1
    # Decree 145/2020/NĐ-CP, Art. 37(1): workers outside any representative organisation.
    electorate_kind: ElectorateKind = ElectorateKind.NON_MEMBERS
    electorate_unit: int | None = None


class ReplacementForm(msgspec.Struct, kw_only=True):
    full_name: str
    gender: str | None = None
    title: str | None = None
    worker: int | None = None
    replaced_on: dt.date


class DialogueForm(msgspec.Struct, kw_only=True):
    kind: DialogueKind = DialogueKind.PERIODIC
    title: str
    scheduled_at: dt.datetime
    place: str
    matter: EventMatter | None = None


class ContentsForm(msgspec.Struct, kw_only=True):
    side: Side  # employer_side, or any worker side for the worker side's contents
    contents: str
    sent_on: dt.date


class EventStepsForm(msgspec.Struct, kw_only=True):
    event_document_sent_on: dt.date | None = None
    event_reply_on: dt.date | None = None
    event_reply: str | None = None
    event_effective_on: dt.date | None = None
    event_publicised_on: dt.date | None = None


class AttendanceForm(msgspec.Struct, kw_only=True):
    present: list[int] = []
    authorised_person: str | None = None
    concerns_women: bool = False
    womens_representative: str | None = None


class AgendaItemForm(msgspec.Struct, kw_only=True):
    title: str
    details: str | None = None


class PositionsForm(msgspec.Struct, kw_only=True):
    employer_position: str | None = None
    worker_position: str | None = None
    outcome: str | None = None  # "agreed", "not_agreed" or empty (not discussed yet)
    agreed_text: str | None = None
    owner: str | None = None
    due_on: dt.date | None = None


class RecordForm(msgspec.Struct, kw_only=True):
    held_on: dt.date
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None
    chair: str
    secretary: str
    summary: str


class PublishForm(msgspec.Struct, kw_only=True):
    published_on: dt.date


class RequestForm(msgspec.Struct, kw_only=True):
    side: RequestSide
    requested_by: str
    reason: str
    submitted_on: dt.date
    # The day the other side received it (Decree 145 Art. 40(2)); blank: the day entered.
    received_on: dt.date | None = None
    supporters: list[int] = []


class ReplyForm(msgspec.Struct, kw_only=True):
    replied_on: dt.date
    reply_text: str
    reply_at: dt.datetime
    reply_place: str


# What the JSON API (/api/v1) answers: the dialogues and requests as their pages show them.
# Members appear as the public page lists them (name, side, title), nothing from the roster.


class DocumentRefOut(msgspec.Struct, kw_only=True):
    reference: str  # the issued document's number and symbol
    issued_on: dt.date
    url: str  # the page route that downloads the .docx


class DialogueSummaryOut(msgspec.Struct, kw_only=True):
    id: int
    kind: str  # periodic, on_request, on_event
    matter: str | None  # an event dialogue's matter (Labour Code Art. 63(2)(c))
    title: str
    status: str  # planned, held, publicised, called_off
    scheduled_at: dt.datetime
    place: str
    contents_due_on: dt.date | None  # periodic: 5 working days before (Decree 145 Art. 39(3))
    employer_contents_sent_on: dt.date | None
    worker_contents_sent_on: dt.date | None
    contents_late: bool
    held_on: dt.date | None
    publication_due_on: dt.date | None  # 3 working days after it is held (Art. 39(5))
    published_on: dt.date | None
    publication_late: bool
    minutes: DocumentRefOut | None
    publication: DocumentRefOut | None


class DialoguePageOut(PageOut, kw_only=True):
    items: list[DialogueSummaryOut]


class MemberOut(msgspec.Struct, kw_only=True):
    side: str  # employer_side, union_side, workers_org_side, dialogue_group_side
    full_name: str
    title: str
    legal_representative: bool
    signs_for_side: bool
    present: bool


class DialogueItemOut(msgspec.Struct, kw_only=True):
    title: str
    agreed: bool | None  # null until discussed
    agreed_text: str
    owner: str  # who carries out what was agreed
    due_on: dt.date | None


class RequestOut(msgspec.Struct, kw_only=True):
    id: int
    side: str  # by_employer, by_workers
    requested_by: str
    submitted_on: dt.date
    received_on: dt.date
    reply_due_on: dt.date  # 5 working days from receipt (Decree 145 Art. 40(2))
    replied_on: dt.date | None
    late: bool  # answered after the due date, or still unanswered after it
    reply_at: dt.datetime | None  # the time agreed for the dialogue
    reply_place: str
    dialogue: int | None
    reply_document: DocumentRefOut | None


class RequestPageOut(PageOut, kw_only=True):
    items: list[RequestOut]


class DialogueOut(msgspec.Struct, kw_only=True):
    dialogue: DialogueSummaryOut
    event_document_sent_on: dt.date | None
    event_reply_on: dt.date | None
    event_effective_on: dt.date | None
    event_publicised_on: dt.date | None
    main_contents: str | None  # the summary publicised to the workers, once held
    members: list[MemberOut]
    worker_members: int
    workers_present: int
    quorum_needed: int  # periodic: more than 70 % of the worker side (Art. 39(4))
    quorum_met: bool | None  # periodic dialogues only
    items: list[DialogueItemOut]
    request: RequestOut | None
