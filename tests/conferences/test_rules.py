"""The conference's legal rules, each on both sides of its boundary."""

from __future__ import annotations

import datetime as dt

import pytest

from labour_democracy.conferences import rules
from labour_democracy.conferences.tables import ConferenceForm
from labour_democracy.voting.rules import Base, Comparator, Rule

pytestmark = pytest.mark.unit  # no database, no app: `pytest -m unit` runs these


def test_soe_quorum_is_two_thirds_inclusive():
    assert rules.quorum_met(rules.SOE_QUORUM, 66, 99)
    assert not rules.quorum_met(rules.SOE_QUORUM, 65, 99)
    assert rules.quorum_met(rules.SOE_QUORUM, 67, 100)
    assert not rules.quorum_met(rules.SOE_QUORUM, 66, 100)
    assert not rules.quorum_met(rules.SOE_QUORUM, 0, 0)


def test_soe_resolution_needs_more_than_half_of_those_present():
    assert rules.SOE_PASS.base is Base.PRESENT
    assert not rules.SOE_PASS.is_met(50, 100)
    assert rules.SOE_PASS.is_met(51, 100)


def test_soe_rules_apply_to_state_owned_or_opted_in():
    assert rules.soe_rules_apply(True, False)
    assert rules.soe_rules_apply(False, True)
    assert not rules.soe_rules_apply(False, False)


def test_soe_rules_cannot_be_weakened():
    lower = Rule(Base.ELECTORATE, Comparator.AT_LEAST, 3, 5, "")
    stricter = Rule(Base.ELECTORATE, Comparator.AT_LEAST, 3, 4, "")
    at_least_half = Rule(Base.PRESENT, Comparator.AT_LEAST, 1, 2, "")
    valid_base = Rule(Base.VALID, Comparator.GREATER, 1, 2, "")
    assert rules.weaker_than_law(True, rules.SOE_QUORUM, rules.SOE_PASS, 3, 6) == []
    assert rules.weaker_than_law(True, stricter, rules.SOE_PASS, 1, 1) == []
    assert rules.weaker_than_law(True, lower, rules.SOE_PASS, 3, 6) == ["quorum"]
    assert rules.weaker_than_law(True, rules.SOE_QUORUM, at_least_half, 3, 6) == ["pass"]
    assert rules.weaker_than_law(True, rules.SOE_QUORUM, valid_base, 3, 6) == ["pass"]
    assert rules.weaker_than_law(True, rules.SOE_QUORUM, rules.SOE_PASS, 4, 6) == [
        "months_after_year_end"
    ]
    assert rules.weaker_than_law(True, rules.SOE_QUORUM, rules.SOE_PASS, 3, 7) == ["review_months"]
    # A private enterprise's regulation may set anything.
    assert rules.weaker_than_law(False, lower, valid_base, 12, 12) == []


def test_annual_window_is_three_months_after_the_fiscal_year():
    def inside(day):
        return rules.in_annual_window(day, 12, 31, 3)

    assert inside(dt.date(2027, 1, 1))
    assert inside(dt.date(2027, 3, 31))
    assert not inside(dt.date(2027, 4, 1))
    assert not inside(dt.date(2026, 12, 31))
    # A fiscal year ending 30 June: July to September.
    assert rules.in_annual_window(dt.date(2027, 9, 30), 6, 30, 3)
    assert not rules.in_annual_window(dt.date(2027, 10, 1), 6, 30, 3)
    assert not rules.in_annual_window(dt.date(2027, 6, 30), 6, 30, 3)


def test_add_months_clamps_to_the_month_end():
    assert rules.add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert rules.add_months(dt.date(2027, 8, 31), 6) == dt.date(2028, 2, 29)
    assert rules.add_months(dt.date(2026, 12, 31), 1) == dt.date(2027, 1, 31)


def test_soe_under_100_workers_meets_as_a_whole():
    either = ConferenceForm.EITHER
    assert not rules.form_allowed(True, either, ConferenceForm.DELEGATES, 99)
    assert rules.form_allowed(True, either, ConferenceForm.DELEGATES, 100)
    assert rules.form_allowed(True, either, ConferenceForm.WHOLE, 99)
    assert rules.form_allowed(False, either, ConferenceForm.DELEGATES, 20)
    assert not rules.form_allowed(False, ConferenceForm.WHOLE, ConferenceForm.DELEGATES, 500)
    assert not rules.form_allowed(False, either, either, 500)


def test_extraordinary_request_needs_a_third_of_the_workers():
    assert rules.extraordinary_request_valid(34, 100)
    assert not rules.extraordinary_request_valid(33, 100)
    assert rules.extraordinary_request_valid(33, 99)
    assert not rules.extraordinary_request_valid(32, 99)
    assert not rules.extraordinary_request_valid(0, 0)


def test_inspection_board_has_three_to_nine_members_for_two_years():
    assert not rules.inspection_board_size_valid(2)
    assert rules.inspection_board_size_valid(3)
    assert rules.inspection_board_size_valid(9)
    assert not rules.inspection_board_size_valid(10)
    assert rules.inspection_board_term_ends(dt.date(2027, 3, 10)) == dt.date(2029, 3, 10)


def test_reviews_every_six_months_until_the_next_conference():
    held = dt.date(2027, 3, 10)
    until = rules.add_months(held, 12)
    assert rules.review_dates(held, 6, until) == [dt.date(2027, 9, 10), dt.date(2028, 3, 10)]
    assert rules.review_dates(held, 6, dt.date(2027, 9, 9)) == []


def test_seats_by_largest_remainder():
    assert rules.allocate_seats({1: 60, 2: 30, 3: 10}, 10) == {1: 6, 2: 3, 3: 1}
    # 7 seats: quotas 4.2, 2.1, 0.7 -> floors 4, 2, 0 and the spare seat to the largest remainder.
    assert rules.allocate_seats({1: 60, 2: 30, 3: 10}, 7) == {1: 4, 2: 2, 3: 1}
    # Hamilton on 5 seats of 50/30/20: 2.5, 1.5, 1.0 -> ties broken by the larger unit.
    assert rules.allocate_seats({1: 50, 2: 30, 3: 20}, 5) == {1: 3, 2: 1, 3: 1}


def test_every_unit_gets_at_least_one_seat():
    allocation = rules.allocate_seats({1: 500, 2: 300, 3: 5, 4: 195}, 50)
    assert allocation == {1: 25, 2: 15, 3: 1, 4: 9}
    assert sum(allocation.values()) == 50
    assert rules.allocate_seats({1: 1000, 2: 1, 3: 1}, 3) == {1: 1, 2: 1, 3: 1}
    with pytest.raises(ValueError):
        rules.allocate_seats({1: 1000, 2: 1, 3: 1}, 2)


def test_seats_always_add_up():
    import random

    generator = random.Random(3)
    for _ in range(200):
        units = {i: generator.randint(1, 400) for i in range(generator.randint(1, 12))}
        seats = generator.randint(len(units), 300)
        allocation = rules.allocate_seats(units, seats)
        assert sum(allocation.values()) == seats
        assert min(allocation.values()) >= 1


@pytest.mark.parametrize(
    ("workforce", "state_owned", "required"),
    [(9, False, False), (10, False, True), (9, True, True), (1, True, True)],
)
def test_the_conference_is_required_from_ten_workers_or_in_a_state_owned_enterprise(
    workforce, state_owned, required
):
    # Decree 145/2020 Art. 114(4); Law 10/2022 Art. 69 has no size threshold.
    assert rules.conference_required(workforce, state_owned) is required
