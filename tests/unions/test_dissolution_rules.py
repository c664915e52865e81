"""The dissolution's date rule on both sides of each boundary, and the reasons' source, which
says it is the app's setting (law.md names no ground for dissolving a grassroots union)."""

from __future__ import annotations

import datetime as dt

import pytest

from labour_democracy.unions import rules
from labour_democracy.unions.rules import DissolutionRefusal, dissolution_date_refusal

pytestmark = pytest.mark.unit

TODAY = dt.date(2026, 12, 6)
RECOGNISED = dt.date(2026, 3, 1)


def test_the_decision_is_dated_today_at_the_latest():
    assert dissolution_date_refusal(TODAY, RECOGNISED, TODAY) is None
    assert dissolution_date_refusal(TODAY + dt.timedelta(days=1), RECOGNISED, TODAY) == (
        DissolutionRefusal.IN_FUTURE
    )


def test_the_decision_is_not_dated_before_the_recognition():
    assert dissolution_date_refusal(RECOGNISED, RECOGNISED, TODAY) is None
    assert dissolution_date_refusal(RECOGNISED - dt.timedelta(days=1), RECOGNISED, TODAY) == (
        DissolutionRefusal.BEFORE_RECOGNITION
    )
    assert dissolution_date_refusal(dt.date(2000, 1, 1), None, TODAY) is None


def test_the_reasons_are_a_setting_of_the_app_and_the_decision_cites_article_171():
    assert rules.DISSOLUTION_REASONS_SOURCE.startswith("Setting of the app")
    assert rules.DISSOLUTION_BASIS == "Bộ luật Lao động số 45/2019/QH14, Điều 171"
    worded = set(rules.DISSOLUTION_REASON_WORDS)
    assert worded == set(rules.DissolutionReason) - {rules.DissolutionReason.OTHER}
