"""The follow-ups' rules, on both sides of every boundary."""

from __future__ import annotations

import datetime as dt

import pytest

from labour_democracy.core.rates import Rate
from labour_democracy.followups import rules
from labour_democracy.followups.tables import FollowUpStatus

pytestmark = pytest.mark.unit  # no database, no app: `pytest -m unit` runs these

DUE = dt.date(2026, 6, 30)


def test_an_open_action_is_in_time_on_its_due_date_and_late_the_day_after():
    assert not rules.is_overdue(FollowUpStatus.OPEN, DUE, DUE - dt.timedelta(days=1))
    assert not rules.is_overdue(FollowUpStatus.OPEN, DUE, DUE)
    assert rules.is_overdue(FollowUpStatus.OPEN, DUE, DUE + dt.timedelta(days=1))


def test_a_closed_action_is_never_late():
    later = DUE + dt.timedelta(days=30)
    assert not rules.is_overdue(FollowUpStatus.DONE, DUE, later)
    assert not rules.is_overdue(FollowUpStatus.DROPPED, DUE, later)


def test_rate():
    assert Rate(0, 0).ratio is None
    assert Rate(3, 4).ratio == 0.75
