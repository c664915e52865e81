"""The suggestions' pages: a worker without an account, the union's moderation, the answer."""

from __future__ import annotations

import re

import pytest

from labour_democracy.core.tables import Enterprise, Role
from labour_democracy.suggestions import rules
from labour_democracy.suggestions.tables import Suggestion
from tests import factories


async def in_english(browser):
    response = await browser.post("/language", {"language": "en", "next": "/"})
    assert response.status_code == 303
    return browser


@pytest.fixture
async def enterprise() -> tuple[int, str]:
    enterprise_id = await factories.enterprise(name="Công ty TNHH May Sông Hồng")
    await factories.user("hr@a.vn", Role.HR, enterprise_id)
    await factories.user("union@a.vn", Role.UNION, enterprise_id)
    token = (await Enterprise.select(Enterprise.public_token).first())["public_token"]
    return enterprise_id, token


def _code(page: str) -> str:
    return re.search(r'id="tracking-code">([^<]+)<', page).group(1).strip()


async def test_a_worker_sends_anonymously_and_later_reads_the_answer(browser_for, enterprise):
    enterprise_id, token = enterprise
    worker = await in_english(await browser_for())
    page = await worker.get(f"/p/{token}")
    assert page.status_code == 200 and f'action="/p/{token}/suggestions"' in page.text
    assert (await worker.get(f"/p/{token}/suggestions")).status_code == 200

    sent = await worker.post(
        f"/p/{token}/suggestions",
        {"kind": "question", "subject": "Lương tháng 13", "body": "Khi nào trả lương tháng 13?"},
    )
    assert sent.status_code == 200 and "Your suggestion was sent" in sent.text
    code = _code(sent.text)
    row = await Suggestion.objects().first()
    assert row.author_name == "" and row.kind == "question" and row.created_by is None

    checked = await worker.post(f"/p/{token}/suggestions/check", {"code": code})
    assert checked.status_code == 200 and "No answer yet" in checked.text

    union = await browser_for("union@a.vn")
    hr = await in_english(await browser_for("hr@a.vn"))
    base = f"/enterprises/{enterprise_id}/suggestions"
    assert "Lương tháng 13" not in (await hr.get(base)).text  # not yet moderated
    assert (await hr.get(f"{base}/{row.id}")).status_code == 404
    assert (await union.post(f"{base}/{row.id}/publish")).status_code == 303
    assert "Lương tháng 13" in (await hr.get(base)).text
    answered = await hr.post(f"{base}/{row.id}/answer", {"answer": "Trả trước Tết 10 ngày."})
    assert answered.status_code == 303

    checked = await worker.post(f"/p/{token}/suggestions/check", {"code": code.lower()})
    assert "Trả trước Tết 10 ngày." in checked.text and "Employer representative" in checked.text
    public = await worker.get(f"/p/{token}")
    assert "Lương tháng 13" in public.text and "Trả trước Tết 10 ngày." in public.text


async def test_bad_input_on_the_public_form_keeps_the_text_and_stores_nothing(
    browser_for, enterprise
):
    _enterprise_id, token = enterprise
    worker = await in_english(await browser_for())
    response = await worker.post(
        f"/p/{token}/suggestions", {"subject": "", "body": "Nội dung giữ lại"}
    )
    assert response.status_code == 422
    assert "This field is required." in response.text and "Nội dung giữ lại" in response.text
    response = await worker.post(f"/p/{token}/suggestions", {"subject": "A", "body": "x" * 5001})
    assert response.status_code == 422 and "at most 5,000 characters" in response.text
    response = await worker.post(
        f"/p/{token}/suggestions", {"kind": "threat", "subject": "A", "body": "B"}
    )
    assert response.status_code == 422
    checked = await worker.post(f"/p/{token}/suggestions/check", {"code": "AAAA-BBBB"})
    assert checked.status_code == 422 and "No suggestion has this code" in checked.text
    assert await Suggestion.count() == 0
    assert (await worker.get("/p/no-such-token/suggestions")).status_code == 404


async def test_the_public_form_is_rate_limited_with_a_clear_message(
    browser_for, enterprise, monkeypatch
):
    _enterprise_id, token = enterprise
    monkeypatch.setattr(rules, "SUBMISSIONS_PER_HOUR", 1)
    worker = await in_english(await browser_for())
    form = {"subject": "Nước uống", "body": "Thêm bình nước ở xưởng 2."}
    assert (await worker.post(f"/p/{token}/suggestions", form)).status_code == 200
    refused = await worker.post(f"/p/{token}/suggestions", form)
    assert refused.status_code == 422 and "Too many requests" in refused.text
    assert await Suggestion.count() == 1


async def test_the_union_rejects_with_a_reason_and_bad_input_changes_nothing(
    browser_for, enterprise
):
    enterprise_id, token = enterprise
    worker = await browser_for()
    sent = await worker.post(f"/p/{token}/suggestions", {"subject": "Tổ trưởng", "body": "..."})
    code = _code(sent.text)
    row = await Suggestion.objects().first()
    union = await in_english(await browser_for("union@a.vn"))
    base = f"/enterprises/{enterprise_id}/suggestions"
    page = await union.get(f"{base}/{row.id}")
    assert page.status_code == 200 and "Do not take it up" in page.text
    refused = await union.post(f"{base}/{row.id}/reject", {"reason": " "})
    assert refused.status_code == 422 and "This field is required." in refused.text
    assert (await Suggestion.objects().first()).status == "received"
    done = await union.post(f"{base}/{row.id}/reject", {"reason": "Nêu tên cá nhân."})
    assert done.status_code == 303
    checked = await (await in_english(worker)).post(f"/p/{token}/suggestions/check", {"code": code})
    assert "Nêu tên cá nhân." in checked.text
    hr = await browser_for("hr@a.vn")
    assert (await hr.post(f"{base}/{row.id}/publish")).status_code == 403


async def test_staff_add_from_paper_group_assign_and_filter(browser_for, enterprise):
    enterprise_id, _token = enterprise
    hr = await in_english(await browser_for("hr@a.vn"))
    base = f"/enterprises/{enterprise_id}/suggestions"
    empty = await hr.get(base)
    assert empty.status_code == 200 and "No suggestion matches" in empty.text
    assert (await hr.get(f"{base}/new")).status_code == 200
    form = {
        "kind": "proposal",
        "subject": "Xe đưa đón",
        "body": "Đề nghị thêm tuyến xe.",
        "channel": "paper_box",
        "received_on": "2026-01-05",
        "author_name": "Phạm Văn Cường",
    }
    created = await hr.post(f"{base}/new", form)
    assert created.status_code == 303
    suggestion_id = int(created.headers["location"].rsplit("/", 1)[1])
    detail = await hr.get(created.headers["location"])
    assert "Phạm Văn Cường" in detail.text and "Xe đưa đón" in detail.text

    bad = await hr.post(f"{base}/new", {**form, "received_on": "2999-01-01"})
    assert bad.status_code == 422 and "cannot be in the future" in bad.text
    assert await Suggestion.count() == 1

    grouped = await hr.post(
        f"{base}/bulk", {"ids": str(suggestion_id), "action": "group", "group_label": "Đi lại"}
    )
    assert grouped.status_code == 303
    assert (await Suggestion.objects().first()).group_label == "Đi lại"
    none_ticked = await hr.post(f"{base}/bulk", {"action": "group", "group_label": "X"})
    assert none_ticked.status_code == 422 and "Tick at least one" in none_ticked.text
    assign = await hr.post(
        f"{base}/bulk", {"ids": str(suggestion_id), "action": "assign", "assign_to": "dialogue"}
    )
    assert assign.status_code == 303
    assert (await Suggestion.objects().first()).topic == "dialogue"

    listing = await hr.get(f"{base}?topic=dialogue&group=Đi lại&q=tuyến")
    assert "Xe đưa đón" in listing.text
    assert "Xe đưa đón" not in (await hr.get(f"{base}?kind=question")).text
    # A query the form would never send still answers with the full list.
    assert (await hr.get(f"{base}?page=abc&status=nonsense")).status_code == 200
    fragment = await hr.get(f"{base}?page=1", headers={"hx-request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.text


async def test_a_paper_suggestion_assigned_to_an_unknown_meeting_is_refused(
    browser_for, enterprise
):
    enterprise_id, _token = enterprise
    hr = await in_english(await browser_for("hr@a.vn"))
    form = {
        "kind": "suggestion",
        "subject": "Ca đêm",
        "body": "Phụ cấp ca đêm.",
        "channel": "at_meeting",
        "received_on": "2026-01-05",
    }
    refused = await hr.post(
        f"/enterprises/{enterprise_id}/suggestions/new", {**form, "assign_to": "conference:99"}
    )
    assert refused.status_code == 422
    assert "Choose a dialogue or conference of this enterprise." in refused.text
    assert await Suggestion.count() == 0
    created = await hr.post(
        f"/enterprises/{enterprise_id}/suggestions/new", {**form, "assign_to": "conference"}
    )
    assert created.status_code == 303
    row = await Suggestion.objects().first()
    assert (row.topic, row.target_id, row.channel) == ("conference", None, "at_meeting")


async def test_a_year_beyond_the_calendar_in_the_filter_finds_nothing(browser_for, enterprise):
    enterprise_id, _token = enterprise
    union = await in_english(await browser_for("union@a.vn"))
    base = f"/enterprises/{enterprise_id}/suggestions"
    for year in ("99999", "-5", "10000"):
        response = await union.get(f"{base}?year={year}")
        assert response.status_code == 200, year


async def test_the_hourly_limit_of_status_checks_says_so_on_the_page(
    browser_for, enterprise, monkeypatch
):
    _enterprise_id, token = enterprise
    monkeypatch.setattr(rules, "CHECKS_PER_HOUR", 1)
    worker = await in_english(await browser_for())
    first = await worker.post(f"/p/{token}/suggestions/check", {"code": "AAAA-BBBB-CCCC"})
    assert "No suggestion has this code" in first.text
    refused = await worker.post(f"/p/{token}/suggestions/check", {"code": "AAAA-BBBB-CCCC"})
    assert refused.status_code == 422
    assert "Too many requests from this connection in the last hour" in refused.text
    assert "No suggestion has this code" not in refused.text
