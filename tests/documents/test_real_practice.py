"""What real Vietnamese templates hold and a clerk would otherwise add by hand: legal bases with
the Labour Code's number, the number of copies, the secretary's signature, the agenda's opening
items; and minutes that say what happened and when."""

from __future__ import annotations

import datetime as dt

import pytest

from labour_democracy.conferences.documents import minutes, plan
from labour_democracy.conferences.documents.records import attendance
from labour_democracy.conferences.documents.samples import (
    _SAMPLE_DELEGATES,
    _SAMPLE_HEAD,
    _sample_conference,
    sample_plan,
)
from labour_democracy.dialogue.documents import minutes as dialogue_minutes
from labour_democracy.dialogue.documents.samples import sample_minutes as dialogue_sample
from labour_democracy.documents import checks, engine
from tests.documents import docx_rules

pytestmark = pytest.mark.unit


def _text(template: str, context: dict) -> str:
    return checks.all_text(engine.render_sync(template, context)).replace(engine.NBSP, " ")


def _minutes(opened: dt.datetime, closed: dt.datetime) -> str:
    conference = _sample_conference()  # planned for 15/01/2027
    conference.opened_at, conference.closed_at = opened, closed
    context = minutes.minutes_context(
        _SAMPLE_HEAD,
        conference,
        attendance(conference, _SAMPLE_DELEGATES),
        [],
        [],
        minutes.local_time(closed),
    )
    return _text(minutes.MINUTES, context)


def test_a_conference_held_a_month_early_is_dated_the_day_it_was_held():
    opened = dt.datetime(2026, 12, 10, 1, 0, tzinfo=dt.UTC)  # 08:00 in Hà Nội
    text = _minutes(opened, opened + dt.timedelta(hours=3))
    assert "Bắc Ninh, ngày 10 tháng 12 năm 2026" in text
    assert "08 giờ 00, ngày 10 tháng 12 năm 2026 (kế hoạch: ngày 15 tháng 01 năm 2027)" in text
    assert "kết thúc lúc 11 giờ 00 cùng ngày" in text
    assert "ngày 15 tháng 01 năm 2027," not in text.split("(kế hoạch")[0]


def test_a_conference_that_ended_another_day_says_which():
    opened = dt.datetime(2027, 1, 15, 1, 0, tzinfo=dt.UTC)
    text = _minutes(opened, opened + dt.timedelta(days=1))
    assert "kết thúc lúc 08 giờ 00 ngày 16/01/2027" in text and "cùng ngày" not in text


def test_the_minutes_and_the_plan_cite_their_legal_bases_and_the_copies():
    opened = dt.datetime(2027, 1, 15, 1, 0, tzinfo=dt.UTC)
    text = _minutes(opened, opened + dt.timedelta(hours=3))
    assert "Căn cứ Bộ luật Lao động số 45/2019/QH14;" in text
    assert "Căn cứ Nghị định số 145/2020/NĐ-CP" in text
    assert "lập thành 03 bản" in text
    plan_text = _text(plan.PLAN, sample_plan())
    assert "Căn cứ Bộ luật Lao động số 45/2019/QH14;" in plan_text
    soe = _sample_conference()
    soe.soe_rules = True
    soe_text = _text(
        plan.PLAN,
        {**plan.plan_context(_SAMPLE_HEAD, soe, [], dt.date(2026, 11, 26)), "number": 1},
    )
    assert "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15;" in soe_text


def test_the_dialogue_minutes_are_signed_by_the_secretary_and_say_how_many_copies():
    lines = checks.paragraph_texts(engine.render_sync(dialogue_minutes.MINUTES, dialogue_sample()))
    assert "THƯ KÝ" in lines
    assert any("lập thành 02 bản" in line for line in lines)


def test_the_plan_keeps_the_labour_code_number_and_legal_bases_in_italics():
    content = engine.render_sync(plan.PLAN, sample_plan())
    assert docx_rules.legal_basis_problems(content) == []
    assert docx_rules.labour_code_problems(docx_rules.texts(content)) == []
