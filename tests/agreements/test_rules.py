"""The bargaining deadlines, the vote, the term, filing, renewal and the legal floors, each on
both sides of its boundary."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from labour_democracy.agreements import floors, rules
from labour_democracy.agreements.floors import Verdict

pytestmark = pytest.mark.unit

D = dt.date


def test_the_reply_is_due_seven_working_days_after_the_request():
    # Monday 2 March 2026: 7 working days end on Wednesday 11 March (weekends skipped).
    assert rules.reply_due(D(2026, 3, 2)) == D(2026, 3, 11)
    # With Saturday worked the week has one more working day.
    assert rules.reply_due(D(2026, 3, 2), True) == D(2026, 3, 10)


def test_the_reply_deadline_skips_the_public_holidays():
    # Tuesday 28 April 2026: 30/4 and 1/5 are holidays, so 7 working days end on 11 May.
    assert rules.reply_due(D(2026, 4, 28)) == D(2026, 5, 11)


@pytest.mark.parametrize(("replied", "failed"), [(D(2026, 3, 11), False), (D(2026, 3, 12), True)])
def test_a_late_reply_is_a_ground_of_failure(replied, failed):
    grounds = rules.failure_grounds(
        received_on=D(2026, 3, 2),
        replied_on=replied,
        first_session_on=D(2026, 3, 20),
        concluded=False,
        on=D(2026, 3, 25),
    )
    assert bool(grounds) is failed


@pytest.mark.parametrize(("start", "failed"), [(D(2026, 4, 1), False), (D(2026, 4, 2), True)])
def test_bargaining_must_start_within_thirty_days(start, failed):
    assert rules.first_session_due(D(2026, 3, 2)) == D(2026, 4, 1)
    grounds = rules.failure_grounds(
        received_on=D(2026, 3, 2),
        replied_on=D(2026, 3, 3),
        first_session_on=start,
        concluded=False,
        on=start,
    )
    assert bool(grounds) is failed


@pytest.mark.parametrize(("on", "failed"), [(D(2026, 6, 8), False), (D(2026, 6, 9), True)])
def test_ninety_days_without_an_agreement_is_failure(on, failed):
    assert rules.bargaining_due(D(2026, 3, 10)) == D(2026, 6, 8)
    grounds = rules.failure_grounds(
        received_on=D(2026, 3, 2),
        replied_on=D(2026, 3, 3),
        first_session_on=D(2026, 3, 10),
        concluded=False,
        on=on,
    )
    assert bool(grounds) is failed
    assert not rules.failure_grounds(
        received_on=D(2026, 3, 2),
        replied_on=D(2026, 3, 3),
        first_session_on=D(2026, 3, 10),
        concluded=True,
        on=on,
    )


def test_an_unanswered_request_fails_the_day_after_the_reply_deadline():
    kwargs = {"received_on": D(2026, 3, 2), "replied_on": None, "first_session_on": None}
    assert not rules.failure_grounds(**kwargs, concluded=False, on=D(2026, 3, 11))
    assert rules.failure_grounds(**kwargs, concluded=False, on=D(2026, 3, 12))


def test_information_is_due_within_ten_days():
    assert rules.information_due(D(2026, 3, 2)) == D(2026, 3, 12)


@pytest.mark.parametrize(
    ("votes_for", "workforce", "passes"),
    [
        (500, 1000, False),
        (501, 1000, True),
        (2, 4, False),
        (3, 4, True),
        (1, 1, True),
        (0, 0, False),
        (2, 3, True),
        (1, 3, False),
    ],
)
def test_the_agreement_needs_more_than_half_of_all_workers(votes_for, workforce, passes):
    assert rules.approval_passes(votes_for, workforce) is passes


def test_the_fewest_votes_that_approve():
    assert rules.approvals_needed(1000) == 501
    assert rules.approvals_needed(999) == 500
    assert rules.approvals_needed(4) == 3


@pytest.mark.parametrize(("months", "valid"), [(11, False), (12, True), (36, True), (37, False)])
def test_the_term_is_one_to_three_years(months, valid):
    assert rules.term_valid(months) is valid


def test_expiry_is_the_day_before_the_anniversary():
    assert rules.expiry_date(D(2026, 3, 1), 24) == D(2028, 2, 29)
    assert rules.expiry_date(D(2026, 1, 31), 12) == D(2027, 1, 30)
    assert rules.add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)


def test_the_effective_date_defaults_to_the_signing_date():
    assert rules.effective_date(None, D(2026, 5, 4)) == D(2026, 5, 4)
    assert rules.effective_date(D(2026, 6, 1), D(2026, 5, 4)) == D(2026, 6, 1)


@pytest.mark.parametrize(
    ("filed", "on", "in_time"),
    [
        (D(2026, 5, 14), D(2026, 5, 20), True),
        (D(2026, 5, 15), D(2026, 5, 20), False),
        (None, D(2026, 5, 14), None),
        (None, D(2026, 5, 15), False),
    ],
)
def test_filing_within_ten_days_of_signing(filed, on, in_time):
    assert rules.filing_due(D(2026, 5, 4)) == D(2026, 5, 14)
    assert rules.filed_in_time(filed, D(2026, 5, 4), on) is in_time


@pytest.mark.parametrize(
    ("on", "inside"),
    [
        (D(2027, 10, 1), False),
        (D(2027, 10, 2), True),
        (D(2027, 12, 31), True),
        (D(2028, 1, 1), False),
    ],
)
def test_the_renewal_window_opens_ninety_days_before_expiry(on, inside):
    assert rules.in_renewal_window(on, D(2027, 12, 31)) is inside


@pytest.mark.parametrize(
    ("on", "renegotiating", "in_force"),
    [
        (D(2025, 12, 31), False, False),
        (D(2026, 1, 1), False, True),
        (D(2027, 12, 31), False, True),
        (D(2028, 1, 1), False, False),
        (D(2028, 1, 1), True, True),
        (D(2028, 3, 30), True, True),
        (D(2028, 3, 31), True, False),
    ],
)
def test_an_agreement_continues_at_most_ninety_days_while_renegotiated(on, renegotiating, in_force):
    assert rules.continuation_ends(D(2027, 12, 31)) == D(2028, 3, 30)
    assert rules.standing(on, D(2026, 1, 1), D(2027, 12, 31), renegotiating).in_force is in_force


def test_signing_needs_approval_and_filing_needs_a_signature():
    assert not rules.may_sign(False) and rules.may_sign(True)
    assert not rules.may_file(False) and rules.may_file(True)


# The legal floors ------------------------------------------------------------------------------

REGION_I_2026 = [
    (Decimal(5_309_999), Verdict.BELOW),
    (Decimal(5_310_000), Verdict.EQUAL),
    (Decimal(5_310_001), Verdict.MORE_FAVOURABLE),
]


@pytest.mark.parametrize(("value", "verdict"), REGION_I_2026)
def test_the_monthly_minimum_wage_of_region_one_in_2026(value, verdict):
    assert floors.compare("wage_month", value, D(2026, 1, 1), 1).verdict is verdict


@pytest.mark.parametrize(
    ("region", "month", "hour"),
    [
        (1, 5_310_000, 25_500),
        (2, 4_730_000, 22_700),
        (3, 4_140_000, 20_000),
        (4, 3_700_000, 17_800),
    ],
)
def test_each_region_has_its_decree_293_floor(region, month, hour):
    on = D(2026, 1, 1)
    for term, value in (("wage_month", month), ("wage_hour", hour)):
        assert floors.compare(term, Decimal(value), on, region).verdict is Verdict.EQUAL
        assert floors.compare(term, Decimal(value - 1), on, region).verdict is Verdict.BELOW
        check = floors.compare(term, Decimal(value + 1), on, region)
        assert check.verdict is Verdict.MORE_FAVOURABLE
        assert "293/2025" in check.floor.source


def test_the_old_floor_applies_the_day_before_the_new_decree():
    assert floors.floor_for("wage_month", D(2025, 12, 31), 1).value == 4_960_000
    assert floors.floor_for("wage_month", D(2026, 1, 1), 1).value == 5_310_000
    assert floors.floor_for("wage_month", D(2024, 6, 30), 1) is None


def test_an_unset_region_is_held_to_region_one():
    assert floors.floor_for("wage_month", D(2026, 1, 1), None).value == 5_310_000


def test_a_new_decree_makes_a_lawful_wage_unlawful():
    assert floors.became_unlawful("wage_month", Decimal(5_000_000), D(2025, 6, 1), D(2026, 1, 1), 1)
    assert not floors.became_unlawful(
        "wage_month", Decimal(5_000_000), D(2025, 6, 1), D(2025, 12, 31), 1
    )
    assert not floors.became_unlawful(
        "wage_month", Decimal(5_400_000), D(2025, 6, 1), D(2026, 1, 1), 1
    )
    taking_effect = floors.floors_taking_effect(D(2025, 12, 31), D(2026, 1, 1))
    assert {floor.term for floor in taking_effect} == {"wage_month", "wage_hour"}


MINIMA = [
    ("premium_weekday", 150),
    ("premium_rest_day", 200),
    ("premium_holiday", 300),
    ("premium_night", 30),
    ("premium_night_overtime", 20),
    ("break_day", 30),
    ("break_night", 45),
    ("rest_between_shifts", 12),
    ("weekly_rest", 24),
    ("public_holidays", 11),
    ("annual_leave", 12),
    ("annual_leave_heavy", 14),
    ("annual_leave_very_heavy", 16),
    ("leave_marriage", 3),
    ("leave_child_marriage", 1),
    ("leave_bereavement", 3),
    ("maternity_months", 6),
    ("paternity_days", 5),
    ("notice_employer_indefinite", 45),
    ("notice_employer_fixed", 30),
    ("probation_pay", 85),
    ("job_loss", 1),
    ("job_loss_minimum", 2),
    ("menstruation_break", 30),
    ("nursing_break", 60),
]
CAPS = [
    ("hours_day", 8),
    ("hours_week", 48),
    ("overtime_day_share", 50),
    ("overtime_month", 40),
    ("overtime_year", 200),
    ("overtime_year_listed", 300),
    ("seniority_step", 5),
    ("notice_worker_indefinite", 45),
    ("probation_manager", 180),
    ("probation_college", 60),
    ("probation_intermediate", 30),
    ("probation_other", 6),
]


@pytest.mark.parametrize(("term", "floor"), MINIMA)
def test_a_minimum_is_below_equal_or_more_favourable(term, floor):
    on = D(2026, 12, 1)
    assert floors.compare(term, Decimal(floor) - 1, on).verdict is Verdict.BELOW
    assert floors.compare(term, Decimal(floor), on).verdict is Verdict.EQUAL
    assert floors.compare(term, Decimal(floor) + 1, on).verdict is Verdict.MORE_FAVOURABLE


@pytest.mark.parametrize(("term", "cap"), CAPS)
def test_a_cap_is_more_favourable_when_it_allows_less(term, cap):
    on = D(2026, 12, 1)
    assert floors.compare(term, Decimal(cap) + 1, on).verdict is Verdict.BELOW
    assert floors.compare(term, Decimal(cap), on).verdict is Verdict.EQUAL
    assert floors.compare(term, Decimal(cap) - 1, on).verdict is Verdict.MORE_FAVOURABLE


def test_severance_is_half_a_month_a_year():
    on = D(2026, 12, 1)
    assert floors.compare("severance", Decimal("0.4"), on).verdict is Verdict.BELOW
    assert floors.compare("severance", Decimal("0.5"), on).verdict is Verdict.EQUAL
    assert floors.compare("severance", Decimal("0.6"), on).verdict is Verdict.MORE_FAVOURABLE


def test_paternity_leave_has_no_floor_before_the_social_insurance_law():
    assert (
        floors.compare("paternity_days", Decimal(5), D(2025, 6, 30)).verdict is Verdict.NO_BASELINE
    )


@pytest.mark.parametrize("term", ["meal_allowance", "tet_bonus", "unknown"])
def test_meal_allowance_and_tet_bonus_have_no_baseline(term):
    assert floors.compare(term, Decimal(0), D(2026, 12, 1)).verdict is Verdict.NO_BASELINE


def test_every_term_with_a_direction_has_a_floor_with_a_source():
    for kind in floors.TERM_KINDS:
        if kind.direction is not None:
            floor = floors.floor_for(kind.key, D(2026, 12, 1), 1)
            assert floor is not None and floor.source, kind.key


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("5.310.000", 5_310_000),
        ("5,310,000", 5_310_000),
        ("5310000", 5_310_000),
        ("0,5", Decimal("0.5")),
        ("0.5", Decimal("0.5")),
        ("150 %", 150),
        ("", None),
        ("  ", None),
    ],
)
def test_a_clause_value_is_read_as_people_type_it(typed, value):
    assert floors.parse_value(typed) == value


@pytest.mark.parametrize("typed", ["abc", "12 ngày", "-3", "NaN", "1e400x"])
def test_a_clause_value_that_is_not_a_number_is_refused(typed):
    with pytest.raises(ValueError):
        floors.parse_value(typed)


def test_an_extension_is_agreed_within_the_90_days_before_expiry_and_not_after():
    expires = D(2028, 5, 31)
    assert rules.extension_refusal(expires - dt.timedelta(days=90), expires) is None  # day 90: in
    assert "90 days" in rules.extension_refusal(expires - dt.timedelta(days=91), expires)
    assert rules.extension_refusal(expires, expires) is None  # the last day in force
    assert "expired" in rules.extension_refusal(expires + dt.timedelta(days=1), expires)
    # The window an extension is agreed in is the renewal window, one rule.
    for days in (-1, 0, 90, 91):
        on = expires - dt.timedelta(days=days)
        assert (rules.extension_refusal(on, expires) is None) is rules.in_renewal_window(
            on, expires
        )


def test_the_extended_term_stays_within_three_years_from_the_first_effective_day(monkeypatch):
    effective, expires = D(2026, 6, 1), D(2028, 5, 31)
    # The setting's default: 36 months from 1/6/2026 end on 31/5/2029.
    assert rules.extended_expiry_limit(effective) == D(2029, 5, 31)
    assert rules.extension_term_refusal(effective, expires, D(2029, 5, 31)) is None
    assert "{months}" in rules.extension_term_refusal(effective, expires, D(2029, 6, 1))
    # The new expiry must come after the current one.
    assert "after" in rules.extension_term_refusal(effective, expires, expires)
    assert rules.extension_term_refusal(effective, expires, expires + dt.timedelta(days=1)) is None
    # Another reading of Art. 78(3) is another value of the setting.
    monkeypatch.setattr(rules, "EXTENDED_TERM_MONTHS_MAX", 48)
    assert rules.extension_term_refusal(effective, expires, D(2030, 5, 31)) is None
