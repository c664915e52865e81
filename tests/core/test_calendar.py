import datetime as dt

import pytest

from labour_democracy.core import calendar

pytestmark = pytest.mark.unit  # no database, no app: `pytest -m unit` runs these

D = dt.date


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 2, 13), True),  # Friday before Tết
        (D(2026, 2, 16), False),  # Tết: lunar New Year's Eve (a Monday)
        (D(2026, 2, 20), False),  # Tết, fourth day
        (D(2026, 2, 23), True),  # back to work
        (D(2026, 4, 27), False),  # Hùng Kings' day (observed)
        (D(2026, 4, 30), False),
        (D(2026, 5, 1), False),
        (D(2026, 5, 4), True),
        (D(2026, 9, 2), False),
        (D(2026, 11, 28), False),  # Saturday
        (D(2026, 11, 29), False),  # Sunday
    ],
)
def test_weekends_and_public_holidays_lunar_ones_included_are_not_working_days(day, working):
    assert calendar.is_working_day(day) is working


def test_an_enterprise_working_on_saturday_counts_it_but_never_sunday():
    assert calendar.is_working_day(D(2026, 11, 28), saturday_works=True)
    assert not calendar.is_working_day(D(2026, 11, 29), saturday_works=True)


def test_five_working_days_over_tet_skip_the_whole_holiday():
    # Sent Friday 13 Feb 2026; Tết runs Mon 16 to Fri 20 Feb.
    assert calendar.add_working_days(D(2026, 2, 13), 5) == D(2026, 2, 27)
    assert calendar.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)


def test_three_working_days_over_30_april_and_1_may():
    # A dialogue on Wednesday 29 April 2026: publish by Tuesday 5 May.
    assert calendar.add_working_days(D(2026, 4, 29), 3) == D(2026, 5, 6)
    assert calendar.working_days_between(D(2026, 4, 29), D(2026, 5, 6)) == 3
    assert calendar.working_days_between(D(2026, 4, 29), D(2026, 5, 5)) == 2


def test_counting_backwards_gives_the_last_day_to_send_contents():
    # Five working days before a dialogue on Monday 23 Feb 2026 (just after Tết).
    assert calendar.add_working_days(D(2026, 2, 23), -5) == D(2026, 2, 9)


def test_next_working_day_keeps_a_working_day():
    assert calendar.next_working_day(D(2026, 5, 4)) == D(2026, 5, 4)
    assert calendar.next_working_day(D(2026, 4, 30)) == D(2026, 5, 4)
