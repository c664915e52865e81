import pytest

from labour_democracy.voting import rules
from labour_democracy.voting.rules import Base, Comparator, Counts, Rule

pytestmark = pytest.mark.unit  # no database, no app: `pytest -m unit` runs these

HALF = rules.AGREEMENT_APPROVAL  # > 1/2 of the electorate


@pytest.mark.parametrize(("approvals", "passes"), [(500, False), (501, True), (1000, True)])
def test_agreement_needs_more_than_half_of_all_workers(approvals, passes):
    assert rules.motion_passes(HALF, approvals, Counts(1000, 1000, 1000)) is passes


def test_exactly_half_of_an_odd_electorate_cannot_round_up():
    # 1,001 workers: 500.5 is half; 500 fails, 501 passes — no rounding either way.
    assert not HALF.is_met(500, 1001)
    assert HALF.is_met(501, 1001)
    assert HALF.smallest_count(1001) == 501
    assert HALF.smallest_count(1000) == 501


@pytest.mark.parametrize(("present", "reached"), [(665, False), (666, True), (667, True)])
def test_soe_quorum_of_two_thirds_is_at_least(present, reached):
    # 999 delegates: two thirds is exactly 666.
    assert rules.quorum_reached(rules.SOE_CONFERENCE_QUORUM, present, 999) is reached


def test_quorum_of_two_thirds_with_a_remainder_needs_the_next_whole_person():
    assert not rules.quorum_reached(rules.SOE_CONFERENCE_QUORUM, 666, 1000)
    assert rules.quorum_reached(rules.SOE_CONFERENCE_QUORUM, 667, 1000)
    assert rules.SOE_CONFERENCE_QUORUM.smallest_count(1000) == 667


def test_resolution_counts_those_present_not_the_electorate():
    counts = Counts(electorate=300, present=200, valid=190)
    assert not rules.motion_passes(rules.SOE_CONFERENCE_RESOLUTION, 100, counts)
    assert rules.motion_passes(rules.SOE_CONFERENCE_RESOLUTION, 101, counts)


@pytest.mark.parametrize(
    ("candidate", "minimum", "allowed"),
    [
        (Rule(Base.ELECTORATE, Comparator.GREATER, 1, 2, ""), HALF, True),  # the same
        (Rule(Base.ELECTORATE, Comparator.AT_LEAST, 1, 2, ""), HALF, False),  # ≥ is weaker
        (Rule(Base.ELECTORATE, Comparator.AT_LEAST, 2, 3, ""), HALF, True),  # larger fraction
        (Rule(Base.PRESENT, Comparator.GREATER, 1, 2, ""), HALF, False),  # smaller base
        (Rule(Base.VALID, Comparator.GREATER, 3, 4, ""), HALF, False),  # smaller base
        (Rule(Base.ELECTORATE, Comparator.GREATER, 1, 2, ""), rules.CONSULTATION_MAJORITY, True),
        (Rule(Base.VALID, Comparator.AT_LEAST, 0, 1, ""), rules.ANY_RULE, True),
        (Rule(Base.ELECTORATE, Comparator.GREATER, 2, 4, ""), HALF, True),  # 2/4 == 1/2
    ],
)
def test_an_organiser_may_choose_a_stricter_rule_never_a_weaker_one(candidate, minimum, allowed):
    assert candidate.is_at_least_as_strict_as(minimum) is allowed


def test_rules_round_trip_through_their_stored_form():
    for rule in (HALF, rules.SOE_CONFERENCE_QUORUM, rules.ELECTION_MAJORITY):
        assert Rule.decode(rule.encode(), rule.source) == rule


def test_a_rule_must_be_a_fraction_between_zero_and_one():
    with pytest.raises(ValueError):
        Rule(Base.VALID, Comparator.GREATER, 3, 2, "")
    with pytest.raises(ValueError):
        Rule(Base.VALID, Comparator.GREATER, 1, 0, "")


def _elect(seats, votes, valid=100):
    return rules.elect(rules.ELECTION_MAJORITY, seats, votes, Counts(valid, valid, valid))


def test_election_fills_seats_by_most_votes_among_those_over_half():
    outcome = _elect(2, {1: 80, 2: 70, 3: 60, 4: 40})
    assert outcome.elected == (1, 2) and outcome.tied == () and outcome.open_seats == 0


def test_exactly_half_of_valid_ballots_does_not_elect():
    outcome = _elect(3, {1: 51, 2: 50, 3: 49})
    assert outcome.elected == (1,) and outcome.open_seats == 2


def test_a_tie_at_the_last_seat_is_reported_never_broken():
    outcome = _elect(2, {1: 90, 2: 70, 3: 70, 4: 20})
    assert outcome.elected == (1,)
    assert outcome.tied == (2, 3)
    assert outcome.open_seats == 1


def test_a_tie_inside_the_seats_elects_everyone_tied():
    outcome = _elect(3, {1: 70, 2: 70, 3: 60, 4: 55})
    assert outcome.elected == (1, 2, 3) and outcome.tied == ()


def test_codes_carry_55_random_bits_and_a_check_character():
    code = rules.new_code()
    assert len(code) == 12
    assert rules.normalise_code(code) == code
    assert rules.normalise_code(rules.format_code(code).lower()) == code


def test_a_mistyped_or_swapped_character_is_caught_by_the_check_character():
    code = "ABCDEFGHJKM"
    code += rules.check_character(code)
    assert rules.normalise_code(code) == code
    typo = code[:3] + ("Z" if code[3] != "Z" else "Y") + code[4:]
    assert rules.normalise_code(typo) is None
    swapped = code[1] + code[0] + code[2:]
    assert rules.normalise_code(swapped) is None


def test_look_alike_letters_are_forgiven():
    data = "0011ABCDEFG"
    code = data + rules.check_character(data)
    assert rules.normalise_code("oOIl-ABCD-EFG" + code[-1]) == code


def test_every_single_mistyped_character_is_caught():
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    for _ in range(50):
        code = rules.new_code()
        for position in range(len(code)):
            for replacement in alphabet:
                if replacement != code[position]:
                    typo = code[:position] + replacement + code[position + 1 :]
                    assert rules.normalise_code(typo) is None


def test_swapped_neighbours_are_caught_except_zero_and_z():
    for _ in range(200):
        code = rules.new_code()
        for position in range(len(code) - 1):
            a, b = code[position], code[position + 1]
            if a == b or {a, b} == {"0", "Z"}:
                continue
            swapped = code[:position] + b + a + code[position + 2 :]
            assert rules.normalise_code(swapped) is None, (code, position)


def test_a_receipt_is_found_with_or_without_its_dash():
    """Issue 13, item 6: a receipt typed without its dash was "not found"."""
    assert rules.normalise_receipt("AB3DE-FG7HJ") == "AB3DE-FG7HJ"
    assert rules.normalise_receipt("ab3defg7hj") == "AB3DE-FG7HJ"
    assert rules.normalise_receipt(" AB3DE FG7HJ ") == "AB3DE-FG7HJ"
    assert rules.normalise_receipt("AB3DE-FG7HI") == "AB3DE-FG7H1"  # I read as 1, like codes
    assert rules.normalise_receipt("AB3DE-FG7H") is None  # one short
    assert rules.normalise_receipt("AB3DE-FG7HJK") is None  # one too many
    assert rules.normalise_receipt("AB3DE-FG7HU") is None  # U is not in the alphabet
