"""The Trade Union Law 50/2024/QH15 is cited where a grassroots union acts, and only there
(issue 11, point 9; law.md §9): the conference's plan, minutes and resolution when the union
co-organises, co-chairs and co-signs; the dialogue minutes when its members sit and sign, the
notice of a member list that names them, the reply the union writes. An enterprise without a
union, or with a workers' organisation (Labour Code Arts. 172-174, not the Trade Union Law),
cites Decree 145/2020 and its democracy regulation only."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from labour_democracy.conferences.documents import minutes, plan, resolution
from labour_democracy.conferences.documents.common import legal_bases
from labour_democracy.conferences.documents.records import attendance
from labour_democracy.conferences.documents.samples import (
    _SAMPLE_DELEGATES,
    _SAMPLE_HEAD,
    _sample_conference,
)
from labour_democracy.dialogue.documents import member_list, request_reply
from labour_democracy.dialogue.documents import minutes as dialogue_minutes
from labour_democracy.dialogue.documents import samples as dialogue_samples
from labour_democracy.dialogue.tables import DialogueRequest, MemberList, RequestSide, Side
from labour_democracy.documents import checks, engine
from tests.documents import docx_rules

pytestmark = pytest.mark.unit

UNION_LAW = "Căn cứ Luật Công đoàn số 50/2024/QH15;"
NO_UNION = dataclasses.replace(
    _SAMPLE_HEAD,
    workers="Nhóm đại diện đối thoại của người lao động",
    workers_chair="đại diện Nhóm đại diện đối thoại của người lao động",
    has_union=False,
    union=False,
)
# A workers' organisation at the enterprise represents workers, but is no trade union.
WORKERS_ORGANISATION = dataclasses.replace(_SAMPLE_HEAD, has_union=True, union=False)


def _lines(template: str, context: dict) -> list[str]:
    content = engine.render_sync(template, {**context, "number": 1, "reference": "01/BB-SHVN"})
    return [line.replace(engine.NBSP, " ") for line in checks.paragraph_texts(content)]


def _conference_documents(head) -> dict[str, list[str]]:
    conference = _sample_conference()
    present = attendance(conference, _SAMPLE_DELEGATES)
    closed = dt.datetime(2027, 1, 15, 11, 30)
    return {
        "plan": _lines(plan.PLAN, plan.plan_context(head, conference, [], dt.date(2026, 11, 26))),
        "minutes": _lines(
            minutes.MINUTES, minutes.minutes_context(head, conference, present, [], [], closed)
        ),
        "resolution": _lines(
            resolution.RESOLUTION,
            resolution.resolution_context(head, conference, present, [], []),
        ),
    }


def test_the_conference_documents_cite_the_trade_union_law_where_the_union_co_organises():
    for name, lines in _conference_documents(_SAMPLE_HEAD).items():
        assert UNION_LAW in lines, name
        bases = [line for line in lines if line.startswith("Căn cứ ")]
        # Laws before decrees, the Labour Code first, the last basis ends with a full stop.
        assert bases[0] == "Căn cứ Bộ luật Lao động số 45/2019/QH14;", name
        assert bases.index(UNION_LAW) < next(
            i for i, line in enumerate(bases) if "Nghị định" in line
        ), name
        assert bases[-1].endswith(".") and all(b.endswith(";") for b in bases[:-1]), name
        assert docx_rules.citation_problems(lines) == [], name
        if name == "resolution":  # the union files a copy
            assert any("Lưu: VT, CĐCS." in line for line in lines), name


@pytest.mark.parametrize("head", [NO_UNION, WORKERS_ORGANISATION], ids=["none", "organisation"])
def test_an_enterprise_without_a_union_does_not_cite_the_trade_union_law(head):
    for name, lines in _conference_documents(head).items():
        assert not any("Luật Công đoàn" in line for line in lines), name
        assert not any("CĐCS" in line for line in lines), name  # no union files a copy
        assert any(line.startswith("Căn cứ Nghị định số 145/2020/NĐ-CP") for line in lines), name


def test_a_state_owned_enterprise_with_a_union_cites_both_laws_in_date_order():
    conference = _sample_conference()
    conference.soe_rules = True
    assert legal_bases(_SAMPLE_HEAD, conference) == [
        "Căn cứ Bộ luật Lao động số 45/2019/QH14;",
        "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15;",
        UNION_LAW,
        "Căn cứ Quy chế dân chủ ở cơ sở tại nơi làm việc của Công ty TNHH May Sông Hồng.",
    ]


def _without_union(members):
    """The same people, the union's members now in the workers' dialogue group."""
    for member in members:
        if member.side == Side.UNION:
            member.side = Side.DIALOGUE_GROUP
    return members


def test_the_dialogue_minutes_cite_the_trade_union_law_when_the_union_sits_and_signs():
    lines = _lines(dialogue_minutes.MINUTES, dialogue_samples.sample_minutes())
    assert UNION_LAW in lines
    record = dialogue_samples.sample_record()
    record.members = _without_union(record.members)
    record.__post_init__()
    context = dialogue_minutes.minutes_context(record, dialogue_samples.sample_head())
    assert not any("Luật Công đoàn" in line for line in _lines(dialogue_minutes.MINUTES, context))


def test_the_member_list_cites_the_trade_union_law_when_the_union_names_members():
    lines = _lines(member_list.MEMBER_LIST, dialogue_samples.sample_member_list())
    assert UNION_LAW in lines
    context = member_list.member_list_context(
        dialogue_samples.sample_enterprise(),
        MemberList(id=1, enterprise=1, valid_from=dt.date(2026, 1, 5)),
        _without_union(dialogue_samples.sample_members()),
        {},
        dialogue_samples.sample_head(),
        dt.date(2026, 1, 5),
    )
    assert not any("Luật Công đoàn" in line for line in _lines(member_list.MEMBER_LIST, context))


def _reply(members) -> list[str]:
    request = DialogueRequest(
        id=1,
        enterprise=1,
        side=RequestSide.EMPLOYER,
        requested_by="Ban Giám đốc",
        reason="Kế hoạch sản xuất quý III.",
        submitted_on=dt.date(2026, 5, 4),
        reply_due_on=dt.date(2026, 5, 11),
        replied_on=dt.date(2026, 5, 8),
        reply_at=dt.datetime(2026, 5, 20, 7, 0, tzinfo=dt.UTC),
        reply_place="Phòng họp số 1",
        reply_text="",
    )
    context = request_reply.request_reply_context(
        dialogue_samples.sample_enterprise(),
        request,
        dialogue_samples.sample_head(),
        members,
        dt.date(2026, 5, 8),
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH BẮC NINH",
    )
    return _lines(request_reply.REQUEST_REPLY, context)


def test_the_unions_reply_to_the_employer_cites_the_trade_union_law():
    union = _reply(dialogue_samples.sample_members())
    assert any(
        line.startswith("Căn cứ Luật Công đoàn số 50/2024/QH15 và Điều 40 Nghị định số")
        for line in union
    )
    group = _reply(_without_union(dialogue_samples.sample_members()))
    assert not any("Luật Công đoàn" in line for line in group)
    # The employer's reply to the workers: the employer acts, not the union.
    employer = _lines(request_reply.REQUEST_REPLY, dialogue_samples.sample_request_reply())
    assert not any("Luật Công đoàn" in line for line in employer)
