import datetime as dt

import pytest

from labour_democracy import i18n
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


# --- The enterprise's own week (issue 12, item 6) -------------------------------------------

SAT_SUN = calendar.WorkingWeek(calendar.SATURDAY_AND_SUNDAY)
SUNDAY = calendar.WorkingWeek(calendar.SUNDAY_ONLY)
FRIDAY = calendar.WorkingWeek(frozenset({4}))


def test_the_library_knows_2026_and_2027():
    # pyproject pins holidays>=0.106, the first version with 2026's swap and 24/11.
    assert set(calendar.statutory_holidays(2026)) == {
        D(2026, 1, 1), D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 18), D(2026, 2, 19),
        D(2026, 2, 20), D(2026, 4, 26), D(2026, 4, 30), D(2026, 5, 1), D(2026, 9, 1),
        D(2026, 9, 2), D(2026, 11, 24),
    }  # fmt: skip
    assert set(calendar.statutory_holidays(2027)) == {
        D(2027, 1, 1), D(2027, 2, 5), D(2027, 2, 6), D(2027, 2, 7), D(2027, 2, 8),
        D(2027, 2, 9), D(2027, 4, 16), D(2027, 4, 30), D(2027, 5, 1), D(2027, 9, 2),
        D(2027, 9, 3), D(2027, 11, 24),
    }  # fmt: skip


def test_a_civil_service_swap_day_is_not_an_enterprise_holiday():
    assert D(2026, 8, 31) in calendar.civil_service_swap_days(2026)
    assert calendar.is_working_day(D(2026, 8, 31), SAT_SUN)  # a Monday
    assert not calendar.is_working_day(D(2026, 9, 1), SAT_SUN)
    # ... unless the enterprise adds it
    added = calendar.WorkingWeek(SAT_SUN.rest_days, added=((D(2026, 8, 31), "swap"),))
    assert not calendar.is_working_day(D(2026, 8, 31), added)
    assert calendar.day_off(D(2026, 8, 31), added).kind == calendar.ADDED


def test_a_holiday_on_the_weekly_rest_day_gives_the_next_working_day_off():
    # Labour Code Art. 111(3): 1/5/2027 is a Saturday.
    assert not calendar.is_working_day(D(2027, 5, 3), SAT_SUN)  # Saturday off: Monday in lieu
    assert calendar.day_off(D(2027, 5, 3), SAT_SUN).replaces == D(2027, 5, 1)
    assert calendar.is_working_day(D(2027, 5, 3), SUNDAY)  # Saturday worked: no substitute
    assert calendar.is_working_day(D(2027, 5, 4), SAT_SUN)
    # Hùng Kings' day 26/4/2026 is a Sunday: Monday off for both weeks.
    assert not calendar.is_working_day(D(2026, 4, 27), SUNDAY)
    assert not calendar.is_working_day(D(2026, 4, 27), SAT_SUN)
    assert calendar.is_working_day(D(2026, 4, 28), SAT_SUN)


def test_another_rest_day_moves_the_substitute_to_that_weeks_next_working_day():
    # Friday rest: 30/4/2027 is a Friday; Saturday 1/5 is itself a holiday, so the substitute
    # is Sunday 2/5, a working day for this enterprise.
    assert calendar.is_working_day(D(2027, 5, 2), SAT_SUN) is False  # a Sunday
    assert calendar.day_off(D(2027, 5, 2), FRIDAY).replaces == D(2027, 4, 30)
    assert calendar.is_working_day(D(2027, 5, 3), FRIDAY)
    assert calendar.is_working_day(D(2027, 5, 8), FRIDAY)  # Saturday works
    assert not calendar.is_working_day(D(2027, 5, 7), FRIDAY)


def test_tet_2027_on_a_weekend_gives_the_days_after_it_off():
    days = calendar.days_off(2027, SAT_SUN)
    assert days[D(2027, 2, 10)].replaces == D(2027, 2, 6)
    assert days[D(2027, 2, 11)].replaces == D(2027, 2, 7)
    assert calendar.is_working_day(D(2027, 2, 12), SAT_SUN)
    assert calendar.is_working_day(D(2027, 2, 4), SAT_SUN)  # 29 Tết: civil service only


def test_an_administrator_removes_a_holiday_with_a_note():
    week = calendar.WorkingWeek(SAT_SUN.rest_days, removed=((D(2026, 11, 24), "not Art 112"),))
    assert calendar.is_working_day(D(2026, 11, 24), week)
    assert not calendar.is_working_day(D(2026, 11, 24), SAT_SUN)


def test_the_old_flag_still_works_positionally_and_by_keyword():
    saturday = D(2026, 11, 28)
    assert calendar.is_working_day(saturday, True)
    assert calendar.is_working_day(saturday, saturday_works=True)
    assert not calendar.is_working_day(saturday, saturday_works=False)
    assert calendar.add_working_days(D(2026, 11, 27), 1, True) == saturday
    assert calendar.add_working_days(D(2026, 11, 27), 1, saturday_works=True) == saturday
    assert calendar.next_working_day(saturday, saturday_works=True) == saturday
    assert calendar.working_days_between(D(2026, 11, 27), D(2026, 11, 30), saturday_works=True) == 2
    assert calendar.add_working_days(D(2026, 11, 27), 1, SUNDAY) == saturday


def test_a_deadline_explains_what_it_skipped():
    # A periodic dialogue on Monday 10/5/2027: contents due 5 working days before, 29/4/2027.
    due = calendar.add_working_days(D(2027, 5, 10), -5, SAT_SUN)
    assert due == D(2027, 4, 29)
    found = calendar.skipped(due, D(2027, 5, 10), SAT_SUN)
    assert [day for day, _off in found.days_off] == [D(2027, 4, 30), D(2027, 5, 1), D(2027, 5, 3)]
    assert found.rest_days == 3  # 2/5, 8/5, 9/5
    with i18n.language("en"):
        text = calendar.explain(D(2027, 5, 10), due, SAT_SUN)
    assert text == "skips 30/4, 1/5 and the substitute day off 3/5 (and 3 weekly rest days)"
    assert calendar.explain(D(2027, 5, 4), D(2027, 5, 5), SAT_SUN) == ""


@pytest.mark.parametrize(
    ("value", "valid"), [("6", True), ("5,6", True), ("4", True), ("", False), ("0,1,2", False)]
)
def test_the_rest_day_choices(value, valid):
    assert calendar.rest_days_valid(value) is valid
    assert calendar.parse_rest_days("5,6") == calendar.SATURDAY_AND_SUNDAY
    assert calendar.parse_rest_days("x") == calendar.SATURDAY_AND_SUNDAY
