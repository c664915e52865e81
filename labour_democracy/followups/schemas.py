"""Input of the follow-up forms."""

from __future__ import annotations

import datetime as dt

import msgspec

from labour_democracy.followups.tables import FollowUpStatus


class CompleteForm(msgspec.Struct, kw_only=True):
    done_on: dt.date
    note: str | None = None


class DropForm(msgspec.Struct, kw_only=True):
    reason: str


class NoteForm(msgspec.Struct, kw_only=True):
    note: str


class FollowUpQuery(msgspec.Struct, kw_only=True):
    source_kind: str | None = None
    status: FollowUpStatus | None = None
    overdue: bool = False
    page: int = 1
