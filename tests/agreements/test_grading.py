"""The grade from the federation's criteria (data): not graded below the law or when the
agreement only copies the law; A-D by the count of terms beyond the law and their topics."""

from __future__ import annotations

from decimal import Decimal

import pytest

from labour_democracy.agreements import grading
from labour_democracy.agreements.floors import Verdict

pytestmark = pytest.mark.unit
MORE, EQUAL, BELOW, NONE = (
    Verdict.MORE_FAVOURABLE,
    Verdict.EQUAL,
    Verdict.BELOW,
    Verdict.NO_BASELINE,
)
ONE = Decimal(1)


def test_an_agreement_that_only_copies_the_law_is_not_graded():
    result = grading.grade([("wage_month", EQUAL, ONE), ("annual_leave", EQUAL, ONE)])
    assert result.grade is None and "copies the law" in result.reason


def test_a_clause_below_the_law_stops_the_grade():
    result = grading.grade([("wage_month", MORE, ONE), ("annual_leave", BELOW, ONE)])
    assert result.grade is None and result.below == 1


@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        (["wage_month"], "D"),
        (["wage_month", "annual_leave", "premium_weekday"], "C"),
        (["wage_month", "premium_weekday", "premium_holiday"], "D"),  # one group only
        (
            ["wage_month", "annual_leave", "overtime_month", "premium_weekday", "leave_marriage"],
            "B",
        ),
        (
            ["wage_month", "annual_leave", "overtime_month", "maternity_months", "premium_weekday",
             "leave_marriage", "break_day", "paternity_days"],
            "A",
        ),
    ],
)  # fmt: skip
def test_the_grade_counts_terms_beyond_the_law_and_their_topics(terms, expected):
    assert grading.grade([(term, MORE, ONE) for term in terms]).grade == expected


def test_a_benefit_the_law_does_not_set_counts_when_the_frame_says_so():
    terms = [("meal_allowance", NONE, Decimal(30_000))]
    assert grading.grade(terms).grade == "D"
    frame = grading.frame_from(
        {"source": "x", "count_benefits_without_floor": False,
         "grades": [{"grade": "D", "more_favourable": 1, "groups": 1}], "groups": {}}
    )  # fmt: skip
    assert grading.grade(terms, frame).grade is None


def test_the_frame_is_data_with_its_source():
    frame = grading.default_frame()
    assert "1580/HD-TLĐ" in frame.source
    assert [g[0] for g in frame.grades] == ["A", "B", "C", "D"]


def test_no_sample_article_of_the_library_is_below_the_law():
    import datetime as dt

    from labour_democracy.agreements import floors, library

    for sample in library.samples():
        if sample["term"]:
            check = floors.compare(sample["term"], Decimal(sample["value"]), dt.date(2026, 12, 6))
            assert check.verdict is not Verdict.BELOW, sample["title"]
            assert sample["term"] in floors.KINDS_BY_KEY
