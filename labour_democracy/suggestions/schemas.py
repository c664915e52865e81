"""Input of the suggestion forms, and what the JSON API answers (api.py)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import msgspec

from labour_democracy.suggestions.tables import Channel, SuggestionKind, SuggestionStatus, Topic


class PublicSuggestionForm(msgspec.Struct, kw_only=True):
    """What a worker sends from the public page."""

    kind: SuggestionKind = SuggestionKind.SUGGESTION
    topic: Topic = Topic.GENERAL
    subject: str
    body: str
    author_name: str | None = None
    author_unit: str | None = None


class PaperSuggestionForm(msgspec.Struct, kw_only=True):
    """A suggestion entered by the union or HR from paper or a meeting."""

    kind: SuggestionKind = SuggestionKind.SUGGESTION
    subject: str
    body: str
    author_name: str | None = None
    author_unit: str | None = None
    channel: Channel = Channel.PAPER
    received_on: dt.date
    topic: Topic = Topic.GENERAL
    target_id: int | None = None


class AnswerForm(msgspec.Struct, kw_only=True):
    answer: str


class RejectForm(msgspec.Struct, kw_only=True):
    reason: str


class TrackForm(msgspec.Struct, kw_only=True):
    code: str


class BulkForm(msgspec.Struct, kw_only=True):
    """Several suggestions at once: group them under a label, or assign them."""

    ids: list[int] = msgspec.field(default_factory=list)
    action: str = "group"  # "group" or "assign"
    group_label: str | None = None
    # "general", "dialogue", "dialogue:<id>", "conference:<id>" (services.parse_assignment)
    assign_to: str | None = None


class SuggestionQuery(msgspec.Struct, kw_only=True):
    status: SuggestionStatus | None = None
    topic: Topic | None = None
    target_id: int | None = None
    kind: SuggestionKind | None = None
    group: str | None = None
    year: int | None = None
    q: str | None = None
    sort: Literal["newest", "oldest"] = "newest"
    page: int = 1


class SuggestionRatesOut(msgspec.Struct, kw_only=True):
    """A year's suggestions in counts only (JSON API): nothing names or quotes an author."""

    year: int
    received: int  # received in the year (by `received_on`), whatever became of them
    not_taken_up: int  # refused by the union's moderation, with a reason
    taken_up: int  # the others: awaiting moderation, published or answered
    answered: int
    answer_rate: str | None  # answered of taken up in percent, one decimal, half up; null over 0
