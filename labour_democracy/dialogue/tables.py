"""Workplace dialogue: the regulation's settings, the member lists, dialogues, requests,
attendance and agenda items (Labour Code 2019 Arts. 63-64; Decree 145/2020/NĐ-CP Arts. 37-41)."""

from __future__ import annotations

import secrets
from enum import StrEnum

from piccolo.columns import (
    Boolean,
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

from labour_democracy.core.tables import Enterprise, Worker
from labour_democracy.documents.tables import IssuedDocument
from labour_democracy.voting.tables import Ballot

# Enum values are distinct from every other module's: core.labels keys words by value.


class Side(StrEnum):
    """Who a dialogue member sits for (Decree 145 Art. 38)."""

    EMPLOYER = "employer_side"
    UNION = "union_side"  # the grassroots trade union
    WORKERS_ORGANISATION = "workers_org_side"  # a workers' organisation at the enterprise
    DIALOGUE_GROUP = "dialogue_group_side"  # the workers' dialogue representative group


WORKER_SIDES = (Side.UNION, Side.WORKERS_ORGANISATION, Side.DIALOGUE_GROUP)


class DialogueKind(StrEnum):
    PERIODIC = "periodic"  # định kỳ, Labour Code Art. 63(2)(a)
    REQUESTED = "on_request"  # khi có yêu cầu, Art. 63(2)(b)
    EVENT = "on_event"  # khi có vụ việc, Art. 63(2)(c)


class EventMatter(StrEnum):
    """The seven matters of Labour Code Art. 63(2)(c) / Decree 145 Art. 41."""

    PERFORMANCE_RULES = "performance_rules"  # Art. 36(1)(a)
    REDUNDANCY = "redundancy"  # Art. 42
    LABOUR_USAGE_PLAN = "labour_usage_plan"  # Art. 44
    WAGE_SCALE = "wage_scale"  # Art. 93
    BONUS_RULES = "bonus_rules"  # Art. 104
    INTERNAL_RULES = "internal_rules"  # Art. 118
    SUSPENSION = "work_suspension"  # Art. 128


class DialogueStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"  # recorded, not yet publicised
    PUBLICISED = "publicised"
    CALLED_OFF = "called_off"


class MemberListStatus(StrEnum):
    DRAFT = "list_draft"
    PUBLISHED = "list_published"


class RequestSide(StrEnum):
    EMPLOYER = "by_employer"
    WORKERS = "by_workers"


class AgendaSource(StrEnum):
    SUGGESTION = "from_suggestion"
    FOLLOW_UP = "from_follow_up"
    MANUAL = "manual_item"


class DialogueSettings(Table):
    """The dialogue part of the enterprise's democracy regulation (quy chế dân chủ ở cơ sở tại
    nơi làm việc, phần đối thoại), Decree 145 Art. 37(2)(c)."""

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade, unique=True)
    periodic_per_year = SmallInt(default=1)
    # Comma-separated month numbers ("6" or "3,9"), one per periodic dialogue.
    periodic_months = Varchar(length=40, default="6")
    regulation_adopted_on = Date(null=True, default=None)
    # Working days the worker side has to answer an event document in writing (Art. 41(1)(b)
    # leaves it to the regulation).
    event_reply_days = SmallInt(default=5)
    # Secret part of the iCalendar feed's address (/dialogue-calendar/<token>.ics).
    # A standard-library default, so the generated migration imports no application code.
    calendar_token = Varchar(length=64, default=secrets.token_urlsafe, unique=True)
    updated_at = Timestamptz(default=TimestamptzNow())


class MemberList(Table, tablename="dialogue_member_list"):
    """One version of the list of dialogue members of both sides (danh sách thành viên đại
    diện đối thoại), fixed at least every 2 years and publicised (Decree 145 Art. 38(3))."""

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade, index=True)
    valid_from = Date()
    # The workforce the worker-side size was checked against.
    workforce = Integer(default=0)
    status = Varchar(length=16, choices=MemberListStatus, default=MemberListStatus.DRAFT)
    published_on = Date(null=True, default=None)
    document = ForeignKey(IssuedDocument, null=True, on_delete=OnDelete.restrict)
    # The vote electing the workers' dialogue group of this version (Decree 145 Art. 37(1)).
    election_ballot = ForeignKey(Ballot, null=True, on_delete=OnDelete.restrict)
    created_by = Integer(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class Member(Table, tablename="dialogue_member"):
    """A dialogue member (thành viên đại diện đối thoại) of one side in one list version."""

    member_list = ForeignKey(MemberList, null=False, on_delete=OnDelete.cascade, index=True)
    side = Varchar(length=20, choices=Side)
    full_name = Varchar(length=255)
    gender = Varchar(length=6, default="")  # core Gender values
    title = Varchar(length=255, default="")
    worker = ForeignKey(Worker, null=True, on_delete=OnDelete.set_null)
    # The employer's legal representative (người đại diện theo pháp luật).
    legal_representative = Boolean(default=False)
    # Signs the minutes for its organisation or group (Decree 145 Art. 39(4)).
    signs_for_side = Boolean(default=False)
    position = SmallInt(default=0)
    # A replacement between two versions (Art. 38(3)): the old member points to the new one.
    replaced_by = ForeignKey("self", null=True, on_delete=OnDelete.set_null)
    replaced_on = Date(null=True, default=None)
    added_on = Date(null=True, default=None)


class Dialogue(Table):
    """A workplace dialogue (cuộc đối thoại tại nơi làm việc): periodic, on request or on an
    event, from its contents to its minutes (biên bản đối thoại) and publication."""

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade, index=True)
    kind = Varchar(length=12, choices=DialogueKind)
    matter = Varchar(length=20, default="")  # EventMatter, for kind on_event
    title = Varchar(length=500)
    # Empty when `title` is the user's own text; else a key of labels.TITLES: the app's title,
    # translated where shown, composed with `title` (a requested dialogue: the requester).
    title_key = Varchar(length=40, default="")
    member_list = ForeignKey(MemberList, null=True, on_delete=OnDelete.restrict)
    scheduled_at = Timestamptz(index=True)
    place = Varchar(length=255, default="")
    status = Varchar(length=12, choices=DialogueStatus, default=DialogueStatus.PLANNED)
    # Each side's contents, sent to the other side >= 5 working days before (Art. 39(3)).
    employer_contents = Text(default="")
    employer_contents_sent_on = Date(null=True, default=None)
    worker_contents = Text(default="")
    worker_contents_sent_on = Date(null=True, default=None)
    # Event dialogue (Art. 41(1)): the employer's document to the worker side, the worker
    # side's written reply, and the date the change takes effect (its own duties count from it).
    event_document_sent_on = Date(null=True, default=None)
    event_reply_on = Date(null=True, default=None)
    event_reply = Text(default="")
    event_effective_on = Date(null=True, default=None)
    event_publicised_on = Date(null=True, default=None)
    # The record of the meeting.
    held_on = Date(null=True, default=None)
    started_at = Timestamptz(null=True, default=None)
    ended_at = Timestamptz(null=True, default=None)
    chair = Varchar(length=255, default="")
    secretary = Varchar(length=255, default="")
    # Present for the employer when the legal representative is not (Art. 39(4)).
    authorised_person = Varchar(length=255, default="")
    # A topic concerns women: a women's representative takes part (Decree 145 Art. 38(4)).
    concerns_women = Boolean(default=False)
    womens_representative = Varchar(length=255, default="")
    # The main contents publicised within 3 working days (Art. 39(5)).
    summary = Text(default="")
    published_on = Date(null=True, default=None)
    minutes_document = ForeignKey(IssuedDocument, null=True, on_delete=OnDelete.restrict)
    publication_document = ForeignKey(IssuedDocument, null=True, on_delete=OnDelete.restrict)
    created_by = Integer(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class DialogueRequest(Table):
    """A request for a dialogue (yêu cầu đối thoại) by one side, and its written reply
    (Decree 145 Art. 40)."""

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade, index=True)
    side = Varchar(length=12, choices=RequestSide)
    member_list = ForeignKey(MemberList, null=True, on_delete=OnDelete.restrict)
    # The organisation or group asking, as it signs ("Công đoàn cơ sở Công ty ...").
    requested_by = Varchar(length=255, default="")
    reason = Text()
    submitted_on = Date()
    # The day the other side received it (Decree 145 Art. 40(2) counts the reply from
    # receipt); the day it was entered unless said otherwise.
    received_on = Date(null=True, default=None)
    reply_due_on = Date(index=True)
    replied_on = Date(null=True, default=None)
    reply_text = Text(default="")
    reply_at = Timestamptz(null=True, default=None)  # the time agreed for the dialogue
    reply_place = Varchar(length=255, default="")
    reply_document = ForeignKey(IssuedDocument, null=True, on_delete=OnDelete.restrict)
    dialogue = ForeignKey(Dialogue, null=True, on_delete=OnDelete.set_null)
    created_by = Integer(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class RequestSupporter(Table, tablename="dialogue_request_supporter"):
    """A worker-side member who agreed to a worker-side request (Art. 40(1): >= 30 %)."""

    request = ForeignKey(DialogueRequest, null=False, on_delete=OnDelete.cascade, index=True)
    member = ForeignKey(Member, null=False, on_delete=OnDelete.cascade)


class Attendance(Table, tablename="dialogue_attendance"):
    """Whether a listed member attended a dialogue (thành phần tham dự)."""

    dialogue = ForeignKey(Dialogue, null=False, on_delete=OnDelete.cascade, index=True)
    member = ForeignKey(Member, null=False, on_delete=OnDelete.cascade)
    present = Boolean(default=False)


class AgendaItem(Table, tablename="dialogue_agenda_item"):
    """An item discussed at a dialogue (nội dung đối thoại), with both sides' positions and
    whether it was agreed (nội dung đã thống nhất / chưa thống nhất)."""

    dialogue = ForeignKey(Dialogue, null=False, on_delete=OnDelete.cascade, index=True)
    position = SmallInt(default=0)
    title = Varchar(length=500)
    details = Text(default="")
    source = Varchar(length=16, choices=AgendaSource, default=AgendaSource.MANUAL)
    source_id = Integer(null=True, default=None)  # the suggestion or follow-up
    employer_position = Text(default="")
    worker_position = Text(default="")
    # None until discussed.
    agreed = Boolean(null=True, default=None)
    agreed_text = Text(default="")
    # For an agreed item: the follow-up it became, who carries it out, by when.
    follow_up_id = Integer(null=True, default=None)
    owner = Varchar(length=255, default="")
    due_on = Date(null=True, default=None)
