"""Rates are rounded half up to one decimal everywhere, and there is no rate over nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from labour_democracy import i18n
from labour_democracy.core.rates import Rate, percent, round_half_up

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("done", "total", "expected"),
    [
        (41, 43, Decimal("95.3")),
        (1, 16, Decimal("6.3")),  # 6.25: half up, where half-even would give 6.2
        (3, 16, Decimal("18.8")),  # 18.75
        (1, 8, Decimal("12.5")),
        (0, 5, Decimal("0.0")),
        (5, 5, Decimal("100.0")),
        (2, 3, Decimal("66.7")),
    ],
)
def test_a_rate_is_rounded_half_up_to_one_decimal(done, total, expected):
    assert percent(done, total) == expected
    assert Rate(done, total).percent == expected


def test_a_rate_over_nothing_is_no_rate():
    assert percent(0, 0) is None
    assert Rate(0, 0).percent is None


def test_rounding_reads_a_float_as_it_is_written():
    assert round_half_up(0.0625 * 100) == Decimal("6.3")
    assert round_half_up(Decimal("6.249")) == Decimal("6.2")


@pytest.mark.parametrize(
    ("language", "one_in_sixteen", "seed"),
    [("vi", "6,3%", "95,3%"), ("en", "6.3%", "95.3%"), ("fr", "6,3\u00a0%", "95,3\u00a0%")],
)
def test_every_page_shows_rates_rounded_half_up(language, one_in_sixteen, seed):
    with i18n.language(language):
        assert i18n.format_percentage(1 / 16) == one_in_sixteen
        assert i18n.format_percentage(41 / 43) == seed
        assert i18n.format_percentage(Decimal("0.0625")) == one_in_sixteen
