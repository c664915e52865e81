"""Follow-up actions: what a dialogue or a conference agreed to do, until it is done."""

from __future__ import annotations

from enum import StrEnum

from piccolo.columns import Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from labour_democracy.core.tables import Enterprise


class FollowUpStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"  # with a reason


class FollowUp(Table):
    """An action agreed at a dialogue or a conference (nội dung đã thống nhất, cam kết cần
    thực hiện), with who carries it out and by when; both sides follow it."""

    enterprise = ForeignKey(Enterprise, null=False, on_delete=OnDelete.cascade, index=True)
    # Where it was agreed: the module ("dialogue", "conference"), its record and a label
    # to show ("Đối thoại định kỳ 15/06/2026").
    source_kind = Varchar(length=30, index=True)
    source_id = Integer(index=True)
    title = Varchar(length=500)
    owner = Varchar(length=255)  # a side or a person
    due_on = Date(index=True)
    status = Varchar(length=8, choices=FollowUpStatus, default=FollowUpStatus.OPEN)
    drop_reason = Text(default="")
    notes = Text(default="")
    done_on = Date(null=True, default=None)
    created_by = Integer(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
