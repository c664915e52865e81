"""The union's rules on both sides of every boundary (Law 50/2024/QH15; Decree 105/2026)."""

import datetime as dt
from decimal import Decimal

import pytest

from labour_democracy.unions import rules
from labour_democracy.unions.rules import Eligibility, FeeStanding

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("nationality", "months", "expected"),
    [
        ("VN", 1, Eligibility.FOUNDER),
        ("VN", None, Eligibility.FOUNDER),
        ("vn", 6, Eligibility.FOUNDER),
        ("KR", 11, Eligibility.NOT_ELIGIBLE),
        ("KR", 12, Eligibility.MEMBER_ONLY),
        ("CN", 6, Eligibility.NOT_ELIGIBLE),
        ("JP", None, Eligibility.MEMBER_ONLY),
    ],
)
def test_only_vietnamese_workers_found_and_foreign_workers_join_from_twelve_months(
    nationality, months, expected
):
    assert rules.eligibility(nationality, months) is expected


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (dt.date(2026, 1, 1), dt.date(2026, 12, 31), 12),
        (dt.date(2026, 1, 1), dt.date(2026, 12, 30), 11),
        (dt.date(2026, 3, 15), dt.date(2027, 3, 14), 12),
        (dt.date(2026, 3, 15), dt.date(2027, 3, 13), 11),
        (dt.date(2026, 1, 1), dt.date(2026, 6, 30), 6),
        (dt.date(2026, 1, 1), None, None),
    ],
)
def test_contract_months_count_whole_months(start, end, months):
    assert rules.contract_months(start, end) == months


def test_the_founding_minimum_is_five_by_default():
    assert rules.FOUNDING_MINIMUM.value == 5
    assert not rules.founders_enough(4)
    assert rules.founders_enough(5)
    assert rules.founders_enough(3, minimum=3)


@pytest.mark.parametrize(("workforce", "expected"), [(9, False), (10, True), (500, True)])
def test_an_enterprise_needs_a_union_from_the_threshold(workforce, expected):
    assert rules.needs_union(workforce, has_union=False, threshold=10) is expected
    assert rules.needs_union(workforce, has_union=True, threshold=10) is False


def test_the_union_fee_is_two_percent_rounded_half_up():
    assert rules.union_fee(100_000_000) == 2_000_000
    assert rules.union_fee(25) == 1  # 0.5 rounds up
    assert rules.union_fee(24) == 0


def test_member_dues_are_one_percent_by_default_and_a_setting():
    assert rules.member_dues(5_310_000) == 53_100
    assert rules.member_dues(5_310_000, Decimal("0.5")) == 26_550


@pytest.mark.parametrize(
    ("year", "month", "due"),
    [
        (2026, 1, dt.date(2026, 2, 28)),
        (2028, 1, dt.date(2028, 2, 29)),
        (2026, 11, dt.date(2026, 12, 31)),
        (2026, 12, dt.date(2027, 1, 31)),
    ],
)
def test_the_fee_is_due_the_last_day_of_the_following_month(year, month, due):
    assert rules.fee_due_on(year, month) == due


def test_the_fee_is_not_paid_after_sixty_more_days():
    due = dt.date(2026, 7, 31)
    assert rules.fee_standing(due, due) is FeeStanding.NOT_YET_DUE
    assert rules.fee_standing(due, due + dt.timedelta(days=1)) is FeeStanding.LATE
    assert rules.fee_standing(due, due + dt.timedelta(days=60)) is FeeStanding.LATE
    assert rules.fee_standing(due, due + dt.timedelta(days=61)) is FeeStanding.NOT_PAID


def test_a_suspension_request_is_answered_within_fifteen_working_days():
    # Monday 7 December 2026: three weeks of five working days end on Monday 28 December.
    assert rules.suspension_reply_due(dt.date(2026, 12, 7)) == dt.date(2026, 12, 28)
    assert rules.suspension_reply_due(dt.date(2026, 12, 7), saturday_works=True) == dt.date(
        2026, 12, 24
    )


@pytest.mark.parametrize(
    ("kind", "months", "percent", "valid"),
    [
        ("suspension", 12, 0, True),
        ("suspension", 13, 0, False),
        ("suspension", 0, 0, False),
        ("reduction", 6, 20, True),
        ("reduction", 7, 20, False),
        ("reduction", 6, 21, False),
        ("reduction", 6, 0, False),
    ],
)
def test_suspension_and_reduction_limits(kind, months, percent, valid):
    assert rules.suspension_request_valid(kind, months, percent) is valid


def test_the_committee_term_ends_at_the_next_congress():
    elected = dt.date(2026, 12, 6)
    assert rules.next_congress(elected) == dt.date(2031, 12, 6)
    assert not rules.term_expired(elected, dt.date(2031, 12, 5))
    assert rules.term_expired(elected, dt.date(2031, 12, 6))
    assert rules.next_congress(dt.date(2028, 2, 29), 5) == dt.date(2033, 2, 28)


def test_the_election_majority_is_a_setting_that_names_no_unread_article():
    source = rules.UNION_ELECTION_MAJORITY.source
    assert "Setting" in source
    assert "Art." not in source
    assert rules.UNION_ELECTION_MAJORITY.is_met(3, 5)
    assert not rules.UNION_ELECTION_MAJORITY.is_met(2, 4)
    for setting in rules.SETTINGS:
        assert setting.source and setting.since


def test_documents_name_the_workers_side_the_enterprise_has():
    from labour_democracy.unions.wording import workers_side

    assert workers_side("grassroots_union").body == "Ban Chấp hành Công đoàn cơ sở"
    assert workers_side("none").body == "Nhóm đại diện đối thoại của người lao động"
    assert not workers_side(None).has_union
    assert "tổ chức của người lao động" in workers_side("workers_organisation").body


@pytest.mark.parametrize(
    ("members", "votes", "elected"),
    [(3, 2, True), (3, 1, False), (4, 3, True), (4, 2, False), (5, 3, True), (5, 2, False)],
)
def test_an_officer_needs_more_than_half_of_the_whole_committee(members, votes, elected):
    from labour_democracy.voting.rules import Base, Counts, elect

    rule = rules.OFFICER_MAJORITY
    assert rule.base is Base.ELECTORATE  # absent members count against the candidate
    # Every member present and voting changes nothing: the base is the committee.
    outcome = elect(rule, 1, {1: votes}, Counts(electorate=members, present=votes, valid=votes))
    assert (outcome.elected == (1,)) is elected
    assert "Setting" in rule.source and "Art." not in rule.source


@pytest.mark.parametrize(
    ("seats", "committee", "valid"),
    [(0, 3, True), (2, 3, True), (3, 3, False), (-1, 3, False), (0, 1, True), (1, 1, False)],
)
def test_vice_chairs_are_at_most_the_members_other_than_the_chair(seats, committee, valid):
    assert rules.vice_chair_seats_valid(seats, committee) is valid
