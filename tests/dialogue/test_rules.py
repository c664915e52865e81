import datetime as dt

import pytest

from labour_democracy.core import calendar
from labour_democracy.dialogue import rules
from labour_democracy.dialogue.tables import DialogueKind, EventMatter, Side

pytestmark = pytest.mark.unit  # no database, no app: `pytest -m unit` runs these

D = dt.date


@pytest.mark.parametrize(
    ("workforce", "minimum", "top"),
    [
        (0, 3, None),
        (49, 3, None),
        (50, 4, 8),
        (149, 4, 8),
        (150, 9, 13),
        (299, 9, 13),
        (300, 14, 18),
        (499, 14, 18),
        (500, 19, 23),
        (999, 19, 23),
        (1000, 24, None),
        (250_000, 24, None),
    ],
)
def test_worker_side_band_at_every_edge(workforce, minimum, top):
    band = rules.band_for(workforce)
    assert (band.minimum, band.top) == (minimum, top)
    assert rules.worker_side_large_enough(minimum, workforce)
    assert not rules.worker_side_large_enough(minimum - 1, workforce)


def test_employer_side_needs_three_with_the_legal_representative():
    assert rules.employer_side_valid(3, True)
    assert not rules.employer_side_valid(2, True)
    assert not rules.employer_side_valid(5, False)


def test_band_change_is_noticed_across_an_edge_only():
    assert rules.band_changed(149, 150)
    assert not rules.band_changed(150, 299)
    assert rules.band_changed(1000, 999)


def test_seat_split_by_largest_remainder():
    assert rules.seat_split(9, {"union": 600, "group": 400}) == {"union": 5, "group": 4}
    # 7 seats, 50/30/20: quotas 3.5, 2.1, 1.4 -> 3, 2, 1 and the 1 left goes to the 0.5.
    assert rules.seat_split(7, {"a": 50, "b": 30, "c": 20}) == {"a": 4, "b": 2, "c": 1}
    # A tie of remainders goes to the larger membership.
    assert rules.seat_split(3, {"small": 1, "big": 3}) == {"small": 1, "big": 2}
    assert rules.seat_split(4, {"a": 0, "b": 0}) == {"a": 0, "b": 0}
    assert sum(rules.seat_split(24, {"a": 333, "b": 333, "c": 334}).values()) == 24


@pytest.mark.parametrize(
    ("organisation", "group", "expected"),
    [
        (5, 4, None),  # 600 members, 400 others: 9 seats split 5 / 4
        (6, 3, {"organisation": 5, "group": 4}),  # one seat too many for the organisation
        (4, 5, {"organisation": 5, "group": 4}),  # one too few
        (9, 0, None),  # no dialogue group on the list: Art. 38(2)(b) does not apply
        (0, 9, None),  # no representative organisation on the list
    ],
)
def test_seat_split_expected_only_where_both_kinds_sit(organisation, group, expected):
    assert rules.seat_split_expected(organisation, group, 600, 400) == expected


def test_seat_split_expected_at_the_rounding_edge():
    # 7 seats, 550 / 450 members: quotas 3.85 / 3.15 -> 4 / 3; 3 / 4 deviates, 4 / 3 does not.
    assert rules.seat_split_expected(4, 3, 550, 450) is None
    assert rules.seat_split_expected(3, 4, 550, 450) == {"organisation": 4, "group": 3}
    # Exactly half: the tie of remainders goes to the larger membership, then to the first.
    assert rules.seat_split_expected(4, 3, 500, 500) is None
    assert rules.seat_split_expected(3, 4, 500, 500) == {"organisation": 4, "group": 3}


def test_member_list_renewal_every_two_years():
    assert rules.list_renewal_due(D(2026, 3, 1)) == D(2028, 3, 1)
    assert rules.list_renewal_due(D(2028, 2, 29)) == D(2030, 2, 28)


def test_periodic_dialogue_at_least_once_a_year_in_distinct_months():
    assert rules.periodic_months_valid(1, [6])
    assert rules.periodic_months_valid(2, [3, 9])
    assert not rules.periodic_months_valid(0, [])
    assert not rules.periodic_months_valid(2, [6])
    assert not rules.periodic_months_valid(2, [6, 6])
    assert not rules.periodic_months_valid(1, [13])


def test_periodic_held_in_the_last_twelve_months():
    on = D(2026, 11, 26)
    assert rules.periodic_held_in_time(D(2025, 11, 27), on)
    assert not rules.periodic_held_in_time(D(2025, 11, 26), on)
    assert not rules.periodic_held_in_time(None, on)


@pytest.mark.parametrize(("present", "met"), [(6, False), (7, False), (8, True)])
def test_quorum_needs_more_than_seventy_percent(present, met):
    # 10 members: exactly 7 (70 %) is not enough.
    assert rules.quorum_met(True, present, 10) is met


def test_quorum_needs_the_employer():
    assert not rules.quorum_met(False, 10, 10)
    assert not rules.quorum_met(True, 0, 0)
    assert rules.quorum_smallest(10) == 8
    assert rules.quorum_smallest(9) == 7  # 6.3 -> 7 of 9 is 77.8 %
    assert rules.quorum_met(True, 7, 9) and not rules.quorum_met(True, 6, 9)


@pytest.mark.parametrize(
    ("kind", "applies"),
    [(DialogueKind.PERIODIC, True), (DialogueKind.REQUESTED, False), (DialogueKind.EVENT, False)],
)
def test_the_seventy_percent_quorum_is_for_periodic_dialogues_only(kind, applies):
    assert rules.quorum_applies(kind) is applies


@pytest.mark.parametrize(
    ("concerns_women", "representative", "missing"),
    [(False, "", False), (True, "", True), (True, "  ", True), (True, "Ngô Thị Hạnh", False)],
)
def test_a_womens_representative_when_a_topic_concerns_women(
    concerns_women, representative, missing
):
    assert rules.womens_representative_missing(concerns_women, representative) is missing


def test_minutes_signed_by_the_employer_and_every_worker_side():
    complete = rules.minutes_missing_signers(True, {Side.UNION: True, Side.DIALOGUE_GROUP: True})
    assert not complete
    no_employer = rules.minutes_missing_signers(False, {Side.UNION: True})
    assert no_employer and no_employer.employer and no_employer.sides == ()
    group_missing = rules.minutes_missing_signers(
        True, {Side.UNION: True, Side.DIALOGUE_GROUP: False}
    )
    assert group_missing and group_missing.sides == (Side.DIALOGUE_GROUP,)
    assert not group_missing.employer and not group_missing.no_worker_side
    nobody = rules.minutes_missing_signers(True, {})
    assert nobody and nobody.no_worker_side


@pytest.mark.parametrize(("supporters", "ok"), [(2, False), (3, True), (4, True)])
def test_worker_request_needs_at_least_thirty_percent(supporters, ok):
    # 10 members: exactly 3 (30 %) is enough.
    assert rules.request_supported(supporters, 10) is ok


def test_request_support_rounds_up_to_a_whole_member():
    assert rules.request_smallest(10) == 3
    assert rules.request_smallest(9) == 3  # 2.7
    assert not rules.request_supported(2, 9)
    assert rules.request_supported(3, 9)
    assert not rules.request_supported(0, 0)


def test_reply_due_skips_the_30_april_and_1_may_holidays():
    # Tue 28/4/2026: Wed 29 counts, Thu 30/4 and Fri 1/5 are holidays, then the weekend.
    assert rules.reply_due(D(2026, 4, 28)) == D(2026, 5, 7)
    assert rules.reply_due(D(2026, 4, 28), saturday_works=True) == D(2026, 5, 6)


def test_reply_due_skips_tet():
    # Fri 13/2/2026, Tết from Mon 16 to Fri 20: five working days end on Fri 27/2.
    assert rules.reply_due(D(2026, 2, 13)) == D(2026, 2, 27)
    # An ordinary week: Mon 2/3 -> Mon 9/3.
    assert rules.reply_due(D(2026, 3, 2)) == D(2026, 3, 9)


def test_publication_due_within_three_working_days():
    assert rules.publication_due(D(2026, 4, 29)) == D(2026, 5, 6)
    assert rules.publication_due(D(2026, 2, 13)) == D(2026, 2, 25)
    assert rules.publication_due(D(2026, 3, 2)) == D(2026, 3, 5)


def test_contents_deadline_counts_back_over_the_holidays():
    # A dialogue on Wed 6/5/2026: 5, 4 May, then 29, 28 April (30/4, 1/5 and Hùng Kings on
    # 27/4 are off), then Fri 24 April.
    assert rules.contents_deadline(D(2026, 5, 6)) == D(2026, 4, 24)
    assert rules.contents_sent_in_time(D(2026, 4, 24), D(2026, 5, 6))
    assert not rules.contents_sent_in_time(D(2026, 4, 28), D(2026, 5, 6))
    # After Tết: a dialogue on Wed 25/2/2026 needs contents by Wed 11/2.
    assert rules.contents_deadline(D(2026, 2, 25)) == D(2026, 2, 11)
    assert rules.contents_sent_in_time(D(2026, 2, 11), D(2026, 2, 25))
    assert not rules.contents_sent_in_time(D(2026, 2, 12), D(2026, 2, 25))


def test_earliest_periodic_date_is_five_working_days_ahead():
    assert rules.earliest_periodic_date(D(2026, 4, 24)) == D(2026, 5, 6)
    assert rules.earliest_periodic_date(D(2026, 3, 2)) == D(2026, 3, 9)


def test_contents_sent_on_a_day_off_count_from_the_next_working_day():
    # Sat 7/3/2026: the Friday after (13/3) has its deadline on Fri 6/3, already past.
    saturday = D(2026, 3, 7)
    assert rules.earliest_periodic_date(saturday) == D(2026, 3, 16)
    assert not rules.contents_sent_in_time(saturday, D(2026, 3, 13))
    assert rules.contents_sent_in_time(saturday, D(2026, 3, 16))
    # Where Saturday is worked, it counts itself.
    assert rules.earliest_periodic_date(saturday, saturday_works=True) == D(2026, 3, 13)
    # During Tết (Wed 18/2/2026) the count starts on Mon 23/2.
    assert rules.earliest_periodic_date(D(2026, 2, 18)) == D(2026, 3, 2)
    for on in (D(2026, 2, 18), D(2026, 4, 30), D(2026, 5, 2), saturday):
        earliest = rules.earliest_periodic_date(on)
        assert rules.contents_deadline(earliest) >= on
        assert rules.contents_deadline(calendar.add_working_days(earliest, -1)) < on


def test_lateness():
    assert not rules.is_late(D(2026, 3, 5), D(2026, 3, 5), D(2026, 3, 10))
    assert rules.is_late(D(2026, 3, 6), D(2026, 3, 5), D(2026, 3, 10))
    assert not rules.is_late(None, D(2026, 3, 5), D(2026, 3, 5))
    assert rules.is_late(None, D(2026, 3, 5), D(2026, 3, 6))


def test_event_duties_cover_the_seven_matters_with_their_deadlines():
    assert set(rules.EVENT_DUTIES) == set(EventMatter)
    redundancy = rules.EVENT_DUTIES[EventMatter.REDUNDANCY]
    assert redundancy.deadline(D(2026, 7, 31)) == D(2026, 7, 1)
    plan = rules.EVENT_DUTIES[EventMatter.LABOUR_USAGE_PLAN]
    assert plan.deadline(D(2026, 7, 1)) == D(2026, 7, 16)
    internal = rules.EVENT_DUTIES[EventMatter.INTERNAL_RULES]
    assert internal.deadline(D(2026, 7, 1)) == D(2026, 7, 11)
    assert rules.EVENT_DUTIES[EventMatter.BONUS_RULES].deadline(D(2026, 7, 1)) is None
    assert redundancy.deadline(None) is None


def test_event_reply_due_follows_the_regulation():
    assert rules.event_reply_due(D(2026, 4, 28), 5) == D(2026, 5, 7)
    assert rules.event_reply_due(D(2026, 4, 28), 1) == D(2026, 4, 29)


# --- Counting from receipt (issue 12, item 7) ----------------------------------------------


def test_the_reply_counts_five_working_days_from_receipt_not_from_submission():
    # Sent Friday 24/4/2026, received Tuesday 28/4: 29/4 (1), 30/4 and 1/5 holidays, 4/5 (2),
    # 5/5 (3), 6/5 (4), 7/5 (5).
    assert rules.reply_due(D(2026, 4, 28)) == D(2026, 5, 7)
    # Counting from sending gave 6/5 (27/4 is off: Hùng Kings' day fell on Sunday 26/4).
    assert rules.reply_due(D(2026, 4, 24)) == D(2026, 5, 6)


@pytest.mark.parametrize(
    ("received", "valid"),
    [
        (D(2026, 4, 23), False),  # before it was sent
        (D(2026, 4, 24), True),  # the day it was sent
        (D(2026, 4, 28), True),
        (D(2026, 4, 30), True),  # the day it is entered
        (D(2026, 5, 1), False),  # after the day it is entered
    ],
)
def test_a_receipt_date_lies_between_sending_and_entering(received, valid):
    assert rules.receipt_valid(D(2026, 4, 24), received, D(2026, 4, 30)) is valid


# --- Size thresholds and new enterprises (issue 12, item 8) --------------------------------


def test_the_internal_rules_filing_is_a_duty_from_ten_workers():
    assert rules.EVENT_DUTIES[EventMatter.INTERNAL_RULES].from_ten_workers
    assert not rules.EVENT_DUTIES[EventMatter.REDUNDANCY].from_ten_workers


@pytest.mark.parametrize(
    ("existed_from", "owed"),
    [
        (D(2026, 3, 24), True),  # contents by 24/3 allow Tuesday 31/3
        (D(2026, 3, 25), False),  # the earliest date is 1/4: March cannot be held
        (D(2026, 1, 5), True),
        (D(2026, 4, 1), False),  # the month ended before the enterprise existed
    ],
)
def test_a_periodic_month_is_owed_only_if_the_enterprise_could_hold_it(existed_from, owed):
    assert rules.periodic_month_owed(2026, 3, existed_from) is owed
