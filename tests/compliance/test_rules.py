"""The federation's counting rules, on both sides of every boundary."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from labour_democracy.compliance import rules

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("workforce", "minimum", "applies"),
    [(9, 10, False), (10, 10, True), (29, 30, False), (30, 30, True)],
)
def test_an_obligation_applies_from_its_threshold(workforce, minimum, applies):
    # Decree 145/2020 Art. 114(4): fewer than 10 workers need not hold the conference.
    assert rules.applies(workforce, "private_domestic", minimum, False) is applies


def test_a_state_owned_obligation_skips_other_enterprises():
    assert rules.applies(500, "state_owned", 1, True)
    assert not rules.applies(500, "private_domestic", 1, True)


def test_the_threshold_is_the_federations_setting_else_the_laws():
    assert rules.threshold(10, None) == 10
    assert rules.threshold(10, 30) == 30


@pytest.mark.parametrize(
    ("workforce", "band"),
    [(0, 0), (1, 1), (9, 1), (10, 10), (29, 20), (30, 30), (99, 50), (100, 100), (6000, 5000)],
)
def test_a_workforce_falls_in_the_band_of_its_lower_edge(workforce, band):
    assert rules.band_of(workforce, rules.BASE_BANDS) == band


def test_a_declared_threshold_becomes_a_band_edge():
    edges = rules.bands([10, 25])
    assert 25 in edges and rules.band_of(24, edges) == 20 and rules.band_of(25, edges) == 25


def test_the_seeds_figure_and_no_rate_over_nothing():
    figure = rules.figure(43, 41, 0, 0, owed_by_default=True)
    assert (figure.held, figure.eligible, figure.late, figure.rate) == (41, 43, 2, Decimal("95.3"))
    assert rules.figure(0, 0, 0, 0, owed_by_default=True).rate is None


def test_an_unreported_enterprise_is_late_only_on_what_is_owed_every_year():
    # 43 on the register, 40 reported "met", 1 "nothing due", 2 reported nothing.
    assert rules.figure(43, 40, 0, 1, owed_by_default=True) == rules.Figure(40, 42)
    assert rules.figure(43, 40, 0, 1, owed_by_default=False) == rules.Figure(40, 40)


@pytest.mark.parametrize(
    ("on", "last"),
    [
        (dt.date(2026, 5, 30), None),
        (dt.date(2026, 5, 31), dt.date(2026, 5, 31)),
        (dt.date(2026, 11, 29), dt.date(2026, 5, 31)),
        (dt.date(2026, 11, 30), dt.date(2026, 11, 30)),
    ],
)
def test_the_reporting_dates_are_31_may_and_30_november(on, last):
    assert rules.last_snapshot_date(on) == last


@pytest.mark.parametrize(
    ("on", "refused"), [(dt.date(2026, 12, 6), False), (dt.date(2026, 12, 7), True), (None, False)]
)
def test_a_reported_fact_dated_after_today_is_refused(on, refused):
    assert rules.fact_date_refusal(on, dt.date(2026, 12, 6)) is refused


def test_sectors_are_the_21_vsic_2018_sections_with_names():
    assert list(rules.VSIC_SECTIONS) == list("ABCDEFGHIJKLMNOPQRSTU")
    assert rules.VSIC_SECTIONS["C"] == "Công nghiệp chế biến, chế tạo"


def test_size_classes_are_whole_bands():
    for _key, lowest, below in rules.SIZE_CLASSES:
        assert lowest in rules.BASE_BANDS and (below is None or below in rules.BASE_BANDS)
