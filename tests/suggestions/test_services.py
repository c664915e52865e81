"""Suggestions' use cases against the database (both engines)."""

from __future__ import annotations

import datetime as dt

import pytest

from labour_democracy.core.errors import Conflict, Forbidden, Invalid, NotFound
from labour_democracy.core.tables import AuditEntry, Role
from labour_democracy.i18n import today
from labour_democracy.suggestions import rules, services
from labour_democracy.suggestions.schemas import (
    PaperSuggestionForm,
    PublicSuggestionForm,
    SuggestionQuery,
)
from labour_democracy.suggestions.tables import (
    Channel,
    SubmissionWindow,
    Suggestion,
    SuggestionKind,
    SuggestionStatus,
    Topic,
)
from tests import factories
from tests.helpers import installed_only


def public_form(**changes) -> PublicSuggestionForm:
    values = {"subject": "Bữa ăn ca", "body": "Đề nghị tăng khẩu phần bữa ăn ca đêm."}
    values.update(changes)
    return PublicSuggestionForm(**values)


def paper_form(**changes) -> PaperSuggestionForm:
    values = {
        "subject": "Quạt ở xưởng may",
        "body": "Xưởng may 2 nóng, đề nghị lắp thêm quạt.",
        "received_on": today(),
    }
    values.update(changes)
    return PaperSuggestionForm(**values)


@pytest.fixture
async def two():
    a = await factories.enterprise("Công ty A")
    b = await factories.enterprise("Công ty B")
    enterprises = {e.id: e for e in await factories.Enterprise.objects()}
    return enterprises[a], enterprises[b]


async def test_a_worker_sends_anonymously_and_reads_the_answer_with_the_code(two):
    a, _b = two
    code = await services.submit_public(a, public_form(author_name="  "), "10.0.0.1")
    row = await Suggestion.objects().first()
    assert row.author_name == "" and row.author_unit == "" and row.created_by is None
    assert row.status == SuggestionStatus.RECEIVED and row.channel == "public_page"
    assert code not in repr(await Suggestion.select()) and row.tracking_hash
    entry = await AuditEntry.objects().where(AuditEntry.action == "suggestion.received").first()
    assert entry.actor_id is None and "Bữa" not in entry.details

    found = await services.track(a, code, "10.0.0.1")
    assert found["status"] == "received" and found["answer"] == ""
    assert "author_name" not in found

    union = await factories.context(a.id, Role.UNION)
    hr = await factories.context(a.id, Role.HR)
    await services.publish(union, row.id)
    await services.answer(hr, row.id, "Từ tháng 7 khẩu phần tăng 10%.")
    found = await services.track(a, code.lower().replace("-", " "), "10.0.0.1")
    assert found["status"] == "answered" and found["answered_role"] == "hr"
    assert found["answer"] == "Từ tháng 7 khẩu phần tăng 10%."


async def test_the_code_works_only_at_its_own_enterprise(two):
    a, b = two
    code = await services.submit_public(a, public_form(), "10.0.0.1")
    with pytest.raises(Invalid) as error:
        await services.track(b, code, "10.0.0.1")
    assert "No suggestion has this code" in error.value.errors["code"]
    with pytest.raises(Invalid):
        await services.track(a, "garbage", "10.0.0.1")


async def test_a_named_suggestion_keeps_its_author_for_the_union_only(two):
    a, _b = two
    await services.submit_public(
        a, public_form(author_name=" Lê Thị Hoa ", author_unit="Tổ 3"), "10.0.0.1"
    )
    row = await Suggestion.objects().first()
    assert (row.author_name, row.author_unit) == ("Lê Thị Hoa", "Tổ 3")
    entry = await AuditEntry.objects().where(AuditEntry.action == "suggestion.received").first()
    assert "Hoa" not in entry.details


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"subject": ""}, "subject"),
        ({"subject": "   "}, "subject"),
        ({"subject": "x" * (rules.SUBJECT_LIMIT + 1)}, "subject"),
        ({"body": " \n "}, "body"),
        ({"body": "x" * (rules.BODY_LIMIT + 1)}, "body"),
        ({"author_name": "x" * (rules.NAME_LIMIT + 1)}, "author_name"),
    ],
)
async def test_bad_text_is_refused_and_nothing_is_stored(two, changes, field):
    a, _b = two
    with pytest.raises(Invalid) as error:
        await services.submit_public(a, public_form(**changes), "10.0.0.1")
    assert field in error.value.errors
    assert await Suggestion.count() == 0


async def test_text_at_the_limits_is_accepted(two):
    a, _b = two
    await services.submit_public(
        a,
        public_form(
            subject="x" * rules.SUBJECT_LIMIT,
            body="y" * rules.BODY_LIMIT,
            author_name="z" * rules.NAME_LIMIT,
        ),
        "10.0.0.1",
    )
    assert await Suggestion.count() == 1


async def test_the_hourly_limit_of_one_connection(two, monkeypatch):
    a, _b = two
    monkeypatch.setattr(rules, "SUBMISSIONS_PER_HOUR", 3)
    for _ in range(3):
        await services.submit_public(a, public_form(), "10.0.0.1")
    with pytest.raises(Invalid) as error:
        await services.submit_public(a, public_form(), "10.0.0.1")
    assert "Too many requests" in error.value.errors[""]
    assert await Suggestion.count() == 3
    await services.submit_public(a, public_form(), "10.0.0.2")  # another connection
    assert await Suggestion.count() == 4
    assert "10.0.0.1" not in repr(await SubmissionWindow.select())


async def test_the_hourly_limit_of_status_checks(two, monkeypatch):
    a, _b = two
    monkeypatch.setattr(rules, "CHECKS_PER_HOUR", 2)
    code = await services.submit_public(a, public_form(), "10.0.0.1")
    await services.track(a, code, "10.0.0.9")
    await services.track(a, code, "10.0.0.9")
    with pytest.raises(Invalid) as error:
        await services.track(a, code, "10.0.0.9")
    assert "Too many requests" in error.value.errors[""]


async def test_the_employer_reads_only_what_the_union_published(two):
    a, _b = two
    await services.submit_public(a, public_form(subject="Chưa duyệt"), "10.0.0.1")
    await services.submit_public(a, public_form(subject="Đã duyệt"), "10.0.0.1")
    union = await factories.context(a.id, Role.UNION)
    hr = await factories.context(a.id, Role.HR)
    first, second = [
        r["id"] for r in await Suggestion.select(Suggestion.id).order_by(Suggestion.id)
    ]
    await services.publish(union, second)
    assert [r["subject"] for r in await services.list_suggestions(hr)] == ["Đã duyệt"]
    assert len(await services.list_suggestions(union)) == 2
    with pytest.raises(NotFound):
        await services.get_suggestion(hr, first)
    with pytest.raises(Forbidden):
        await services.publish(hr, first)
    with pytest.raises(Conflict):
        await services.answer(union, first, "Chưa được duyệt thì chưa trả lời.")
    public = await services.published_for_public(a)
    assert [r["subject"] for r in public] == ["Đã duyệt"] and "author_name" not in public[0]


async def test_not_taken_up_needs_a_reason_the_author_reads(two):
    a, _b = two
    code = await services.submit_public(a, public_form(), "10.0.0.1")
    union = await factories.context(a.id, Role.UNION)
    row = await Suggestion.objects().first()
    with pytest.raises(Invalid):
        await services.reject(union, row.id, "  ")
    assert (await Suggestion.objects().first()).status == "received"
    await services.reject(union, row.id, "Nội dung nêu tên cá nhân; xin gửi lại.")
    found = await services.track(a, code, "10.0.0.1")
    assert found["status"] == "not_taken_up"
    assert found["rejection_reason"] == "Nội dung nêu tên cá nhân; xin gửi lại."


async def test_enterprise_b_cannot_reach_a_suggestion_of_a(two):
    a, b = two
    await services.submit_public(a, public_form(), "10.0.0.1")
    row = await Suggestion.objects().first()
    union_b = await factories.context(b.id, Role.UNION)
    with pytest.raises(NotFound):
        await services.get_suggestion(union_b, row.id)
    with pytest.raises(NotFound):
        await services.publish(union_b, row.id)
    with pytest.raises(NotFound):
        await services.group(union_b, [row.id], "Bữa ăn")
    assert await services.list_suggestions(union_b) == []
    assert (await services.search(union_b, SuggestionQuery())).total == 0


async def test_paper_suggestions_start_published_and_are_checked(two):
    a, _b = two
    hr = await factories.context(a.id, Role.HR)
    suggestion_id = await services.add_from_paper(hr, paper_form(author_name="Nguyễn Văn Bình"))
    row = await Suggestion.objects().where(Suggestion.id == suggestion_id).first()
    assert row.status == "published" and row.channel == "paper_box"
    assert row.created_by == hr.actor.id and row.tracking_hash is None
    tomorrow = today() + dt.timedelta(days=1)
    with pytest.raises(Invalid) as error:
        await services.add_from_paper(hr, paper_form(received_on=tomorrow))
    assert "received_on" in error.value.errors
    with pytest.raises(Invalid):
        await services.add_from_paper(hr, paper_form(channel=Channel.ONLINE))
    with pytest.raises(Invalid) as error:
        await services.add_from_paper(hr, paper_form(topic=Topic.DIALOGUE, target_id=999))
    assert "assign_to" in error.value.errors
    assert await Suggestion.count() == 1
    federation = await factories.context(a.id, Role.FEDERATION)
    with pytest.raises(Forbidden):
        await services.add_from_paper(federation, paper_form())


async def test_assign_to_a_dialogue_and_list_it_for_the_agenda(two):
    a, b = two

    async def dialogues(context):
        return [(7, "Đối thoại định kỳ 2026")] if context.enterprise_id == a.id else []

    with installed_only(suggestion_targets={"dialogue": dialogues}):
        await _assign_to_a_dialogue_and_list_it_for_the_agenda(a, b)


async def _assign_to_a_dialogue_and_list_it_for_the_agenda(a, b):
    hr = await factories.context(a.id, Role.HR)
    first = await services.add_from_paper(hr, paper_form(subject="Một"))
    second = await services.add_from_paper(hr, paper_form(subject="Hai"))
    await services.add_from_paper(hr, paper_form(subject="Ba"))
    await services.assign(hr, [first, second], Topic.DIALOGUE, 7)
    agenda = await services.list_suggestions(hr, topic=Topic.DIALOGUE, target_id=7)
    assert [r["subject"] for r in agenda] == ["Một", "Hai"]
    assert "tracking_hash" not in agenda[0]
    with pytest.raises(Invalid):
        await services.assign(hr, [first], Topic.CONFERENCE, 7)  # no such conference
    with pytest.raises(Invalid):
        await services.assign(hr, [], Topic.DIALOGUE, 7)
    assert services.parse_assignment("dialogue:7") == (Topic.DIALOGUE, 7)
    assert services.parse_assignment("") == (Topic.GENERAL, None)
    with pytest.raises(Invalid):
        services.parse_assignment("dialogue:x")
    hr_b = await factories.context(b.id, Role.HR)
    with pytest.raises(Invalid):
        await services.assign(hr_b, [first], Topic.DIALOGUE, 7)


async def test_group_and_search(two):
    a, _b = two
    hr = await factories.context(a.id, Role.HR)
    ids = [
        await services.add_from_paper(hr, paper_form(subject=f"Bữa ăn {i}", kind=kind))
        for i, kind in enumerate(
            [SuggestionKind.SUGGESTION, SuggestionKind.QUESTION, SuggestionKind.PROPOSAL]
        )
    ]
    await services.group(hr, ids[:2], "  Bữa   ăn ca ")
    assert await services.group_labels(hr) == ["Bữa ăn ca"]
    with pytest.raises(Invalid):
        await services.group(hr, ids, "x" * (rules.GROUP_LIMIT + 1))
    page = await services.search(hr, SuggestionQuery(group="Bữa ăn ca"))
    assert page.total == 2
    page = await services.search(hr, SuggestionQuery(kind=SuggestionKind.QUESTION))
    assert [r["id"] for r in page.rows] == [ids[1]]
    assert (await services.search(hr, SuggestionQuery(q="ăn 2"))).total == 1
    assert (await services.search(hr, SuggestionQuery(page=99))).page == 1
    newest = [r["id"] for r in (await services.search(hr, SuggestionQuery())).rows]
    oldest = [r["id"] for r in (await services.search(hr, SuggestionQuery(sort="oldest"))).rows]
    assert newest == ids[::-1] and oldest == ids


async def test_pages_of_twenty(two):
    a, _b = two
    hr = await factories.context(a.id, Role.HR)
    for i in range(services.PER_PAGE + 1):
        await services.add_from_paper(hr, paper_form(subject=f"Số {i}"))
    second = await services.search(hr, SuggestionQuery(page=2))
    assert second.total == services.PER_PAGE + 1 and len(second.rows) == 1
    assert second.rows[0]["subject"] == "Số 0"


async def test_the_yearly_answer_rate(two):
    a, _b = two
    hr = await factories.context(a.id, Role.HR)
    union = await factories.context(a.id, Role.UNION)
    ids = [await services.add_from_paper(hr, paper_form(subject=str(i))) for i in range(4)]
    await services.answer(hr, ids[0], "Đồng ý.")
    await services.reject(union, ids[1], "Trùng với kiến nghị khác.")
    rate = await services.answer_rate_for(a.id, today().year)
    assert (rate.done, rate.total) == (1, 3)  # the rejected one is left out
    assert (await services.answer_rate_for(a.id, today().year - 1)).total == 0
    federation = await factories.context(a.id, Role.FEDERATION)
    assert (await services.answer_rate(federation, today().year)).done == 1


async def test_the_federation_reads_the_rates_of_many_enterprises_at_once(two):
    from labour_democracy.suggestions import compliance

    a, b = two
    hr = await factories.context(a.id, Role.HR)
    answered = await services.add_from_paper(hr, paper_form())
    await services.add_from_paper(hr, paper_form())
    await services.answer(hr, answered, "Đồng ý.")
    rates = await compliance.answer_rates([a.id, b.id], today().year)
    assert (rates[a.id].done, rates[a.id].total) == (1, 2)
    assert rates[b.id].ratio is None
    assert await compliance.answer_rates([], today().year) == {}
