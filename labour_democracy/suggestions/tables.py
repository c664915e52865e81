"""Workers' suggestions, questions and proposals, and the rate limit of the public form."""

from __future__ import annotations

from enum import StrEnum

from piccolo.columns import Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from labour_democracy.core.tables import Enterprise


class SuggestionKind(StrEnum):
    SUGGESTION = "suggestion"  # kiến nghị
    QUESTION = "question"  # câu hỏi
    PROPOSAL = "proposal"  # đề xuất


class Channel(StrEnum):
    # Values distinct from other modules' enums: core.labels keys words by value.
    ONLINE = "public_page"  # the enterprise's public page
    PAPER = "paper_box"  # a letter or the suggestion box
    MEETING = "at_meeting"  # raised at a meeting


class Topic(StrEnum):
    """Where a suggestion is to be taken up."""

    DIALOGUE = "dialogue"
    CONFERENCE = "conference"
    GENERAL = "general"
    # What the worker side asks for in collective bargaining (Labour Code 2019 Art. 70(4)); read
    # by the agreements module through services.for_bargaining.
    BARGAINING = "bargaining"


class SuggestionStatus(StrEnum):
    RECEIVED = "received"  # waiting for the union's moderation
    PUBLISHED = "published"  # visible to the employer and on the public page
    REJECTED = "not_taken_up"  # with a reason the author can read
    ANSWERED = "answered"


class Suggestion(Table):
    """A worker's suggestion, question or proposal (kiến nghị, câu hỏi, đề xuất của người lao
    động), Decree 145/2020/NĐ-CP, Art. 44(2): workers comment directly or through their
    representatives at a dialogue or the worker conference."""

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade, index=True)
    kind = Varchar(length=12, choices=SuggestionKind)
    subject = Varchar(length=200)
    body = Text()
    # Both optional: a worker may write anonymously.
    author_name = Varchar(length=255, default="")
    author_unit = Varchar(length=255, default="")
    channel = Varchar(length=12, choices=Channel)
    received_on = Date()
    topic = Varchar(length=12, choices=Topic, default=Topic.GENERAL, index=True)
    # The dialogue or conference it is assigned to (a record of the module named by `topic`).
    target_id = Integer(null=True, default=None, index=True)
    group_label = Varchar(length=100, default="")
    status = Varchar(length=12, choices=SuggestionStatus, default=SuggestionStatus.RECEIVED)
    rejection_reason = Text(default="")
    answer = Text(default="")
    answered_by = Integer(null=True, default=None)  # the user's id
    answered_role = Varchar(length=12, default="")  # hr / union / admin: shown as the side
    answered_at = Timestamptz(null=True, default=None)
    # Keyed hash of the tracking code given to the author; the code itself is never stored.
    tracking_hash = Varchar(length=64, null=True, default=None, unique=True)
    created_by = Integer(null=True, default=None)  # None: sent from the public page
    created_at = Timestamptz(default=TimestamptzNow())


class SubmissionWindow(Table):
    """How many public submissions (or status checks) one client address made in one hour.

    The key is a keyed hash of the address, the purpose and the hour, so the table holds no
    address and rows of different hours cannot be linked to one another; the counts are
    coarse on purpose, so they do not tell which suggestion came from which address.
    """

    key = Varchar(length=64, unique=True)
    window_start = Timestamptz(default=TimestamptzNow(), index=True)
    count = Integer(default=0)
