"""The suggestions' rules, on both sides of every boundary."""

from __future__ import annotations

import datetime as dt

import pytest

from labour_democracy.core.rates import Rate
from labour_democracy.suggestions import rules
from labour_democracy.suggestions.tables import SuggestionStatus as S

pytestmark = pytest.mark.unit  # no database, no app: `pytest -m unit` runs these


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        (S.RECEIVED, S.PUBLISHED, True),
        (S.RECEIVED, S.REJECTED, True),
        (S.RECEIVED, S.ANSWERED, False),  # the employer answers only what the union published
        (S.PUBLISHED, S.ANSWERED, True),
        (S.PUBLISHED, S.REJECTED, True),
        (S.REJECTED, S.PUBLISHED, True),  # a rejection may be reconsidered
        (S.REJECTED, S.ANSWERED, False),
        (S.ANSWERED, S.ANSWERED, True),  # an answer may be corrected
        (S.ANSWERED, S.REJECTED, False),
        (S.ANSWERED, S.RECEIVED, False),
    ],
)
def test_moderation_steps(current, target, allowed):
    assert rules.can_move(current, target) is allowed


def test_the_employer_sees_only_what_the_union_published():
    assert [s for s in S if rules.employer_sees(s)] == [S.PUBLISHED, S.ANSWERED]


def test_a_tracking_code_survives_the_way_people_type_it():
    code = rules.new_tracking_code()
    shown = rules.display_code(code)
    assert rules.normalise_tracking_code(shown) == code
    assert rules.normalise_tracking_code(shown.lower().replace("-", " ")) == code
    assert rules.normalise_tracking_code("not a code") is None


def test_the_stored_hash_depends_on_the_key():
    assert rules.tracking_hash("ABC", b"k1") != rules.tracking_hash("ABC", b"k2")
    assert len(rules.tracking_hash("ABC", b"k1")) == 64


def test_the_rate_limit_counts_per_clock_hour():
    last = dt.datetime(2026, 3, 2, 9, 59, 59, 999999, tzinfo=dt.UTC)
    first = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
    assert rules.window_start(last) == dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    assert rules.window_start(first) == first
    key = b"k"
    same = rules.window_key("1.2.3.4", "submit", rules.window_start(last), key)
    assert same == rules.window_key("1.2.3.4", "submit", rules.window_start(last), key)
    assert same != rules.window_key("1.2.3.4", "submit", first, key)
    assert same != rules.window_key("1.2.3.4", "check", rules.window_start(last), key)
    assert "1.2.3.4" not in same


def test_rate_without_anything_to_count():
    assert Rate(0, 0).ratio is None
    assert Rate(1, 4).ratio == 0.25


def test_every_enum_value_fits_its_column():
    """SQLite does not enforce a VARCHAR's length; PostgreSQL refuses a longer value."""
    from labour_democracy.followups.tables import FollowUp
    from labour_democracy.suggestions.tables import Suggestion

    for table in (Suggestion, FollowUp):
        for column in table._meta.columns:
            if getattr(column._meta, "choices", None) and hasattr(column, "length"):
                longest = max(len(choice.value) for choice in column._meta.choices)
                assert longest <= column.length, column._meta.name
