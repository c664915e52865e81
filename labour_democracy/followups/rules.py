"""Rules of follow-up actions as pure functions: lateness and the yearly completion rate."""

from __future__ import annotations

import datetime as dt

from labour_democracy.followups.tables import FollowUpStatus

TITLE_LIMIT = 500
OWNER_LIMIT = 255
TEXT_LIMIT = 5_000


def is_overdue(status: FollowUpStatus, due_on: dt.date, on: dt.date) -> bool:
    """An open action whose due date has passed (the due date itself is still in time)."""
    return status is FollowUpStatus.OPEN and due_on < on
