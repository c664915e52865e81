"""The demo tells one story: its conference plan, issued today, lists no step due before the
plan's own date."""

from __future__ import annotations

import datetime as dt

import pytest

from labour_democracy.conferences import rules
from labour_democracy.conferences.demo import demo_date
from labour_democracy.core.calendar import add_working_days, week_of

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("saturday_works", [False, True])
def test_no_step_of_the_demo_plan_is_due_before_the_plan(saturday_works):
    week = week_of(saturday_works)
    day = dt.date(2026, 1, 1)
    while day.year == 2026:
        held_on = demo_date(day, week)
        for step in rules.TIMELINE:
            due = add_working_days(held_on, step.working_days, week)
            assert due >= day, (day, step.key, due)
        assert held_on <= day + dt.timedelta(days=75)  # still "ready to run" soon
        day += dt.timedelta(days=7)
