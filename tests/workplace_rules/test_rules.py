"""The pure rules of the democracy regulation, internal labour rules and disclosure, on both
sides of every boundary."""

from __future__ import annotations

import datetime as dt

import pytest

from labour_democracy.workplace_rules import rules

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("workforce", "required"), [(0, False), (9, False), (10, True), (11, True)]
)
def test_the_regulation_and_internal_rules_start_at_ten_workers(workforce, required):
    assert rules.regulation_required(workforce) is required
    assert rules.internal_rules_required(workforce) is required


def test_state_owned_enterprises_add_the_peoples_inspection_board():
    private = [c.key for c in rules.required_chapters(False)]
    state = [c.key for c in rules.required_chapters(True)]
    assert "inspection_board" not in private and "inspection_board" in state
    assert {"dialogue", "disclosure", "conference", "comment", "decide", "supervise"} <= set(
        private
    )
    assert "Luật Thực hiện dân chủ ở cơ sở" in rules.chapter("disclosure", True).article
    assert "Nghị định số 145/2020/NĐ-CP" in rules.chapter("disclosure", False).article


def test_every_chapter_cites_its_article_and_has_a_default_except_dialogue():
    for state_owned in (False, True):
        for c in rules.required_chapters(state_owned):
            assert c.article
            assert bool(c.default_text) is (c.key != "dialogue")


def test_missing_chapters_are_the_empty_ones():
    every = {c.key: "x" for c in rules.required_chapters(False)}
    assert rules.missing_chapters(False, every) == []
    assert rules.missing_chapters(False, {**every, "conference": "  "}) == ["conference"]
    assert len(rules.missing_chapters(True, {})) == len(rules.required_chapters(True))


def test_the_dialogue_chapter_comes_from_the_dialogue_settings():
    text = rules.dialogue_chapter_text(2, "3, 9", 5)
    assert "2 lần mỗi năm" in text and "tháng 3, 9" in text and "5 ngày làm việc" in text


def test_a_regulation_may_extend_but_not_drop_a_matter_the_law_gives():
    legal = rules.COMMENT_MATTERS
    assert rules.restricted_matters(legal, [*legal, "canteen"]) == []
    assert rules.restricted_matters(legal, legal[1:]) == [legal[0]]


@pytest.mark.parametrize(
    ("consulted", "pending", "missing", "allowed"),
    [(True, 0, 0, True), (False, 0, 0, False), (True, 1, 0, False), (True, 0, 1, False)],
)
def test_issuing_needs_the_consultation_answered_and_every_chapter(
    consulted, pending, missing, allowed
):
    assert rules.may_issue(consulted, pending, missing) is allowed


@pytest.mark.parametrize(
    ("reason", "valid"), [(None, False), ("", False), ("   ", False), ("Trái luật", True)]
)
def test_a_rejected_comment_needs_a_reason(reason, valid):
    assert rules.rejection_reason_valid(reason) is valid


def test_internal_rules_list_the_nine_contents_of_article_118_2():
    assert len(rules.INTERNAL_RULES_KEYS) == 9
    texts = {key: "x" for key in rules.INTERNAL_RULES_KEYS}
    assert rules.missing_contents(texts) == []
    assert rules.missing_contents({**texts, "harassment": ""}) == ["harassment"]


def test_registration_is_due_ten_days_after_issuing():
    issued = dt.date(2026, 3, 2)
    assert rules.registration_due(issued) == dt.date(2026, 3, 12)
    assert rules.registration_due(issued) - issued == dt.timedelta(days=10)


def test_the_authority_answers_within_seven_working_days():
    # Monday 2 March 2026 + 7 working days = Wednesday 11 March (weekends skipped).
    assert rules.authority_reply_due(dt.date(2026, 3, 2)) == dt.date(2026, 3, 11)
    assert rules.authority_reply_due(dt.date(2026, 3, 2), saturday_works=True) == dt.date(
        2026, 3, 10
    )


def test_internal_rules_take_effect_fifteen_days_after_receipt():
    assert rules.internal_rules_effective_on(dt.date(2026, 3, 2)) == dt.date(2026, 3, 17)


def test_state_owned_enterprises_disclose_two_more_matters():
    private = {key for key, _t, _a in rules.disclosure_matters(False)}
    state = {key for key, _t, _a in rules.disclosure_matters(True)}
    assert state - private == {"regulation", "finance_personnel"}
    assert len(private) == 7


@pytest.mark.parametrize(
    ("state_owned", "days", "allowed"),
    [
        (True, 15, True),
        (True, 16, False),
        (True, 0, False),
        (False, 16, True),
        (False, 0, False),
        (False, 1, True),
    ],
)
def test_the_disclosure_deadline_setting(state_owned, days, allowed):
    assert rules.disclosure_days_allowed(state_owned, days) is allowed


def test_a_disclosure_is_late_the_day_after_its_deadline():
    decided = dt.date(2026, 3, 1)
    assert rules.disclosure_due(decided, 15) == dt.date(2026, 3, 16)
    assert not rules.disclosed_late(decided, 15, dt.date(2026, 3, 16), dt.date(2026, 4, 1))
    assert rules.disclosed_late(decided, 15, dt.date(2026, 3, 17), dt.date(2026, 4, 1))
    assert not rules.disclosed_late(decided, 15, None, dt.date(2026, 3, 16))
    assert rules.disclosed_late(decided, 15, None, dt.date(2026, 3, 17))


@pytest.mark.parametrize(
    ("state_owned", "days_shown", "allowed"),
    [(True, 20, True), (True, 19, False), (False, 1, True)],
)
def test_a_state_owned_posting_stays_twenty_consecutive_days(state_owned, days_shown, allowed):
    posted = dt.date(2026, 3, 1)
    until = posted + dt.timedelta(days=days_shown - 1)
    assert rules.posting_until_allowed(state_owned, posted, until) is allowed


def test_the_default_posting_period():
    posted = dt.date(2026, 3, 1)
    assert rules.posting_until_default(True, posted) == dt.date(2026, 3, 20)
    assert rules.posting_until_allowed(True, posted, rules.posting_until_default(True, posted))
    assert rules.posting_until_default(False, posted) is None
